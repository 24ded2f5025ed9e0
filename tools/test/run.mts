/**
 * `npm test`: throw-away PostgreSQL and Redis on free ports, migrations and demo seed, every
 * Nx project's tests, then the browser tests against the built app; one closing line
 * `N passed, N failed[, N skipped]` summed over all projects. Exit code 1 on any failure.
 */
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, waitFor } from '../services/ports.mts';
import { startProcess, type Managed } from '../services/processes.mts';
import { onShutdown } from '../services/shutdown.mts';
import { startStack, type Stack } from '../services/stack.mts';
import { closingLine, summarize } from './junit-summary.mts';

const root = resolve(import.meta.dirname, '../..');
const resultsDir = join(root, 'test-results', 'junit');
const log = (m: string) => console.log(`[test] ${m}`);
const nx = join(root, 'node_modules', '.bin', 'nx');
const skipE2E = process.env['RATSINFO_SKIP_E2E'] === 'true';
/** For development only: `RATSINFO_E2E_ONLY="src/live.spec.ts src/x.spec.ts"` runs just these browser tests (nothing else). */
const e2eOnly = (process.env['RATSINFO_E2E_ONLY'] ?? '').split(/\s+/).filter(Boolean);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => res(code ?? (signal ? 1 : 0)));
  });
}

let stack: Stack | undefined;
let api: Managed | undefined;
let worker: Managed | undefined;
let tmp: string | undefined;
const cleanup = async () => {
  await api?.stop();
  api = undefined;
  await worker?.stop();
  worker = undefined;
  await stack?.stop();
  stack = undefined;
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = undefined;
};
onShutdown(cleanup);

async function main(): Promise<number> {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  tmp = await mkdtemp(join(tmpdir(), 'ratsinfo-test-'));
  // The test run never touches the developer's DATABASE_URL / REDIS_URL: always its own servers.
  const cleanEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL', 'REDIS_URL', 'AUTH_URL', 'KEYCLOAK_ADMIN_CLIENT_SECRET', 'SMTP_URL']) delete cleanEnv[k];
  stack = await startStack({
    dataDir: tmp,
    persistent: false,
    pgPort: await freePort(),
    redisPort: await freePort(), idpPort: 0, mailSmtpPort: 0, mailWebPort: 0,
    database: 'ratsinfo_test',
    seed: true,
    log,
    env: cleanEnv,
  });
  const env: NodeJS.ProcessEnv = { ...cleanEnv, ...stack.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', TEST_RESULTS_DIR: resultsDir, CI: process.env['CI'] ?? 'true' };
  const failures: string[] = [];

  // The worker's fault tests start real worker processes from the build (docs/adr/0015).
  log('building the worker for its process tests');
  const workerBuild = await run(nx, ['build', 'worker', '--outputStyle=stream'], env);
  if (workerBuild !== 0) failures.push('worker build');
  env['WORKER_MAIN'] = join(root, 'dist/apps/worker/main.js');

  if (e2eOnly.length > 0) log(`only the browser tests ${e2eOnly.join(', ')} (RATSINFO_E2E_ONLY)`);
  else {
    log('unit, service and HTTP tests of every project');
    const unit = await run(nx, ['run-many', '-t', 'test', '--all', '--skip-nx-cache', '--parallel=2', '--outputStyle=stream', '--exclude=web-e2e,worker,api'], env);
    if (unit !== 0) failures.push('project tests');
    // Suites that start real worker processes run after the others, one at a time: a worker
    // relays every tenant's outbox events, so beside them the outbox tests of api-database (which
    // claim and count their own events) would find theirs taken, and the fault figures would mix
    // with other suites' load.
    log('API HTTP tests');
    const apiTests = await run(nx, ['test', 'api', '--skip-nx-cache', '--outputStyle=stream'], env);
    if (apiTests !== 0) failures.push('api tests');
    log('worker process and fault tests');
    const workerTests = await run(nx, ['test', 'worker', '--skip-nx-cache', '--outputStyle=stream'], env);
    if (workerTests !== 0) failures.push('worker tests');
  }

  if (skipE2E) {
    log('browser tests skipped (RATSINFO_SKIP_E2E=true)');
  } else {
    log('building api and web for the browser tests');
    const build = await run(nx, ['run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=stream'], env);
    if (build !== 0) failures.push('build for browser tests');
    else {
      const port = await freePort();
      const apiEnv: NodeJS.ProcessEnv = { ...env, PORT: String(port), HOST: '127.0.0.1', WEB_DIST_DIR: join(root, 'dist/apps/web/browser'), WEB_BASE_URL: `http://127.0.0.1:${port}` };
      delete apiEnv['DATABASE_OWNER_URL'];
      delete apiEnv['DATABASE_ADMIN_URL'];
      api = startProcess('api', process.execPath, [join(root, 'dist/apps/api/main.js')], { cwd: root, env: apiEnv, output: () => undefined });
      // The worker, so that what the browser tests trigger (mails, extraction, bundles, exports) happens.
      worker = startProcess('worker', process.execPath, [join(root, 'dist/apps/worker/main.js')], { cwd: root, env: { ...apiEnv, WEB_BASE_URL: apiEnv['WEB_BASE_URL'] }, output: () => undefined });
      try {
        await waitFor('API readiness', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 60_000, 200);
        const e2e = await run(nx, ['e2e', 'web-e2e', '--skip-nx-cache', '--outputStyle=stream', ...(e2eOnly.length ? ['--', ...e2eOnly] : [])], {
          ...env,
          E2E_BASE_URL: `http://127.0.0.1:${port}`,
          E2E_LOGIN: 'true',
          // The dev IdP, for tests that follow an invitation e-mail (GET /admin/dev/emails).
          E2E_IDP_URL: stack.env.AUTH_URL,
          E2E_PROVISIONER_SECRET: stack.env.KEYCLOAK_ADMIN_CLIENT_SECRET ?? '',
          // maildev's REST API, for tests that read the mails the worker sent.
          E2E_MAILDEV_URL: stack.env.MAILDEV_URL ?? '',
        });
        if (e2e !== 0) failures.push('browser tests');
      } catch (e) {
        failures.push(`browser tests: ${(e as Error).message}`);
      }
      await api.stop();
      api = undefined;
      await worker?.stop();
      worker = undefined;
    }
  }

  // Two api and two worker processes of the production build behind HAProxy, killed and
  // restarted under load (issue 11). After everything else: it loads the machine for a minute.
  if (e2eOnly.length === 0 && process.env['RATSINFO_SKIP_SCALE'] !== 'true') {
    log('scale-out test (two apis, two workers, HAProxy)');
    const built = skipE2E ? await run(nx, ['build', 'api', '--outputStyle=stream'], env) : 0;
    const scale = built === 0 ? await run(join(root, 'node_modules', '.bin', 'jest'), ['-c', 'apps/api/jest.scale.config.cts'], { ...env, API_MAIN: join(root, 'dist/apps/api/main.js') }) : 1;
    if (scale !== 0) failures.push('scale-out test');
  }

  const { total, perFile } = await summarize(resultsDir);
  for (const [file, c] of Object.entries(perFile)) log(`${file.replace(/\.xml$/, '')}: ${closingLine(c)}`);
  if (total.passed + total.failed === 0) failures.push('no test reports were written');
  if (failures.length) log(`failed: ${failures.join(', ')}`);
  console.log(closingLine(total));
  return failures.length || total.failed ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (e: Error) => {
    console.error(`[test] ${e.stack ?? e.message}`);
    await cleanup();
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
