/**
 * One realm = one oidc-provider instance mounted under /realms/{realm}, with Keycloak 26's
 * endpoint paths and Keycloak-shaped tokens:
 *
 *   access token   JWT, RS256, header typ "JWT"; iss, aud "ratsinfo-api", azp, sub, exp/iat/jti,
 *                  typ "Bearer", sid, scope, realm_access.roles, preferred_username, email,
 *                  email_verified, name, given_name, family_name, organization (aliases)
 *   refresh token  opaque inside oidc-provider, handed out wrapped in an HS512 JWT envelope
 *                  (typ "Refresh") because keycloak-js decodes refresh tokens
 *   ID token       oidc-provider's, with the profile/e-mail/organization claims
 *
 * Userinfo and token introspection are answered here (oidc-provider rejects JWT access tokens
 * with a resource audience at its userinfo endpoint and cannot introspect unstored JWTs).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compactVerify, createLocalJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import Provider, {
  errors,
  type Adapter,
  type AdapterPayload,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { publicJwk, verifyPassword } from './crypto.mts';
import { HttpError, readForm, sendJson } from './http.mts';
import type { LoginLimiter } from './login-limit.mts';
import { errorPage, loggedOutPage, logoutPage, pickLang, type Lang } from './pages.mts';
import type { RealmRecord, Store, UserRecord } from './store.mts';

/** The API's audience: every access token's `aud`. */
export const API_AUDIENCE = 'ratsinfo-api';
/** The resource indicator (RFC 8707) behind it; the default resource of every token request. */
export const API_RESOURCE = 'urn:ratsinfo:api';
/** Keycloak's default client scopes: always in `scope` (and their claims in the tokens). */
const DEFAULT_SCOPES = ['profile', 'email', 'organization'];
const SUPPORTED_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'organization', 'roles', 'web-origins', 'acr', 'basic'];
const PROFILE_CLAIMS = ['preferred_username', 'name', 'given_name', 'family_name', 'email', 'email_verified', 'organization'];

/** Keycloak's realm defaults (seconds). */
const TTL = { accessToken: 300, idToken: 300, code: 60, refreshToken: 1800, session: 36000, interaction: 1800, grant: 36000 };

export interface IdpSettings {
  /** Public base URL without trailing slash, e.g. http://localhost:8080 */
  publicUrl: string;
  /** Secret of `ratsinfo-tests` (password grant); null disables the client. */
  testClientSecret: string | null;
  provisionerSecret: string;
  log: (message: string) => void;
  /** Brute-force protection of password checks. */
  loginLimiter: LoginLimiter;
}

export interface ClientDefinition {
  metadata: ClientMetadata;
  /** Keycloak-style redirect URI patterns (`*` at the end, `:*` as port). */
  redirectPatterns: string[];
  /** Realm roles of the client's service account (confidential clients with client_credentials). */
  serviceAccountRoles?: string[];
}

export const WEB_CLIENT_ID = 'ratsinfo-web';
export const TEST_CLIENT_ID = 'ratsinfo-tests';
export const PROVISIONER_CLIENT_ID = 'ratsinfo-provisioner';

