/**
 * The Keycloak-compatible dev IdP as an in-process server (used by `npm start` through main.mts and
 * by tests). Keycloak 26's URL layout:
 *
 *   /realms/{realm}/.well-known/openid-configuration
 *   /realms/{realm}/protocol/openid-connect/{auth,token,certs,userinfo,logout,revoke,token/introspect}
 *   /realms/{realm}/login-actions/…     sign-in form, account set-up (execute-actions e-mail link)
 *   /admin/realms/…                     Admin REST API subset (admin.mts)
 *   /admin/dev/emails                   dev only: the action e-mails "sent"
 *
 * Realms `master` (admin, bootstrap client ratsinfo-provisioner) and `ratsinfo` (shared realm,
 * clients and scopes from deploy/keycloak: the realm file plus the dev overlay) always exist; more
 * are created through the admin API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminApi } from './admin.mts';
import { IdpContext } from './context.mts';
import { HttpError, sendJson } from './http.mts';
import { LoginActions } from './login-actions.mts';
import { LoginLimiter, loginLimitFromEnv, type LoginLimitSettings } from './login-limit.mts';
import { type IdpMailer, smtpMailer } from './mailer.mts';
import { loadRealmFile } from './realm-file.mts';
import { Store } from './store.mts';

export interface DevIdpOptions {
  /** 0 = any free port. */
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Base URL browsers and apps use (issuer = `${publicUrl}/realms/{realm}`); default http://{host}:{port}. */
  publicUrl?: string;
  /** JSON file with realms, keys, users, organizations, sent mails; null/undefined = in memory. */
  dataFile?: string | null;
  /** Load the demo accounts (tools/db/seed/demo-accounts.mts) into realm `ratsinfo` once. */
  seedDemo?: boolean;
  log?: (message: string) => void;
  /** Secret of ratsinfo-tests; null disables that client. Default: env IDP_TEST_CLIENT_SECRET / IDP_DISABLE_TEST_CLIENT. */
  testClientSecret?: string | null;
  /** Secret of ratsinfo-provisioner. Default: env IDP_PROVISIONER_SECRET. */
  provisionerSecret?: string;
  /** The realm import file (default deploy/keycloak/ratsinfo-realm.json; env IDP_REALM_FILE). */
  realmFile?: string;
  /** Dev overlays on it (default deploy/keycloak/dev/ratsinfo-realm.dev.json; env IDP_REALM_OVERLAYS, comma-separated, "none"). */
  realmOverlays?: string[];
  /** Where the IdP's e-mails (invitations, password setup) go: an smtp:// URL (maildev in development). Unset: only recorded and logged. */
  smtpUrl?: string;
  /** Brute-force budgets of password checks. Default: env IDP_LOGIN_MAX_FAILURES, …_PER_IP, IDP_LOGIN_WINDOW_SECONDS. */
  loginLimit?: Partial<LoginLimitSettings>;
}

export interface DevIdp {
  /** The public base URL (no trailing slash). */
  url: string;
  stop(): Promise<void>;
}

/** The dev overlay's password-grant client (deploy/keycloak/dev). */
export const TEST_CLIENT_ID = 'ratsinfo-tests';
export const DEFAULT_TEST_CLIENT_SECRET = 'tests-secret-dev-only';
export const DEFAULT_PROVISIONER_SECRET = 'provisioner-secret-dev-only';

function defaultTestClientSecret(): string | null {
  if (process.env['IDP_DISABLE_TEST_CLIENT'] === 'true') return null;
  return process.env['IDP_TEST_CLIENT_SECRET'] || DEFAULT_TEST_CLIENT_SECRET;
}

export async function startDevIdp(opts: DevIdpOptions): Promise<DevIdp> {
  const log = opts.log ?? (() => undefined);
  const host = opts.host ?? '127.0.0.1';
  const store = await Store.open(opts.dataFile ?? null);
  let mailer: IdpMailer | undefined;

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) return sendJson(res, 503, { error: 'starting' });
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  try {
    const { port } = server.address() as AddressInfo;
    const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    const publicUrl = (opts.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, '');
    const basePath = new URL(publicUrl).pathname.replace(/\/$/, '');

    const testClientSecret = opts.testClientSecret !== undefined ? opts.testClientSecret : defaultTestClientSecret();
    const provisionerSecret = opts.provisionerSecret ?? (process.env['IDP_PROVISIONER_SECRET'] || DEFAULT_PROVISIONER_SECRET);
    const overlaysEnv = process.env['IDP_REALM_OVERLAYS'];
    const realmFile = loadRealmFile({
      file: opts.realmFile ?? (process.env['IDP_REALM_FILE'] || undefined),
      overlays: opts.realmOverlays ?? (overlaysEnv === 'none' ? [] : overlaysEnv ? overlaysEnv.split(',').map((f) => f.trim()) : undefined),
      variables: {
        // the dev IdP's own values for the placeholders of deploy/keycloak
        RATSINFO_WEB_URL: process.env['RATSINFO_WEB_URL'] || 'http://localhost:4200',
        RATSINFO_PROVISIONER_SECRET: provisionerSecret,
        IDP_TEST_CLIENT_SECRET: testClientSecret ?? 'disabled',
      },
      withoutClients: testClientSecret === null ? [TEST_CLIENT_ID] : [],
    });
    mailer = opts.smtpUrl ? smtpMailer(opts.smtpUrl, log) : undefined;
    const ctx = new IdpContext(store, {
      publicUrl,
      ...(mailer ? { mailer } : {}),
      realmFile,
      provisionerSecret,
      log,
      loginLimiter: new LoginLimiter({ ...loginLimitFromEnv(), ...opts.loginLimit }),
    });
    await ctx.init(opts.seedDemo ?? false);
    const admin = new AdminApi(ctx);
    const loginActions = new LoginActions(ctx);

    handler = async (req, res) => {
      const started = performance.now();
      const url = new URL(req.url ?? '/', 'http://dev-idp.invalid');
      // path only: queries carry codes, keys and tokens
      res.on('finish', () => log(`[idp] ${req.method} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)}ms`));
      try {
        let path = url.pathname;
        if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
        if (path.startsWith('/admin/')) return await admin.handle(req, res, path, url.searchParams);
        const m = /^\/realms\/([^/]+)(\/.*)?$/.exec(path);
        if (m) {
          const rt = ctx.realms.get(decodeURIComponent(m[1]));
          if (!rt) return sendJson(res, 404, { error: 'Realm does not exist' });
          if (!rt.record.enabled) return sendJson(res, 403, { error: 'Realm not enabled' });
          const rest = m[2] ?? '';
          if (rest.startsWith('/login-actions/')) return await loginActions.handle(rt, req, res, rest, url);
          return await rt.handle(req, res, rest, url.search);
        }
        if (path === '/' || path === '') {
          return sendJson(res, 200, { name: 'Ratsinfo dev IdP (Keycloak-compatible, development only)', realms: [...ctx.realms.values()].map((r) => r.issuer) });
        }
        sendJson(res, 404, { error: 'Not Found' });
      } catch (err) {
        if (err instanceof HttpError) {
          if (!res.headersSent) sendJson(res, err.status, err.body);
          return;
        }
        log(`[idp] ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'unknown_error' });
        else res.destroy();
      }
    };

    return {
      url: publicUrl,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.save();
        await mailer?.close();
      },
    };
  } catch (err) {
    server.close();
    await mailer?.close();
    throw err;
  }
}
