/**
 * Runs one command against a throw-away stack, e.g. while working on one project:
 *   node tools/test/with-stack.mts npx nx test api-database
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../services/ports.mts';
import { onShutdown } from '../services/shutdown.mts';
import { startStack } from '../services/stack.mts';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node tools/test/with-stack.mts <command> [args…]');
  process.exit(2);
}
const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-stack-'));
const env = { ...process.env };
for (const k of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL', 'REDIS_URL', 'AUTH_URL', 'KEYCLOAK_ADMIN_CLIENT_SECRET']) delete env[k];
const stack = await startStack({ dataDir: dir, persistent: false, pgPort: await freePort(), redisPort: await freePort(), idpPort: 0, mailSmtpPort: 0, mailWebPort: 0, database: 'ratsinfo_test', seed: process.env['RATSINFO_SEED'] !== 'false', log: (m) => console.error(`[stack] ${m}`), env });
let stopped = false;
const stop = async () => {
  if (stopped) return;
  stopped = true;
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
};
onShutdown(stop);
const code = await new Promise<number>((res) => {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...env, ...stack.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' } });
  child.on('exit', (c) => res(c ?? 1));
});
await stop();
process.exit(code);
