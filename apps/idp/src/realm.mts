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
import type { IdpMailer } from './mailer.mts';
import { publicJwk, verifyPassword } from './crypto.mts';
import { HttpError, readForm, sendJson } from './http.mts';
import type { LoginLimiter } from './login-limit.mts';
import { errorPage, loggedOutPage, logoutPage, pickLang, type Lang } from './pages.mts';
import type { ClientRep, ClientScopeRep, RealmRep, UserRep } from './realm-file.mts';
import { applyScopes, checkOrganizationRequest, claimNames, grantedOrganizations, InvalidScopeError, mapClaims, type AppliedScopes, type TokenTarget } from './scopes.mts';
import type { RealmRecord, Store, UserRecord } from './store.mts';

/** The resource indicator (RFC 8707) behind the API audience; the default resource of every token request. */
export const API_RESOURCE = 'urn:ratsinfo:api';

/** Keycloak's realm defaults (seconds). */
const TTL = { accessToken: 300, idToken: 300, code: 60, refreshToken: 1800, session: 36000, interaction: 1800, grant: 36000 };

export interface IdpSettings {
  /** Public base URL without trailing slash, e.g. http://localhost:8080 */
  publicUrl: string;
  /** Secret of the master realm's bootstrap admin client `ratsinfo-provisioner`. */
  provisionerSecret: string;
  log: (message: string) => void;
  /** Brute-force protection of password checks. */
  loginLimiter: LoginLimiter;
  /** The realm as code (deploy/keycloak): clients, client scopes, roles of every realm but master. */
  realmFile: RealmRep;
  /** Sends the action e-mails over SMTP (DevIdpOptions.smtpUrl); unset: they are only recorded and logged. */
  mailer?: IdpMailer;
}

export interface ClientDefinition {
  metadata: ClientMetadata;
  /** Keycloak-style redirect URI patterns (`*` at the end, `:*` as port). */
  redirectPatterns: string[];
  /** Post-logout redirect URI patterns (`+` in the realm file = the redirect URIs). */
  postLogoutPatterns: string[];
  /** Allowed CORS origins; `+` = the origins of the redirect URIs, `*` = any. */
  webOrigins: string[];
  /** `pkce.code.challenge.method` = S256. */
  pkceRequired: boolean;
  defaultScopes: string[];
  optionalScopes: string[];
  /** The roles of the client's service account (clients with serviceAccountsEnabled). */
  serviceAccount?: { realmRoles: string[]; clientRoles: Record<string, string[]> };
}

export const PROVISIONER_CLIENT_ID = 'ratsinfo-provisioner';

/**
 * The master realm cannot be imported into Keycloak; its one client is the bootstrap admin
 * service account (KC_BOOTSTRAP_ADMIN_CLIENT_ID / _SECRET), which may create realms.
 */
function masterClients(settings: IdpSettings): ClientDefinition[] {
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
      postLogoutPatterns: [],
      webOrigins: [],
      pkceRequired: false,
      defaultScopes: ['basic', 'profile', 'email', 'roles'],
      optionalScopes: [],
      serviceAccount: { realmRoles: ['admin'], clientRoles: {} },
    },
  ];
}

/** oidc-provider wants concrete redirect URIs: a pattern's fixed part where it is a valid URL. */
function concreteUris(patterns: string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const fixed = p.endsWith('/*') ? p.slice(0, -1) : p;
    if (fixed.includes('*')) continue;
    try {
      out.push(new URL(fixed).href);
    } catch {
      // not a URL on its own: only matched as a pattern
    }
  }
  return [...new Set(out)];
}

/** A client of the realm file as oidc-provider metadata plus what oidc-provider cannot express. */
export function clientFromRep(rep: ClientRep, users: UserRep[]): ClientDefinition {
  const attributes = rep.attributes ?? {};
  const redirectPatterns = rep.redirectUris ?? [];
  const postLogout = (attributes['post.logout.redirect.uris'] ?? '').split('##').filter(Boolean);
  const postLogoutPatterns = postLogout.flatMap((p) => (p === '+' ? redirectPatterns : [p]));
  const grants: string[] = [];
  if (rep.standardFlowEnabled !== false && !rep.bearerOnly) grants.push('authorization_code', 'refresh_token');
  if (rep.directAccessGrantsEnabled) grants.push('password');
  if (rep.serviceAccountsEnabled) grants.push('client_credentials');
  const code = grants.includes('authorization_code');
  const account = rep.serviceAccountsEnabled ? users.find((u) => u.serviceAccountClientId === rep.clientId) : undefined;
  return {
    metadata: {
      client_id: rep.clientId,
      ...(rep.name ? { client_name: rep.name } : {}),
      ...(rep.publicClient ? { token_endpoint_auth_method: 'none' } : { client_secret: rep.secret ?? '', token_endpoint_auth_method: 'client_secret_basic' }),
      grant_types: grants,
      response_types: code ? ['code'] : [],
      redirect_uris: code ? concreteUris(redirectPatterns) : [],
      ...(code ? { post_logout_redirect_uris: concreteUris(postLogoutPatterns) } : {}),
    },
    redirectPatterns,
    postLogoutPatterns,
    webOrigins: rep.webOrigins ?? [],
    pkceRequired: attributes['pkce.code.challenge.method'] === 'S256',
    defaultScopes: rep.defaultClientScopes ?? [],
    optionalScopes: rep.optionalClientScopes ?? [],
    ...(rep.serviceAccountsEnabled ? { serviceAccount: { realmRoles: account?.realmRoles ?? [], clientRoles: account?.clientRoles ?? {} } } : {}),
  };
}

