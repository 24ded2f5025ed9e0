import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The API's configuration, read once from the environment at boot. A bad value stops the
 * process with a message naming the variable; nothing reads `process.env` after this.
 */
const postgresUrl = z
  .string()
  .refine((s) => /^postgres(ql)?:\/\//.test(s), 'must be a postgresql:// URL');
const redisUrl = z.string().refine((s) => /^rediss?:\/\//.test(s), 'must be a redis:// URL');
const flag = z.enum(['true', 'false'], { message: 'must be true or false' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Connection of the application role (no BYPASSRLS). Secret. */
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** How long a request waits for a free connection before it gets a 503 with Retry-After. */
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
  /** Secret. */
  REDIS_URL: redisUrl,
  /** Bound of the in-memory cache of public responses, in bytes (docs/adr/0008-fast-public-reads.md). */
  PUBLIC_CACHE_MAX_BYTES: z.coerce.number().int().min(65_536).max(8 * 1024 ** 3).default(64 * 1024 ** 2),
  /** Server-sent event streams of the live meeting view one replica holds open at most (docs/adr/0017-live-meeting-events.md). */
  LIVE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** Seconds between heartbeats (and re-reads of watched meetings) on those streams. */
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built web app (dist/apps/web/browser) to serve next to the API; optional. */
  WEB_DIST_DIR: z
    .string()
    .optional()
    // express's sendFile (the SPA fallback for deep links) needs an absolute path.
    .transform((dir) => (dir ? resolve(dir) : undefined)),
  /** Folder of the local file storage (the default storage adapter); created when missing. */
  FILE_STORAGE_DIR: z
    .string()
    .default('.data/files')
    .transform((dir) => resolve(dir)),
  /** Where file bytes live (docs/adr/0021-storage-and-metrics.md): the local folder (default) or an S3-compatible store. */
  FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  /** S3 endpoint (MinIO, Ceph, another provider); unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  /** Bucket of the file store; required when FILE_STORAGE=s3. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  /** Unset: the SDK's default credential chain (instance or pod role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  /** Secret. */
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: flag.default('false').transform((v) => v === 'true'),
  /** Checksum each uploaded part carries and the store verifies; `none` for stores that refuse it. */
  S3_CHECKSUM_ALGORITHM: z.enum(['CRC32', 'CRC32C', 'SHA256', 'none']).default('CRC32'),
  /**
   * Bearer token that GET /metrics requires (Prometheus `authorization.credentials`). Unset: the
   * API serves no /metrics at all (404). Secret.
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  /** Port of the worker's metrics server (GET /metrics); unset: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Largest accepted upload in bytes, enforced while streaming (default 50 MB). */
  FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 ** 3).default(50 * 1024 ** 2),
  /** Public base URL of this deployment, used for absolute links (OParl, feeds). */
  PUBLIC_BASE_URL: z.url().optional(),
  /** The OParl System object (docs/oparl.md): the platform's name, contact and the vendor's and product's web pages. */
  OPARL_SYSTEM_NAME: z.string().min(1).max(200).default('Ratsinfo'),
  OPARL_CONTACT_EMAIL: z.email().optional(),
  OPARL_CONTACT_NAME: z.string().min(1).max(200).optional(),
  OPARL_VENDOR_URL: z.url().optional(),
  OPARL_PRODUCT_URL: z.url().optional(),

  /** Where people open the web app (links in invitations). */
  WEB_BASE_URL: z.url().default('http://localhost:4200'),
  /** Keycloak's base URL (realms live under /realms/{realm}); the dev IdP in development. */
  AUTH_URL: z.url().default('http://localhost:8080'),
  /** The shared realm: one Keycloak Organization per tenant, and the operators. */
  AUTH_REALM: z.string().regex(/^[A-Za-z0-9._-]+$/).default('ratsinfo'),
  /** The `aud` every access token for this API must carry. */
  AUTH_AUDIENCE: z.string().min(1).default('ratsinfo-api'),
  /** Public client of the web app (PKCE). */
  AUTH_WEB_CLIENT_ID: z.string().min(1).default('ratsinfo-web'),
  AUTH_ALGORITHMS: z
    .string()
    .default('RS256,PS256,ES256')
    .transform((s) => s.split(',').map((a) => a.trim()))
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])).min(1)),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  /**
   * Which proxies in front of the API to trust for the client's address (X-Forwarded-For), as
   * express' `trust proxy`: a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`, …).
   * Unset: none; every client is the peer address. Rate limits key on this address.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' || v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  /**
   * Graceful stop (SIGTERM): readiness answers 503 for this long before the server stops accepting,
   * so that the load balancer (health checks, Kubernetes endpoints) stops sending first; then the
   * requests in flight get up to SHUTDOWN_TIMEOUT_MS to finish.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(300_000).default(15_000),
  /** Rate limits, shared by all API replicas through Redis: requests per window per client address and per signed-in person. */
  RATE_LIMIT_ENABLED: flag.default('true').transform((v) => v === 'true'),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(600),
  /** Outgoing mail: an smtp:// (or smtps://) URL with optional user:password; maildev in development. Secret. */
  SMTP_URL: z.string().refine((s) => /^smtps?:\/\//.test(s), 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  /** The cooperative's sender when an authority has not set its own. */
  MAIL_FROM_ADDRESS: z.email().default('ratsinfo@localhost'),
  MAIL_FROM_NAME: z.string().max(200).default('Ratsinfo'),
  /** Worker (docs/adr/0015-worker-jobs-and-mail.md): how long a relayed outbox event stays leased to its job. */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(600_000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** Attempts of a job before it is a dead letter, and the first backoff (doubling each time). */
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  /** BullMQ lock of an active job; a worker that died is noticed after about this long. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Parallel jobs per queue in one worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Text extraction limits per file. */
  EXTRACTION_MAX_PAGES: z.coerce.number().int().min(1).max(10_000).default(300),
  EXTRACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
  /** Keycloak admin API (onboarding): a confidential client with service account in the admin realm. */
  KEYCLOAK_ADMIN_REALM: z.string().default('master'),
  KEYCLOAK_ADMIN_CLIENT_ID: z.string().default('ratsinfo-provisioner'),
  /** Secret. */
  KEYCLOAK_ADMIN_CLIENT_SECRET: z.string().optional(),
});