/** The clients every realm has: the provisioner in master, the web app (and test client) elsewhere. */
export function clientDefinitions(realm: string, settings: IdpSettings): ClientDefinition[] {
  if (realm === 'master') {
    return [
      {
        metadata: {
          client_id: PROVISIONER_CLIENT_ID,
          client_secret: settings.provisionerSecret,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'client_secret_basic',
        },
        redirectPatterns: [],
        serviceAccountRoles: ['admin'],
      },
    ];
  }
  const web: ClientDefinition = {
    metadata: {
      client_id: WEB_CLIENT_ID,
      client_name: 'Ratsinfo',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://localhost:4200/'],
      post_logout_redirect_uris: ['http://localhost:4200/'],
    },
    redirectPatterns: ['http://localhost:4200/*', 'http://localhost:*/*', 'http://127.0.0.1:*/*'],
  };
  if (settings.testClientSecret === null) return [web];
  const tests: ClientDefinition = {
    metadata: {
      client_id: TEST_CLIENT_ID,
      client_secret: settings.testClientSecret,
      grant_types: ['password'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    redirectPatterns: [],
  };
  return [web, tests];
}

/** Keycloak's wildcard redirect URIs: `http://localhost:4200/*`, `http://127.0.0.1:*\/*`. */
export function redirectPatternMatches(pattern: string, uri: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  if (parsed.hash || parsed.username || parsed.password) return false;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(':*/', ':\\d{1,5}/').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(uri);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** A Map-backed oidc-provider adapter, one per realm (sessions, codes, grants; not persisted). */
function memoryAdapter(): new (name: string) => Adapter {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number | null }>();
  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return class MemoryAdapter implements Adapter {
    readonly name: string;
    constructor(name: string) {
      this.name = name;
    }
    #key(id: string): string {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      entries.set(this.#key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      return live(this.#key(id));
    }
    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      for (const [key] of entries) {
        const p = key.startsWith(`${this.name}:`) ? live(key) : undefined;
        if (p?.userCode === userCode) return p;
      }
      return undefined;
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      for (const [key] of entries) {
        const p = key.startsWith(`${this.name}:`) ? live(key) : undefined;
        if (p?.uid === uid) return p;
      }
      return undefined;
    }
    async consume(id: string): Promise<void> {
      const p = live(this.#key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      entries.delete(this.#key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
    }
  };
}

/** The claims of the access-token customizer's token argument that are read here. */
interface TokenView {
  kind: string;
  clientId?: string;
  accountId?: string;
  sid?: string;
  scope?: string;
}

/** Payload of an access token this IdP issued, after verification. */
export interface AccessTokenClaims extends JWTPayload {
  typ: 'Bearer';
  azp: string;
  sub: string;
  scope?: string;
  realm_access?: { roles: string[] };
}

export class RealmRuntime {
  readonly name: string;
  readonly record: RealmRecord;
  readonly issuer: string;
  /** Path prefix of this realm, e.g. /realms/ratsinfo */
  readonly pathPrefix: string;
  readonly provider: Provider;
  readonly clients: ClientDefinition[];
  readonly #store: Store;
  readonly #settings: IdpSettings;
  readonly #callback: (req: IncomingMessage, res: ServerResponse) => unknown;
  readonly #jwks: ReturnType<typeof createLocalJWKSet>;
  readonly #refreshKey: Uint8Array;
  readonly #publicOrigin: URL;

  constructor(store: Store, record: RealmRecord, settings: IdpSettings) {
    this.#store = store;
    this.#settings = settings;
    this.record = record;
    this.name = record.realm;
    this.#publicOrigin = new URL(settings.publicUrl);
    const basePath = this.#publicOrigin.pathname.replace(/\/$/, '');
    this.pathPrefix = `${basePath}/realms/${encodeURIComponent(record.realm)}`;
    this.issuer = `${settings.publicUrl}/realms/${encodeURIComponent(record.realm)}`;
    this.clients = clientDefinitions(record.realm, settings);
    this.#jwks = createLocalJWKSet({ keys: [publicJwk(record.signingKey)] });
    this.#refreshKey = new TextEncoder().encode(`refresh:${record.secret}`);
    this.provider = this.#createProvider();
    this.#callback = this.provider.callback();
  }

  client(clientId: string): ClientDefinition | undefined {
    return this.clients.find((c) => c.metadata.client_id === clientId);
  }

  /** Exact registered URI or a Keycloak-style pattern of the client. */
  redirectAllowed(clientId: string, uri: string): boolean {
    const def = this.client(clientId);
    if (!def) return false;
    return (def.metadata.redirect_uris ?? []).includes(uri) || def.redirectPatterns.some((p) => redirectPatternMatches(p, uri));
  }

  /** The user, if it exists and may sign in. */
  activeUser(id: string | undefined): UserRecord | undefined {
    const user = id ? this.#store.userById(this.record, id) : undefined;
    return user?.enabled ? user : undefined;
  }

  realmRoles(user: UserRecord): string[] {
    return unique([...user.realmRoles, `default-roles-${this.name}`, 'offline_access', 'uma_authorization']);
  }

  /** Profile, e-mail and organization claims as Keycloak's default client scopes map them. */
  userClaims(user: UserRecord): Record<string, unknown> {
    const organizations = this.#store
      .organizationsOf(this.record, user.id)
      .filter((o) => o.enabled)
      .map((o) => o.alias);
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    return {
      email_verified: user.emailVerified,
      ...(organizations.length > 0 ? { organization: organizations } : {}),
      ...(name ? { name } : {}),
      preferred_username: user.username,
      ...(user.firstName ? { given_name: user.firstName } : {}),
      ...(user.lastName ? { family_name: user.lastName } : {}),
      ...(user.email ? { email: user.email } : {}),
    };
  }

  /** Verifies an access token of this realm (signature, issuer, expiry, typ Bearer). */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const { payload } = await jwtVerify(token, this.#jwks, { issuer: this.issuer, algorithms: ['RS256'] });
    if (payload['typ'] !== 'Bearer' || typeof payload.sub !== 'string') throw new Error('not an access token');
    return payload as AccessTokenClaims;
  }

  /** Authenticates a confidential client of this realm (Basic or client_secret_post). */
  authenticateClient(req: IncomingMessage, form: URLSearchParams): ClientDefinition | undefined {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const auth = req.headers.authorization;
    if (auth?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) {
        clientId = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, '%20'));
        secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, '%20'));
      }
    }
    const def = clientId ? this.client(clientId) : undefined;
    if (!def?.metadata.client_secret || def.metadata.client_secret !== secret) return undefined;
    return def;
  }

  /** Handles a request under this realm's path prefix (req.url is the full path). */
  async handle(req: IncomingMessage, res: ServerResponse, rest: string, search: string): Promise<void> {
    switch (rest) {
      case '/protocol/openid-connect/userinfo':
        return this.#userinfo(req, res);
      case '/protocol/openid-connect/token/introspect':
        return this.#introspect(req, res);
      case '/protocol/openid-connect/3p-cookies/step1.html':
      case '/protocol/openid-connect/3p-cookies/step2.html':
        // keycloak-js probes third-party cookies before using its session iframe; answering
        // "unsupported" makes it skip the iframe (the dev IdP has none) instead of timing out.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end('<!DOCTYPE html><html lang="en"><head><title>3p-cookies</title></head><body><script>parent.postMessage("unsupported", "*");</script></body></html>');
        return;
      default:
        break;
    }
    // Mount oidc-provider: it sees the path below the realm and computes its URLs from
    // originalUrl (mount path) and the forwarded host/proto (the public URL).
    const mounted = req as IncomingMessage & { originalUrl?: string; baseUrl?: string };
    mounted.originalUrl = `${this.pathPrefix}${rest}${search}`;
    mounted.baseUrl = this.pathPrefix;
    mounted.url = `${rest || '/'}${search}`;
    // keycloak-js calls the token endpoint with credentials: 'include', so browsers need
    // Allow-Credentials next to the (allowed) origin that oidc-provider reflects.
    const origin = req.headers.origin;
    if (typeof origin === 'string' && this.#originAllowed(WEB_CLIENT_ID, origin)) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        if (res.getHeader('access-control-allow-origin') === origin) res.setHeader('access-control-allow-credentials', 'true');
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    req.headers['x-forwarded-host'] = this.#publicOrigin.host;
    req.headers['x-forwarded-proto'] = this.#publicOrigin.protocol.replace(':', '');
    await this.#callback(req, res);
  }

  #createProvider(): Provider {
    const realmPath = this.pathPrefix;
    const endpoint = (path: string) => `${this.issuer}/protocol/openid-connect${path}`;
    const resourceServer = {
      audience: API_AUDIENCE,
      scope: SUPPORTED_SCOPES.join(' '),
      accessTokenFormat: 'jwt' as const,
      accessTokenTTL: TTL.accessToken,
      jwt: { sign: { alg: 'RS256' as const } },
    };
    const langOf = (ctx: KoaContextWithOIDC): Lang => {
      const params = ctx.oidc?.params as Record<string, unknown> | undefined;
      return pickLang(
        typeof ctx.query['lang'] === 'string' ? ctx.query['lang'] : undefined,
        [params?.['ui_locales'] as string | undefined, params?.['kc_locale'] as string | undefined],
        ctx.get('accept-language'),
      );
    };

    const configuration: Configuration = {
      adapter: memoryAdapter(),
      clients: this.clients.map((c) => c.metadata),
      jwks: { keys: [this.record.signingKey as never] },
      cookies: {
        keys: [this.record.secret],
        long: { httpOnly: true, sameSite: 'lax', path: `${realmPath}/` },
        short: { httpOnly: true, sameSite: 'lax' },
      },
      routes: {
        authorization: '/protocol/openid-connect/auth',
        token: '/protocol/openid-connect/token',
        jwks: '/protocol/openid-connect/certs',
        userinfo: '/protocol/openid-connect/userinfo',
        end_session: '/protocol/openid-connect/logout',
        revocation: '/protocol/openid-connect/revoke',
        introspection: '/protocol/openid-connect/token/introspect',
        pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
        device_authorization: '/protocol/openid-connect/auth/device',
        code_verification: '/device',
        backchannel_authentication: '/protocol/openid-connect/ext/ciba/auth',
      },
      discovery: {
        userinfo_endpoint: endpoint('/userinfo'),
        introspection_endpoint: endpoint('/token/introspect'),
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        check_session_iframe: undefined,
      },
      scopes: SUPPORTED_SCOPES,
      claims: {
        // Keycloak applies the default scopes profile, email (and, here, organization) to every
        // request, so their claims come with `openid` already.
        openid: ['sub', ...PROFILE_CLAIMS],
        profile: ['preferred_username', 'name', 'given_name', 'family_name'],
        email: ['email', 'email_verified'],
        organization: ['organization'],
      },
      extraParams: ['kc_locale', 'lang', 'kc_idp_hint'],
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        introspection: { enabled: false },
        revocation: { enabled: true },
        userinfo: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx, form) => {
            ctx.type = 'html';
            ctx.body = logoutPage(langOf(ctx), form, !!(ctx.oidc.params as Record<string, unknown> | undefined)?.['id_token_hint']);
          },
          postLogoutSuccessSource: (ctx) => {
            ctx.type = 'html';
            ctx.body = loggedOutPage(langOf(ctx));
          },
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => API_RESOURCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator) => {
            if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
            return resourceServer;
          },
        },
      },
      formats: {
        customizers: { jwt: (_ctx, token, parts) => this.#keycloakAccessToken(token as unknown as TokenView, parts) },
      },
      findAccount: (_ctx, sub) => {
        const user = this.activeUser(sub);
        if (!user || user.serviceAccountClientId) return undefined;
        return { accountId: user.id, claims: () => ({ sub: user.id, ...this.userClaims(user) }) };
      },
      interactions: {
        url: (_ctx, interaction) => `${realmPath}/login-actions/authenticate/${interaction.uid}`,
      },
      // First-party clients only: consent is granted on the user's behalf (no consent screen).
      loadExistingGrant: async (ctx) => {
        const { oidc } = ctx;
        if (!oidc.client || !oidc.session?.accountId) return undefined;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
        const grant =
          (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ??
          new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
        grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
        const claims = [...oidc.requestParamClaims];
        if (claims.length > 0) grant.addOIDCClaims(claims);
        for (const [indicator, rs] of Object.entries(oidc.resourceServers ?? {})) {
          grant.addResourceScope(indicator, [...oidc.requestParamScopes].filter((s) => rs.scopes.has(s)).join(' '));
        }
        await grant.save();
        return grant;
      },
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
      clientBasedCORS: (_ctx, origin, client) => this.#originAllowed(client.clientId, origin),
      renderError: (ctx, out) => {
        ctx.type = 'html';
        ctx.body = errorPage(langOf(ctx), String(out.error), out.error_description ? String(out.error_description) : undefined);
      },
      ttl: {
        AccessToken: TTL.accessToken,
        ClientCredentials: TTL.accessToken,
        AuthorizationCode: TTL.code,
        IdToken: TTL.idToken,
        RefreshToken: TTL.refreshToken,
        Session: TTL.session,
        Interaction: TTL.interaction,
        Grant: TTL.grant,
      },
    };

    const provider = new Provider(this.issuer, configuration);
    provider.proxy = true;
    provider.on('server_error', (_ctx, err) => this.#settings.log(`[idp] ${this.name}: server error: ${err.stack ?? err.message}`));

    // Keycloak's wildcard redirect URIs (oidc-provider only knows exact ones).
    const clientProto = provider.Client.prototype;
    const exactRedirect = clientProto.redirectUriAllowed;
    const exactPostLogout = clientProto.postLogoutRedirectUriAllowed;
    const patternsOf = (clientId: string) => this.client(clientId)?.redirectPatterns ?? [];
    clientProto.redirectUriAllowed = function (this: InstanceType<Provider['Client']>, uri: string) {
      return exactRedirect.call(this, uri) || patternsOf(this.clientId).some((p) => redirectPatternMatches(p, uri));
    };
    clientProto.postLogoutRedirectUriAllowed = function (this: InstanceType<Provider['Client']>, uri: string) {
      return exactPostLogout.call(this, uri) || patternsOf(this.clientId).some((p) => redirectPatternMatches(p, uri));
    };

    // Keycloak puts the session id (sid) into every token of a browser session.
    clientProto.includeSid = () => true;

    this.#wrapRefreshTokens(provider);
    if (this.client(TEST_CLIENT_ID)) this.#registerPasswordGrant(provider, resourceServer);
    return provider;
  }

  #originAllowed(clientId: string, origin: string): boolean {
    return (this.client(clientId)?.redirectPatterns ?? []).some((p) => redirectPatternMatches(p, `${origin}/`));
  }

  /** Rewrites oidc-provider's JWT access token into Keycloak's shape (header typ JWT, claims). */
  #keycloakAccessToken(token: TokenView, parts: { header?: Record<string, unknown>; payload: Record<string, unknown> }): void {
    const clientId = token.clientId ?? '';
    const serviceAccount = token.kind === 'ClientCredentials';
    const user = serviceAccount ? this.#store.serviceAccount(this.record, clientId) : this.activeUser(token.accountId);
    if (!user) throw new errors.InvalidGrant(serviceAccount ? 'client has no service account' : 'user not found or disabled');
    const p = parts.payload;
    parts.header = { typ: 'JWT' };
    parts.payload = {
      exp: p['exp'],
      iat: p['iat'],
      jti: p['jti'],
      iss: this.issuer,
      aud: API_AUDIENCE,
      sub: user.id,
      typ: 'Bearer',
      azp: clientId,
      ...(token.sid ? { sid: token.sid } : {}),
      realm_access: { roles: this.realmRoles(user) },
      scope: keycloakScope(typeof p['scope'] === 'string' ? p['scope'] : token.scope),
      ...this.userClaims(user),
      ...(serviceAccount ? { client_id: clientId } : {}),
    };
  }

  /**
   * keycloak-js decodes the refresh token as a JWT. The token stays oidc-provider's opaque one in
   * the store; the client gets it inside a signed envelope (HS512, typ "Refresh"), unwrapped on use.
   */
  #wrapRefreshTokens(provider: Provider): void {
    const RefreshToken = provider.RefreshToken as unknown as {
      prototype: { getValueAndPayload(): Promise<{ value: string; payload?: Record<string, unknown> }> };
      find(value: string, options?: object): Promise<unknown>;
    };
    const original = RefreshToken.prototype.getValueAndPayload;
    const issuer = this.issuer;
    const key = this.#refreshKey;
    RefreshToken.prototype.getValueAndPayload = async function () {
      const result = await original.call(this);
      const p = result.payload ?? {};
      const value = await new SignJWT({
        typ: p['scope'] && String(p['scope']).split(' ').includes('offline_access') ? 'Offline' : 'Refresh',
        azp: p['clientId'],
        ...(p['sid'] ? { sid: p['sid'] } : {}),
        scope: keycloakScope(p['scope'] as string | undefined),
      })
        .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
        .setJti(result.value)
        .setIssuer(issuer)
        .setAudience(issuer)
        .setSubject(String(p['accountId'] ?? ''))
        .setIssuedAt(Number(p['iat']))
        .setExpirationTime(Number(p['exp']))
        .sign(key);
      return { ...result, value };
    };
    const find = RefreshToken.find.bind(RefreshToken);
    RefreshToken.find = async (value: string, options?: object) => {
      if (typeof value !== 'string' || !value.includes('.')) return find(value, options);
      try {
        const { payload } = await compactVerify(value, key);
        const jti = (JSON.parse(new TextDecoder().decode(payload)) as { jti?: unknown }).jti;
        return typeof jti === 'string' ? find(jti, options) : undefined;
      } catch {
        return undefined;
      }
    };
  }

  /** Resource Owner Password Credentials for the test client (Keycloak's "direct access grants"). */
  #registerPasswordGrant(provider: Provider, resourceServer: ConstructorParameters<Provider['ResourceServer']>[1]): void {
    provider.registerGrantType(
      'password',
      async (ctx) => {
        const params = ctx.oidc.params as Record<string, string | undefined>;
        if (!params['username']) throw new errors.InvalidRequest('Missing parameter: username');
        const limiter = this.#settings.loginLimiter;
        const ip = ctx.req.socket.remoteAddress ?? 'unknown';
        const wait = await limiter.retryAfter(this.name, ip, params['username']);
        if (wait > 0) {
          ctx.status = 429;
          ctx.set('retry-after', String(wait));
          ctx.set('cache-control', 'no-store');
          ctx.body = { error: 'invalid_grant', error_description: `Too many failed login attempts; try again in ${wait} seconds` };
          return;
        }
        const user = this.#store.userByLogin(this.record, params['username']);
        const passwordOk = await verifyPassword(user?.passwordHash, params['password'] ?? '');
        if (!user || !passwordOk || user.serviceAccountClientId) {
          await limiter.failed(this.name, ip, params['username']);
          throw new errors.CustomOIDCProviderError('invalid_grant', 'Invalid user credentials');
        }
        await limiter.succeeded(this.name, ip, params['username']);
        if (!user.enabled) throw new errors.CustomOIDCProviderError('invalid_grant', 'Account disabled');
        if (user.requiredActions.length > 0) throw new errors.CustomOIDCProviderError('invalid_grant', 'Account is not fully set up');
        const client = ctx.oidc.client;
        if (!client) throw new errors.InvalidClient();
        const requested = new Set((params['scope'] ?? '').split(' ').filter((s) => SUPPORTED_SCOPES.includes(s)));
        const scope = keycloakScope([...requested].join(' '));
        const sid = randomUUID();
        const at = new provider.AccessToken({ accountId: user.id, client, grantId: randomUUID(), gty: 'password', scope, sid });
        at.resourceServer = new provider.ResourceServer(API_RESOURCE, resourceServer);
        const accessToken = await at.save();
        let idToken: string | undefined;
        if (requested.has('openid')) {
          const token = new provider.IdToken({ sub: user.id, ...this.userClaims(user) }, { ctx });
          (token as unknown as { scope: string }).scope = scope;
          token.set('sid', sid);
          idToken = await token.issue({ use: 'idtoken' });
        }
        ctx.body = {
          access_token: accessToken,
          expires_in: at.expiration,
          refresh_expires_in: 0,
          token_type: 'Bearer',
          ...(idToken ? { id_token: idToken } : {}),
          'not-before-policy': 0,
          session_state: sid,
          scope,
        };
      },
      ['username', 'password', 'scope'],
    );
  }

  async #userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'Authorization, Content-Type' });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' }, cors);
    let token = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (!token && req.method === 'POST') token = (await readForm(req)).get('access_token') ?? undefined;
    const challenge = (error: string, description: string) =>
      sendJson(res, 401, { error, error_description: description }, { ...cors, 'www-authenticate': `Bearer realm="${this.name}", error="${error}"` });
    if (!token) return challenge('invalid_request', 'Token not provided');
    let claims: AccessTokenClaims;
    try {
      claims = await this.verifyAccessToken(token);
    } catch {
      return challenge('invalid_token', 'Token verification failed');
    }
    const user = this.activeUser(claims.sub);
    if (!user) return challenge('invalid_token', 'User not found or disabled');
    sendJson(res, 200, { sub: user.id, ...this.userClaims(user) }, cors);
  }

  async #introspect(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, { error: 'invalid_request', error_description: 'POST required' });
    const form = await readForm(req);
    const client = this.authenticateClient(req, form);
    if (!client) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Authentication failed.' });
    const token = form.get('token');
    if (!token) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Token not provided.' });
    try {
      const claims = await this.verifyAccessToken(token);
      const user = this.activeUser(claims.sub);
      if (!user) return sendJson(res, 200, { active: false });
      sendJson(res, 200, { ...claims, client_id: claims.azp, username: user.username, token_type: 'Bearer', active: true });
    } catch {
      sendJson(res, 200, { active: false });
    }
  }
}

/** Keycloak's `scope` claim: `openid` when requested, the default scopes, then the rest. */
export function keycloakScope(scope: string | undefined): string {
  const requested = (scope ?? '').split(' ').filter(Boolean);
  const ordered = [...(requested.includes('openid') ? ['openid'] : []), ...DEFAULT_SCOPES, ...requested.filter((s) => s !== 'openid')];
  return unique(ordered).join(' ');
}
