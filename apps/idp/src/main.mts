/**
 * The dev IdP as a process:
 *
 *   source tools/scripts/use-node.sh && node apps/idp/src/main.mts
 *
 * Environment: IDP_PORT (8080), IDP_HOST (127.0.0.1), IDP_PUBLIC_URL (http://localhost:{IDP_PORT}),
 * IDP_DATA_FILE (.data/idp/store.json; relative paths from the working directory; "memory" keeps
 * everything in memory), IDP_SEED_DEMO (true), IDP_TEST_CLIENT_SECRET, IDP_DISABLE_TEST_CLIENT,
 * IDP_PROVISIONER_SECRET, IDP_REALM_FILE, IDP_REALM_OVERLAYS, RATSINFO_WEB_URL, IDP_LOGIN_MAX_FAILURES,
 * IDP_LOGIN_MAX_FAILURES_PER_IP, IDP_LOGIN_WINDOW_SECONDS, IDP_LOG_REQUESTS (true); see README.md.
 */
import { resolve } from 'node:path';
import { startDevIdp } from './server.mts';

const env = process.env;
const port = Number(env['IDP_PORT'] || 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`dev IdP: IDP_PORT must be a port number, got ${env['IDP_PORT']}`);
  process.exit(2);
}
const dataFileEnv = env['IDP_DATA_FILE'] || '.data/idp/store.json';
const dataFile = dataFileEnv === 'memory' ? null : resolve(dataFileEnv);
const logRequests = env['IDP_LOG_REQUESTS'] !== 'false';

const idp = await startDevIdp({
  port,
  host: env['IDP_HOST'] || '127.0.0.1',
  publicUrl: env['IDP_PUBLIC_URL'] || `http://localhost:${port}`,
  dataFile,
  seedDemo: env['IDP_SEED_DEMO'] !== 'false',
  log: (line) => {
    if (logRequests || !/^\[idp\] [A-Z]+ \//.test(line)) console.log(line);
  },
});

console.log(`[idp] dev IdP (development only) at ${idp.url}`);
console.log(`[idp]   shared realm: ${idp.url}/realms/ratsinfo   admin: ${idp.url}/realms/master (client ratsinfo-provisioner)`);
console.log(`[idp]   data: ${dataFile ?? 'in memory'}`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[idp] ${signal}: stopping`);
  idp.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('[idp] stop failed', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