export type AppConfig = Readonly<z.infer<typeof schema>>;
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Variables whose values must never be logged. */
export const SECRET_CONFIG_KEYS: readonly (keyof AppConfig)[] = ['DATABASE_URL', 'REDIS_URL', 'KEYCLOAK_ADMIN_CLIENT_SECRET', 'SMTP_URL', 'S3_SECRET_ACCESS_KEY', 'METRICS_TOKEN'];

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Rules that only hold in production: tokens must come from an identity provider reached over
 * TLS on a real host, and absolute links need the public address.
 */
const productionSchema = schema.superRefine((c, ctx) => {
  if (c.FILE_STORAGE === 's3' && !c.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when FILE_STORAGE=s3' });
  if (Boolean(c.S3_ACCESS_KEY_ID) !== Boolean(c.S3_SECRET_ACCESS_KEY)) ctx.addIssue({ code: 'custom', path: [c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'], message: 'must be set together with its pair' });
  if (c.NODE_ENV !== 'production') return;
  const auth = new URL(c.AUTH_URL);
  if (auth.protocol !== 'https:') ctx.addIssue({ code: 'custom', path: ['AUTH_URL'], message: 'must be an https:// URL in production' });
  if (isLocalHost(auth.hostname)) ctx.addIssue({ code: 'custom', path: ['AUTH_URL'], message: 'must not point to localhost in production' });
  if (!c.PUBLIC_BASE_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required in production' });
});

function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\./.test(h);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = productionSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '?'),
        reason: i.code === 'invalid_type' && env[String(i.path[0])] === undefined ? 'is required but not set' : i.message,
      })),
    );
  }
  return Object.freeze(result.data);
}
