/**
 * `npm start`: the whole system on one machine with embedded defaults and the demo cooperative.
 * PostgreSQL (embedded, unless DATABASE_URL), Redis (redis-server, unless REDIS_URL), maildev
 * (unless SMTP_URL), migrations, idempotent demo seed, the API, the worker and the web app. Ctrl-C stops everything it started.
 */
import { join, resolve } from 'node:path';
import { isPortFree, waitFor } from '../services/ports.mts';
import { startProcess, type Managed } from '../services/processes.mts';
import { onShutdown } from '../services/shutdown.mts';
import { startStack, type Stack } from '../services/stack.mts';

const root = resolve(import.meta.dirname, '../..');
const env = process.env;
const num = (name: string, def: number) => {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
};
const apiPort = num('API_PORT', 3000);
const webPort = num('WEB_PORT', 4200);
const log = (m: string) => console.log(`[ratsinfo] ${m}`);

let stack: Stack | undefined;
const children: Managed[] = [];
let shuttingDown = false;

async function stopAll(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping …');
  await Promise.all(children.map((c) => c.stop()));
  await stack?.stop();
  log('stopped; nothing left running.');
}
async function shutdown(code: number): Promise<never> {
  await stopAll();
  process.exit(code);
}
// Ctrl-C, SIGTERM, SIGHUP: stop everything we started, then exit.
onShutdown(stopAll);

async function main(): Promise<void> {
  stack = await startStack({
    dataDir: env['RATSINFO_DATA_DIR'] ?? join(root, '.data'),
    persistent: true,
    pgPort: num('EMBEDDED_PG_PORT', 5433),
    idpPort: num('IDP_PORT', 8080),
    redisPort: num('EMBEDDED_REDIS_PORT', 6380),
    mailSmtpPort: num('MAILDEV_SMTP_PORT', 1025),
    mailWebPort: num('MAILDEV_WEB_PORT', 1080),
    database: env['EMBEDDED_PG_DATABASE'] ?? 'ratsinfo',
    seed: env['RATSINFO_SEED'] !== 'false',
    log,
  });
  for (const [what, port] of [['API', apiPort], ['web app', webPort]] as const) {
    if (!(await isPortFree(port))) throw new Error(`Port ${port} for the ${what} is taken. Stop what uses it, or set ${what === 'API' ? 'API_PORT' : 'WEB_PORT'}.`);
  }
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...stack.env, NODE_ENV: 'development', WEB_BASE_URL: `http://localhost:${webPort}` };
  // The API never gets the owner's or superuser's connection: it runs as the application role only.
  delete childEnv['DATABASE_ADMIN_URL'];
  delete childEnv['DATABASE_OWNER_URL'];
  delete childEnv['PORT'];
  const nx = join(root, 'node_modules', '.bin', 'nx');
  log('starting the API, the worker and the web app (first build takes a minute) …');
  const api = startProcess('api', nx, ['serve', 'api', '--configuration=development', '--inspect=false'], { cwd: root, env: { ...childEnv, PORT: String(apiPort) } });
  // The worker relays the outbox to BullMQ and sends the mails; more can run beside it (docs/adr/0015).
  const worker = startProcess('worker', nx, ['serve', 'worker', '--configuration=development', '--inspect=false'], { cwd: root, env: childEnv });
  const web = startProcess('web', nx, ['serve', 'web', `--port=${webPort}`], {
    cwd: root,
    env: { ...childEnv, RATSINFO_API_URL: `http://127.0.0.1:${apiPort}` },
  });
  children.push(api, worker, web);
  for (const c of children) void c.exited.then((code) => !shuttingDown && (log(`${c.name} exited (${code}); stopping`), shutdown(1)));
  await waitFor('API readiness', async () => (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).ok, 300_000, 500);
  await waitFor('web app', async () => (await fetch(`http://127.0.0.1:${webPort}/`)).ok, 600_000, 1000);
  console.log(`
  Ratsinfo is running (demo cooperative "Landkreis Jerichower Land" and member towns).

    Web app      http://localhost:${webPort}/
    Portal       http://localhost:${webPort}/burg
    API          http://localhost:${apiPort}/api/tenants
    Health       http://localhost:${apiPort}/health/ready
    Sign-in      ${stack.env.AUTH_URL}/realms/ratsinfo (dev identity provider; demo accounts in README)
    Mail         ${stack.env.MAILDEV_URL ? `http://localhost:${new URL(stack.env.MAILDEV_URL).port}/ (maildev: every mail the system sends)` : `sent through ${new URL(stack.env.SMTP_URL).host}`}

  Data stays in ${env['RATSINFO_DATA_DIR'] ?? '.data/'}; press Ctrl-C to stop everything.
`);
}

main().catch(async (e: Error) => {
  console.error(`[ratsinfo] ${e.message}`);
  await shutdown(1);
});