/** The clients of a realm: master's bootstrap admin client, the realm file's clients elsewhere. */
export function clientDefinitions(realm: string, settings: IdpSettings): ClientDefinition[] {
  if (realm === 'master') return masterClients(settings);
  const file = settings.realmFile;
  return (file.clients ?? []).filter((c) => c.enabled !== false).map((c) => clientFromRep(c, file.users ?? []));
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
  /** The realm file's client scopes by name. */
  readonly scopeCatalog: ReadonlyMap<string, ClientScopeRep>;
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
    this.scopeCatalog = new Map((settings.realmFile.clientScopes ?? []).map((scope) => [scope.name, scope]));
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

  /** The user's realm roles plus the realm's default role and its composites (Keycloak's default-roles-{realm}). */
  realmRoles(user: UserRecord): string[] {
    const file = this.#settings.realmFile;
    const defaultRole = file.roles?.realm?.find((r) => r.name === file.defaultRole?.name);
    const defaults = defaultRole ? [`default-roles-${this.name}`, ...(defaultRole.composites?.realm ?? [])] : [];
    return unique([...user.realmRoles, ...defaults]);
  }

  /** The client scopes a request applies; an invalid organization scope is an error only when `strict`. */
  appliedScopes(clientId: string, scope: string | undefined, user?: UserRecord, strict = false): AppliedScopes {
    const client = this.client(clientId) ?? { defaultScopes: [], optionalScopes: [] };
    try {
      const applied = applyScopes(client, this.scopeCatalog, scope);
      if (strict && user) checkOrganizationRequest(applied.organization, this.#store.organizationsOf(this.record, user.id));
      return applied;
    } catch (err) {
      if (strict || !(err instanceof InvalidScopeError)) throw err;
      return applyScopes(client, this.scopeCatalog, (scope ?? '').split(' ').filter((s) => !s.startsWith('organization')).join(' '));
    }
  }

  /** The claims of one kind of token, from the protocol mappers of the scopes the request applies. */
  tokenClaims(user: UserRecord, clientId: string, scope: string | undefined, target: TokenTarget): { claims: Record<string, unknown>; audiences: string[]; scope: string } {
    const applied = this.appliedScopes(clientId, scope);
    const organizations = grantedOrganizations(applied.organization, this.#store.organizationsOf(this.record, user.id));
    const { claims, audiences } = mapClaims(applied.scopes, target, { user, realmRoles: this.realmRoles(user), organizations });
    return { claims: { ...claims, sub: user.id }, audiences, scope: applied.scope };
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
    if (typeof origin === 'string' && this.clients.some((c) => this.#originAllowed(c.metadata.client_id, origin))) {
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
    const staticScopes = ['openid', ...this.scopeCatalog.keys()];
    // The API is one resource server; the access token's `aud` comes from the audience mappers.
    // Its scope set holds the dynamic organization scopes too, so that oidc-provider keeps
    // `organization:*` / `organization:<alias>` in grants, tokens and refreshes.
    const resourceServerInfo = () => ({
      audience: API_RESOURCE,
      scope: unique([...staticScopes, 'organization:*', ...this.record.organizations.map((o) => `organization:${o.alias}`)]).join(' '),
      accessTokenFormat: 'jwt' as const,
      accessTokenTTL: TTL.accessToken,
      jwt: { sign: { alg: 'RS256' as const } },
    });
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
      // clients without any flow (the API's audience client) exist only as an audience
      clients: this.clients.filter((c) => (c.metadata.grant_types ?? []).length > 0).map((c) => c.metadata),
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
      scopes: staticScopes,
      // Which claims a token gets is decided by the realm file's mappers (findAccount below);
      // oidc-provider must only not filter them out again.
      claims: { openid: claimNames(this.scopeCatalog) },
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
            return resourceServerInfo();
          },
        },
      },
      formats: {
        customizers: { jwt: (_ctx, token, parts) => this.#keycloakAccessToken(token as unknown as TokenView, parts) },
      },
      findAccount: (ctx, sub, token) => {
        const user = this.activeUser(sub);
        if (!user || user.serviceAccountClientId) return undefined;
        // The token (authorization code, refresh token) carries the requested scope including
        // dynamic organization scopes, which oidc-provider's own scope argument leaves out.
        const source = token as { scope?: string; clientId?: string } | undefined;
        return {
          accountId: user.id,
          claims: (use: string, scope: string) =>
            this.tokenClaims(user, source?.clientId ?? ctx?.oidc?.client?.clientId ?? '', source?.scope ?? scope, use === 'userinfo' ? 'userinfo' : 'id').claims as { sub: string },
        };
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
      pkce: { required: (_ctx, client) => this.client(client.clientId)?.pkceRequired ?? false },
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
    const postLogoutPatternsOf = (clientId: string) => this.client(clientId)?.postLogoutPatterns ?? [];
    clientProto.redirectUriAllowed = function (this: InstanceType<Provider['Client']>, uri: string) {
      return exactRedirect.call(this, uri) || patternsOf(this.clientId).some((p) => redirectPatternMatches(p, uri));
    };
    clientProto.postLogoutRedirectUriAllowed = function (this: InstanceType<Provider['Client']>, uri: string) {
      return exactPostLogout.call(this, uri) || postLogoutPatternsOf(this.clientId).some((p) => redirectPatternMatches(p, uri));
    };

    // Keycloak puts the session id (sid) into every token of a browser session.
    clientProto.includeSid = () => true;

    this.#wrapRefreshTokens(provider);
    if (this.clients.some((c) => c.metadata.grant_types?.includes('password'))) this.#registerPasswordGrant(provider, resourceServerInfo);
    return provider;
  }

  /** Keycloak's web origins of a client: `+` = the redirect URIs' origins, `*` = any, else exact origins. */
  #originAllowed(clientId: string, origin: string): boolean {
    const def = this.client(clientId);
    if (!def) return false;
    return def.webOrigins.some((o) => (o === '*' ? true : o === '+' ? def.redirectPatterns.some((p) => redirectPatternMatches(p, `${origin}/`)) : o.replace(/\/$/, '') === origin));
  }

  /** Rewrites oidc-provider's JWT access token into Keycloak's shape (header typ JWT, claims). */
  #keycloakAccessToken(token: TokenView, parts: { header?: Record<string, unknown>; payload: Record<string, unknown> }): void {
    const clientId = token.clientId ?? '';
    const serviceAccount = token.kind === 'ClientCredentials';
    const user = serviceAccount ? this.#store.serviceAccount(this.record, clientId) : this.activeUser(token.accountId);
    if (!user) throw new errors.InvalidGrant(serviceAccount ? 'client has no service account' : 'user not found or disabled');
    const p = parts.payload;
    const { claims, audiences, scope } = this.tokenClaims(user, clientId, typeof p['scope'] === 'string' ? p['scope'] : token.scope, 'access');
    parts.header = { typ: 'JWT' };
    parts.payload = {
      exp: p['exp'],
      iat: p['iat'],
      jti: p['jti'],
      iss: this.issuer,
      // oidc-provider signs no JWT access token without an audience: where the scopes map none
      // (service accounts), the client itself is the audience.
      aud: audiences.length === 0 ? clientId : audiences.length === 1 ? audiences[0] : audiences,
      sub: user.id,
      typ: 'Bearer',
      azp: clientId,
      ...(token.sid ? { sid: token.sid } : {}),
      scope,
      ...claims,
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
    const scopeClaim = (clientId: string, scope: string | undefined) => this.appliedScopes(clientId, scope).scope;
    RefreshToken.prototype.getValueAndPayload = async function () {
      const result = await original.call(this);
      const p = result.payload ?? {};
      const value = await new SignJWT({
        typ: p['scope'] && String(p['scope']).split(' ').includes('offline_access') ? 'Offline' : 'Refresh',
        azp: p['clientId'],
        ...(p['sid'] ? { sid: p['sid'] } : {}),
        scope: scopeClaim(String(p['clientId'] ?? ''), p['scope'] as string | undefined),
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
  #registerPasswordGrant(provider: Provider, resourceServer: () => ConstructorParameters<Provider['ResourceServer']>[1]): void {
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
        // Keycloak answers an organization scope the user cannot have (unknown alias, not a member,
        // mixed forms) with invalid_scope.
        let applied: AppliedScopes;
        try {
          applied = this.appliedScopes(client.clientId, params['scope'], user, true);
        } catch (err) {
          if (err instanceof InvalidScopeError) throw new errors.InvalidScope(err.message, params['scope'] ?? '');
          throw err;
        }
        const scope = applied.scope;
        const sid = randomUUID();
        const at = new provider.AccessToken({ accountId: user.id, client, grantId: randomUUID(), gty: 'password', scope, sid });
        at.resourceServer = new provider.ResourceServer(API_RESOURCE, resourceServer());
        const accessToken = await at.save();
        let idToken: string | undefined;
        if (scope.split(' ').includes('openid')) {
          const token = new provider.IdToken(this.tokenClaims(user, client.clientId, scope, 'id').claims, { ctx });
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
    sendJson(res, 200, this.tokenClaims(user, claims.azp, claims.scope, 'userinfo').claims, cors);
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
