/**
 * Brings up what the API needs: PostgreSQL (embedded unless DATABASE_URL is given) with roles,
 * migrations and the demo seed, and Redis (a redis-server process unless REDIS_URL is given).
 * Shared by the run command (tools/dev/start.mts) and the test command (tools/test/run.mts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ROLE, bootstrapDatabase, roleUrl } from '../db/bootstrap.mts';
import { migrate } from '../db/migrate.mts';
import { freePort, isPortFree } from './ports.mts';
import { startEmbeddedPostgres, type PostgresServer } from './postgres.mts';
import { startRedis, type RedisServer } from './redis.mts';
import { startMaildev } from './maildev.mts';

export interface StackOptions {
  /** Folder for data and secrets of embedded services. */
  dataDir: string;
  persistent: boolean;
  pgPort: number;
  redisPort: number;
  /** Ports of the development SMTP server (maildev) and its web view, unless SMTP_URL is given; 0 = any. */
  mailSmtpPort: number;
  mailWebPort: number;
  /** Port of the dev IdP (Keycloak-compatible) unless AUTH_URL points at a real Keycloak; 0 = any. */
  idpPort: number;
  database: string;
  seed: boolean;
  log: (m: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface Stack {
  env: {
    DATABASE_URL: string;
    DATABASE_OWNER_URL: string;
    /** Only set for the embedded server (tests use it for scratch databases). */
    DATABASE_ADMIN_URL?: string;
    REDIS_URL: string;
    AUTH_URL: string;
    /** Outgoing mail (maildev unless SMTP_URL was given). */
    SMTP_URL: string;
    /** maildev's web view and REST API (only when maildev was started here). */
    MAILDEV_URL?: string;
    /** Folder of the local file storage (uploaded documents); the seed writes its PDFs there. */
    FILE_STORAGE_DIR: string;
    /** Service account secret for the Keycloak admin API (onboarding). */
    KEYCLOAK_ADMIN_CLIENT_SECRET?: string;
    /** Secret of the dev IdP's test client (password grant); tests only. */
    IDP_TEST_CLIENT_SECRET?: string;
  };
  seeded: Record<string, number> | null;
  stop(): Promise<void>;
}

interface Secrets {
  superuser: string;
  owner: string;
  app: string;
  provisioner: string;
  testClient: string;
}

async function loadSecrets(dir: string, persistent: boolean): Promise<Secrets> {
  const file = join(dir, 'secrets.json');
  const gen = () => randomBytes(18).toString('base64url');
  if (persistent && existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
    if (stored.provisioner && stored.testClient) return stored as Secrets;
    // secrets.json of an older checkout: add what is new, keep the rest (the database has them).
    const upgraded = { ...stored, provisioner: stored.provisioner ?? gen(), testClient: stored.testClient ?? gen() } as Secrets;
    await writeFile(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const secrets = { superuser: gen(), owner: gen(), app: gen(), provisioner: gen(), testClient: gen() };
  if (persistent) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const env = o.env ?? process.env;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((e: Error) => o.log(`stop failed: ${e.message}`));
  };
  try {
    const secrets = await loadSecrets(o.dataDir, o.persistent);
    let databaseUrl = env['DATABASE_URL'];
    let ownerUrl = env['DATABASE_OWNER_URL'];
    let adminUrl: string | undefined;
    if (!databaseUrl) {
      if (!(await isPortFree(o.pgPort))) {
        throw new Error(`Port ${o.pgPort} for the embedded PostgreSQL is taken. Stop what uses it, or set EMBEDDED_PG_PORT or DATABASE_URL.`);
      }
      o.log(`starting embedded PostgreSQL on 127.0.0.1:${o.pgPort}`);
      const pg: PostgresServer = await startEmbeddedPostgres({
        dataDir: join(o.dataDir, 'postgres'),
        port: o.pgPort,
        superuserPassword: secrets.superuser,
        persistent: o.persistent,
      });
      stops.push(() => pg.stop());
      const ownerRole = 'ratsinfo_owner';
      await bootstrapDatabase(pg.adminUrl(), { database: o.database, ownerRole, ownerPassword: secrets.owner, appPassword: secrets.app });
      databaseUrl = roleUrl('127.0.0.1', o.pgPort, APP_ROLE, secrets.app, o.database);
      ownerUrl = roleUrl('127.0.0.1', o.pgPort, ownerRole, secrets.owner, o.database);
      adminUrl = pg.adminUrl(o.database);
    }
    if (!ownerUrl) {
      throw new Error('DATABASE_URL is set but DATABASE_OWNER_URL is not: migrations and the seed run as the owner role, so both are needed.');
    }
    const m = await migrate(ownerUrl);
    o.log(`migrations: ${m.applied.length} applied, ${m.alreadyApplied} already applied`);
    let seeded: Record<string, number> | null = null;
    const fileStorageDir = env['FILE_STORAGE_DIR'] ?? join(o.dataDir, 'files');
    if (o.seed) {
      const { seedDemo } = await import('../db/seed/seed.mts');
      const started = performance.now();
      const r = await seedDemo(ownerUrl, { fileStorageDir, log: o.log });
      o.log(`demo seed: ${Math.round(performance.now() - started)} ms`);
      seeded = r.inserted;
      const { seedDemoAccounts } = await import('../db/seed/seed-accounts.mts');
      await seedDemoAccounts(ownerUrl, o.log);
      // the seed runs once per data folder; the demo's live meeting is re-timed to now on every start
      const { refreshLiveDemoMeeting } = await import('../db/seed/live-meeting.mts');
      await refreshLiveDemoMeeting(ownerUrl, { log: o.log });
    }
    let smtpUrl = env['SMTP_URL'];
    let maildevUrl: string | undefined;
    if (!smtpUrl) {
      const smtpPort = o.mailSmtpPort || (await freePort());
      const webPort = o.mailWebPort || (await freePort());
      for (const [what, port, variable] of [['SMTP', smtpPort, 'MAILDEV_SMTP_PORT'], ['mail web view', webPort, 'MAILDEV_WEB_PORT']] as const) {
        if (!(await isPortFree(port))) throw new Error(`Port ${port} for maildev's ${what} is taken. Stop what uses it, or set ${variable} or SMTP_URL.`);
      }
      o.log(`starting maildev (SMTP 127.0.0.1:${smtpPort}, web view :${webPort})`);
      const mail = await startMaildev({ smtpPort, webPort, mailDir: o.persistent ? join(o.dataDir, 'mail') : null, log: o.log });
      stops.push(() => mail.stop());
      smtpUrl = mail.smtpUrl;
      maildevUrl = mail.webUrl;
    }
    let authUrl = env['AUTH_URL'];
    const idpSecrets: { KEYCLOAK_ADMIN_CLIENT_SECRET?: string; IDP_TEST_CLIENT_SECRET?: string } = {};
    if (!authUrl) {
      // A Keycloak-compatible dev IdP (apps/idp) in this process; a real Keycloak via AUTH_URL.
      const { startDevIdp } = await import('../../apps/idp/src/server.mts');
      const port = o.idpPort || (await freePort());
      if (!(await isPortFree(port))) throw new Error(`Port ${port} for the dev identity provider is taken. Stop what uses it, or set IDP_PORT or AUTH_URL.`);
      const host = o.persistent ? 'localhost' : '127.0.0.1';
      const idp = await startDevIdp({
        port,
        host: '127.0.0.1',
        publicUrl: `http://${host}:${port}`,
        dataFile: o.persistent ? join(o.dataDir, 'idp', 'store.json') : null,
        seedDemo: o.seed,
        // Invitation links and errors, not one line per request.
        log: (m: string) => {
          if (!/^\[idp\] [A-Z]+ \S+ \d{3} \d+ms$/.test(m)) o.log(m);
        },
        provisionerSecret: secrets.provisioner,
        smtpUrl,
        testClientSecret: o.persistent ? null : secrets.testClient,
      });
      stops.push(() => idp.stop());
      o.log(`dev identity provider on ${idp.url}`);
      authUrl = idp.url;
      idpSecrets.KEYCLOAK_ADMIN_CLIENT_SECRET = secrets.provisioner;
      if (!o.persistent) idpSecrets.IDP_TEST_CLIENT_SECRET = secrets.testClient;
    }
    let redisUrl = env['REDIS_URL'];
    if (!redisUrl) {
      if (!(await isPortFree(o.redisPort))) {
        throw new Error(`Port ${o.redisPort} for redis-server is taken. Stop what uses it, or set EMBEDDED_REDIS_PORT or REDIS_URL.`);
      }
      o.log(`starting redis-server on 127.0.0.1:${o.redisPort}`);
      const redis: RedisServer = await startRedis({ port: o.redisPort, dataDir: join(o.dataDir, 'redis'), persistent: o.persistent, log: o.log });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
    }
    return {
      env: { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: ownerUrl, ...(adminUrl ? { DATABASE_ADMIN_URL: adminUrl } : {}), REDIS_URL: redisUrl, AUTH_URL: authUrl, SMTP_URL: smtpUrl, ...(maildevUrl ? { MAILDEV_URL: maildevUrl } : {}), FILE_STORAGE_DIR: fileStorageDir, ...idpSecrets },
      seeded,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
