/**
 * The subset of Keycloak's Admin REST API the product uses (through @keycloak/keycloak-admin-client):
 * realms, users, organizations and their members, execute-actions e-mails; plus the dev-only
 * `GET /admin/dev/emails`. Callers need a bearer token of the master realm with realm role
 * `admin` (e.g. client_credentials of ratsinfo-provisioner): no/invalid token → 401, a valid token
 * without that role → 403, like Keycloak. Shapes and messages follow Keycloak 26.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { newUser, type IdpContext } from './context.mts';
import { hashPassword } from './crypto.mts';
import { HttpError, queryFlag, queryInt, readBody, readJson, sendEmpty, sendJson } from './http.mts';
import { actionLabel, texts } from './pages.mts';
import type { RealmRuntime } from './realm.mts';
import type { OrganizationDomain, OrganizationRecord, RealmRecord, SentEmailKind, UserRecord } from './store.mts';

const REQUIRED_ACTIONS = new Set(['UPDATE_PASSWORD', 'VERIFY_EMAIL', 'UPDATE_PROFILE', 'CONFIGURE_TOTP', 'TERMS_AND_CONDITIONS', 'UPDATE_EMAIL', 'delete_account', 'webauthn-register', 'webauthn-register-passwordless']);
const ACTION_TOKEN_LIFESPAN = 43200;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REALM_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,255}$/;

const notFound = (message = 'HTTP 404 Not Found'): HttpError => new HttpError(404, { error: message });
const badRequest = (errorMessage: string, extra: Record<string, unknown> = {}): HttpError => new HttpError(400, { errorMessage, ...extra });
const conflict = (errorMessage: string): HttpError => new HttpError(409, { errorMessage });
const forbidden = (): HttpError => new HttpError(403, { error: 'HTTP 403 Forbidden' });

type Caller = { kind: 'master-admin' } | { kind: 'realm'; realm: string; roles: Set<string> };

type Body = Record<string, unknown>;

function asObject(value: unknown): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Request body must be a JSON object');
  return value as Body;
}

const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function attributesOf(value: unknown): Record<string, string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(value as Body)) {
    out[k] = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(String);
  }
  return out;
}

/** Substring (case-insensitive) unless exact. */
function matches(value: string | null | undefined, wanted: string, exact: boolean): boolean {
  const v = (value ?? '').toLowerCase();
  const w = wanted.toLowerCase();
  return exact ? v === w : v.includes(w);
}

/** Keycloak's `search` for users: prefix by default, `*x*` infix, `"x"` exact. */
function searchMatcher(search: string): (value: string | null) => boolean {
  const s = search.trim().toLowerCase();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    const exact = s.slice(1, -1);
    return (v) => (v ?? '').toLowerCase() === exact;
  }
  if (s.startsWith('*')) {
    const infix = s.replace(/^\*+|\*+$/g, '');
    return (v) => (v ?? '').toLowerCase().includes(infix);
  }
  const prefix = s.replace(/\*+$/, '');
  return (v) => (v ?? '').toLowerCase().startsWith(prefix);
}

/** `q=key:value key2:value2` against attributes (exact values). */
function attributeQuery(q: string | null): ((attrs: Record<string, string[]>) => boolean) | undefined {
  if (!q?.trim()) return undefined;
  const pairs = q
    .trim()
    .split(/\s+/)
    .map((part) => {
      const i = part.indexOf(':');
      return i > 0 ? [part.slice(0, i), part.slice(i + 1)] : [part, ''];
    });
  return (attrs) => pairs.every(([k, v]) => (attrs[k] ?? []).includes(v));
}

function page<T>(items: T[], query: URLSearchParams, defaultMax: number): T[] {
  const first = queryInt(query.get('first'), 0);
  const max = queryInt(query.get('max'), defaultMax);
  return items.slice(first, first + max);
}

export class AdminApi {
  readonly #ctx: IdpContext;

  constructor(ctx: IdpContext) {
    this.#ctx = ctx;
  }

  get #publicUrl(): string {
    return this.#ctx.settings.publicUrl;
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return sendEmpty(res, 204, { allow: 'GET, POST, PUT, DELETE' });
    const caller = await this.#authenticate(req);
    const seg = path
      .split('/')
      .filter(Boolean)
      .slice(1)
      .map((s) => decodeURIComponent(s));
    this.#authorize(caller, method, seg);

    if (seg[0] === 'dev' && seg[1] === 'emails' && seg.length === 2 && method === 'GET') return this.#devEmails(res, query);
    if (seg[0] !== 'realms') throw notFound();
    if (seg.length === 1) {
      if (method === 'GET') return sendJson(res, 200, this.#ctx.store.data.realms.map((r) => this.#realmRep(r)));
      if (method === 'POST') return this.#createRealm(req, res);
      throw notFound();
    }
    const rt = this.#ctx.realms.get(seg[1]);
    if (!rt) throw notFound('Realm not found.');
    const [, , resource, id, sub, subId, tail] = seg;

    if (resource === undefined) {
      if (method === 'GET') return sendJson(res, 200, this.#realmRep(rt.record));
      if (method === 'PUT') return this.#updateRealm(req, res, rt);
      if (method === 'DELETE') return this.#deleteRealm(res, rt);
      throw notFound();
    }
    if (resource === 'users') return this.#users(req, res, rt, method, query, id, sub, subId);
    if (resource === 'organizations') {
      if (!rt.record.organizationsEnabled) throw new HttpError(404, { errorMessage: 'Organizations not enabled for this realm.' });
      return this.#organizations(req, res, rt, method, query, id, sub, subId, tail);
    }
    throw notFound();
  }

  // --- authentication ------------------------------------------------------------------------

  /**
   * Who calls: the master realm's admin (any realm, realm creation, the dev e-mail list), or a
   * realm's own service account with realm-management client roles (only that realm), as the realm
   * file gives ratsinfo-provisioner. No or an invalid token → 401; a valid one without rights → 403.
   */
  async #authenticate(req: IncomingMessage): Promise<Caller> {
    const unauthorized = new HttpError(401, { error: 'HTTP 401 Unauthorized' });
    const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthorized;
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw unauthorized;
    }
    const rt = [...this.#ctx.realms.values()].find((r) => r.issuer === iss);
    if (!rt) throw unauthorized;
    let user: UserRecord | undefined;
    let roles: string[];
    try {
      const claims = await rt.verifyAccessToken(token);
      user = rt.activeUser(claims.sub);
      if (!user) throw new Error('user gone');
      roles = rt.realmRoles(user);
    } catch {
      throw unauthorized;
    }
    if (rt.name === 'master' && roles.includes('admin')) return { kind: 'master-admin' };
    const management = user.serviceAccountClientId ? (user.clientRoles?.['realm-management'] ?? []) : [];
    if (management.length > 0) return { kind: 'realm', realm: rt.name, roles: new Set(management) };
    throw forbidden();
  }

  /** Keycloak's realm-management roles: view-/query- to read, manage- to change users and the realm (organizations). */
  #authorize(caller: Caller, method: string, seg: string[]): void {
    if (caller.kind === 'master-admin') return;
    const [top, realm, resource] = seg;
    if (top !== 'realms' || realm !== caller.realm) throw forbidden();
    const read = method === 'GET';
    const has = (...roles: string[]) => roles.some((r) => caller.roles.has(r));
    const allowed =
      resource === 'users'
        ? read
          ? has('view-users', 'query-users', 'manage-users')
          : has('manage-users')
        : read
          ? has('view-realm', 'manage-realm')
          : has('manage-realm');
    if (!allowed) throw forbidden();
  }

  // --- realms --------------------------------------------------------------------------------

  #realmRep(r: RealmRecord): Body {
    return {
      id: r.id,
      realm: r.realm,
      ...(r.displayName ? { displayName: r.displayName } : {}),
      enabled: r.enabled,
      organizationsEnabled: r.organizationsEnabled,
      sslRequired: 'external',
      registrationAllowed: false,
      loginWithEmailAllowed: true,
      duplicateEmailsAllowed: false,
      editUsernameAllowed: false,
      accessTokenLifespan: 300,
      ssoSessionIdleTimeout: 1800,
      ssoSessionMaxLifespan: 36000,
      actionTokenGeneratedByAdminLifespan: ACTION_TOKEN_LIFESPAN,
      defaultSignatureAlgorithm: 'RS256',
    };
  }

  async #createRealm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = asObject(await readJson(req));
    const realm = optString(body['realm']);
    if (!realm || !REALM_NAME_PATTERN.test(realm)) throw badRequest('Realm name is missing or invalid');
    if (this.#ctx.realms.has(realm)) throw conflict(`Conflict detected. See logs for details`);
    await this.#ctx.createRealm({
      realm,
      displayName: optString(body['displayName']) ?? null,
      enabled: optBool(body['enabled']) ?? false,
      organizationsEnabled: optBool(body['organizationsEnabled']) ?? false,
    });
    sendEmpty(res, 201, { location: `${this.#publicUrl}/admin/realms/${encodeURIComponent(realm)}` });
  }

  async #updateRealm(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime): Promise<void> {
    const body = asObject(await readJson(req));
    if (body['realm'] !== undefined && body['realm'] !== rt.name) throw badRequest('Renaming realms is not supported by the dev IdP');
    const r = rt.record;
    if (body['displayName'] !== undefined) r.displayName = optString(body['displayName']) ?? null;
    r.enabled = optBool(body['enabled']) ?? r.enabled;
    r.organizationsEnabled = optBool(body['organizationsEnabled']) ?? r.organizationsEnabled;
    await this.#ctx.store.save();
    sendEmpty(res, 204);
  }

  async #deleteRealm(res: ServerResponse, rt: RealmRuntime): Promise<void> {
    if (rt.name === 'master') throw badRequest('Cannot delete the master realm');
    await this.#ctx.deleteRealm(rt.name);
    sendEmpty(res, 204);
  }

  // --- users ---------------------------------------------------------------------------------

  #userRep(u: UserRecord): Body {
    return {
      id: u.id,
      username: u.username,
      ...(u.firstName !== null ? { firstName: u.firstName } : {}),
      ...(u.lastName !== null ? { lastName: u.lastName } : {}),
      ...(u.email !== null ? { email: u.email } : {}),
      emailVerified: u.emailVerified,
      ...(Object.keys(u.attributes).length > 0 ? { attributes: u.attributes } : {}),
      createdTimestamp: u.createdTimestamp,
      enabled: u.enabled,
      totp: false,
      disableableCredentialTypes: [],
      requiredActions: u.requiredActions,
      notBefore: 0,
      access: { manageGroupMembership: true, view: true, mapRoles: true, impersonate: false, manage: true },
    };
  }

  #findUser(rt: RealmRuntime, id: string): UserRecord {
    const user = this.#ctx.store.userById(rt.record, id);
    if (!user || user.serviceAccountClientId) throw notFound('User not found');
    return user;
  }

  #searchUsers(rt: RealmRuntime, query: URLSearchParams): UserRecord[] {
    const exact = queryFlag(query.get('exact')) ?? false;
    let users = rt.record.users.filter((u) => !u.serviceAccountClientId);
    const search = query.get('search');
    if (search && search.trim() !== '' && search.trim() !== '*') {
      const m = searchMatcher(search);
      users = users.filter((u) => m(u.username) || m(u.email) || m(u.firstName) || m(u.lastName));
    }
    for (const field of ['username', 'email', 'firstName', 'lastName'] as const) {
      const wanted = query.get(field);
      if (wanted !== null && wanted !== '') users = users.filter((u) => matches(u[field], wanted, exact));
    }
    const enabled = queryFlag(query.get('enabled'));
    if (enabled !== undefined) users = users.filter((u) => u.enabled === enabled);
    const emailVerified = queryFlag(query.get('emailVerified'));
    if (emailVerified !== undefined) users = users.filter((u) => u.emailVerified === emailVerified);
    const attrs = attributeQuery(query.get('q'));
    if (attrs) users = users.filter((u) => attrs(u.attributes));
    return users.sort((a, b) => a.username.localeCompare(b.username));
  }

  async #users(
    req: IncomingMessage,
    res: ServerResponse,
    rt: RealmRuntime,
    method: string,
    query: URLSearchParams,
    id: string | undefined,
    sub: string | undefined,
    subId: string | undefined,
  ): Promise<void> {
    if (id === undefined) {
      if (method === 'GET') return sendJson(res, 200, page(this.#searchUsers(rt, query), query, 100).map((u) => this.#userRep(u)));
      if (method === 'POST') return this.#createUser(req, res, rt);
      throw notFound();
    }
    if (id === 'count' && sub === undefined && method === 'GET') return sendJson(res, 200, this.#searchUsers(rt, query).length);
    const user = this.#findUser(rt, id);
    if (sub === undefined) {
      if (method === 'GET') return sendJson(res, 200, this.#userRep(user));
      if (method === 'PUT') return this.#updateUser(req, res, rt, user);
      if (method === 'DELETE') {
        rt.record.users = rt.record.users.filter((u) => u.id !== user.id);
        for (const org of rt.record.organizations) org.members = org.members.filter((m) => m !== user.id);
        await this.#ctx.store.save();
        return sendEmpty(res, 204);
      }
      throw notFound();
    }
    if (sub === 'execute-actions-email' && subId === undefined && method === 'PUT') return this.#executeActionsEmail(req, res, rt, user, query);
    if (sub === 'send-verify-email' && subId === undefined && method === 'PUT') {
      await this.#sendActionMail(rt, user, ['VERIFY_EMAIL'], 'verify-email', query);
      return sendEmpty(res, 204);
    }
    if (sub === 'reset-password-email' && subId === undefined && method === 'PUT') {
      await this.#sendActionMail(rt, user, ['UPDATE_PASSWORD'], 'reset-password', query);
      return sendEmpty(res, 204);
    }
    if (sub === 'reset-password' && subId === undefined && method === 'PUT') {
      await this.#applyCredential(user, asObject(await readJson(req)));
      await this.#ctx.store.save();
      return sendEmpty(res, 204);
    }
    throw notFound();
  }

  #validateRequiredActions(value: unknown): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((a) => typeof a !== 'string' || !REQUIRED_ACTIONS.has(a))) {
      throw badRequest('Provided invalid required actions');
    }
    return [...new Set(value as string[])];
  }

  #validateEmail(value: unknown): string | null | undefined {
    if (value === undefined) return undefined;
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || !EMAIL_PATTERN.test(value.trim())) {
      throw badRequest('invalidEmailMessage', { field: 'email', params: ['email', String(value)] });
    }
    return value.trim().toLowerCase();
  }

  async #applyCredential(user: UserRecord, cred: Body): Promise<void> {
    const value = optString(cred['value']);
    if ((cred['type'] !== undefined && cred['type'] !== 'password') || !value) throw badRequest('Invalid password: must be a non-empty password credential');
    user.passwordHash = await hashPassword(value);
    user.requiredActions = user.requiredActions.filter((a) => a !== 'UPDATE_PASSWORD');
    if (cred['temporary'] === true) user.requiredActions.push('UPDATE_PASSWORD');
  }

  async #createUser(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime): Promise<void> {
    const store = this.#ctx.store;
    const body = asObject(await readJson(req));
    const username = optString(body['username'])?.trim().toLowerCase();
    if (!username) throw badRequest('error-user-attribute-required', { field: 'username', params: ['username'] });
    const email = this.#validateEmail(body['email']) ?? null;
    if (store.userByUsername(rt.record, username)) throw conflict('User exists with same username');
    if (email && store.userByEmail(rt.record, email)) throw conflict('User exists with same email');
    const user = newUser({
      username,
      email,
      firstName: optString(body['firstName']) ?? null,
      lastName: optString(body['lastName']) ?? null,
      // Keycloak creates a disabled user unless the representation says enabled: true.
      enabled: optBool(body['enabled']) ?? false,
      emailVerified: optBool(body['emailVerified']) ?? false,
      requiredActions: this.#validateRequiredActions(body['requiredActions']) ?? [],
      attributes: attributesOf(body['attributes']),
    });
    const credentials = Array.isArray(body['credentials']) ? (body['credentials'] as unknown[]) : [];
    for (const cred of credentials) await this.#applyCredential(user, asObject(cred));
    rt.record.users.push(user);
    await store.save();
    sendEmpty(res, 201, { location: `${this.#publicUrl}/admin/realms/${encodeURIComponent(rt.name)}/users/${user.id}` });
  }

  async #updateUser(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime, user: UserRecord): Promise<void> {
    const store = this.#ctx.store;
    const body = asObject(await readJson(req));
    const username = optString(body['username'])?.trim().toLowerCase();
    if (username !== undefined && username !== user.username) {
      throw badRequest('error-user-attribute-read-only', { field: 'username', params: ['username'] });
    }
    const email = this.#validateEmail(body['email']);
    if (email && email !== user.email && store.userByEmail(rt.record, email)) throw conflict('User exists with same email');
    const requiredActions = this.#validateRequiredActions(body['requiredActions']);
    if (email !== undefined) user.email = email;
    if (body['firstName'] !== undefined) user.firstName = optString(body['firstName']) ?? null;
    if (body['lastName'] !== undefined) user.lastName = optString(body['lastName']) ?? null;
    user.enabled = optBool(body['enabled']) ?? user.enabled;
    user.emailVerified = optBool(body['emailVerified']) ?? user.emailVerified;
    if (requiredActions) user.requiredActions = requiredActions;
    if (body['attributes'] !== undefined) user.attributes = attributesOf(body['attributes']);
    const credentials = Array.isArray(body['credentials']) ? (body['credentials'] as unknown[]) : [];
    for (const cred of credentials) await this.#applyCredential(user, asObject(cred));
    await store.save();
    sendEmpty(res, 204);
  }

  async #executeActionsEmail(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime, user: UserRecord, query: URLSearchParams): Promise<void> {
    const body = await readJson(req);
    if (!Array.isArray(body) || body.some((a) => typeof a !== 'string')) throw badRequest('Body must be a JSON array of required actions');
    const actions = this.#validateRequiredActions(body) ?? [];
    await this.#sendActionMail(rt, user, actions, 'execute-actions', query);
    sendEmpty(res, 204);
  }

  /** Records an action e-mail ("sent" = kept in the store and logged) with its one-time link. */
  async #sendActionMail(rt: RealmRuntime, user: UserRecord, actions: string[], kind: SentEmailKind, query: URLSearchParams): Promise<void> {
    const store = this.#ctx.store;
    if (!user.email) throw badRequest('User email missing');
    if (!user.enabled) throw badRequest('User is disabled');
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    if (redirectUri && !clientId) throw badRequest('Client id missing');
    if (clientId && !rt.client(clientId)) throw badRequest(`Client doesn't exist`);
    if (clientId && redirectUri && !rt.redirectAllowed(clientId, redirectUri)) throw badRequest('Invalid redirect uri.');
    const lifespan = queryInt(query.get('lifespan'), ACTION_TOKEN_LIFESPAN) || ACTION_TOKEN_LIFESPAN;
    const now = Math.floor(Date.now() / 1000);
    const key = randomBytes(32).toString('base64url');
    store.data.actionTokens = store.data.actionTokens.filter((t) => t.expiresAt > now && t.usedAt === null);
    store.data.actionTokens.push({ key, realm: rt.name, userId: user.id, actions, clientId, redirectUri, expiresAt: now + lifespan, usedAt: null });
    const link = `${rt.issuer}/login-actions/action-token?${new URLSearchParams({ key, ...(clientId ? { client_id: clientId } : {}) })}`;
    const t = texts('de');
    const hours = Math.max(1, Math.round(lifespan / 3600));
    const body = [
      `Guten Tag${user.firstName ? ` ${user.firstName} ${user.lastName ?? ''}`.trimEnd() : ''},`,
      '',
      `für Ihr Konto bei Ratsinfo (Benutzername ${user.username}) sind folgende Schritte nötig: ${actions.map((a) => actionLabel('de', a)).join(', ') || '–'}.`,
      `Bitte öffnen Sie diesen Link (gültig ${hours} Stunde${hours === 1 ? '' : 'n'}):`,
      link,
      '',
      'Wenn Sie das nicht erwartet haben, ignorieren Sie diese E-Mail.',
    ].join('\n');
    store.data.sentEmails.push({
      id: randomUUID(),
      kind,
      realm: rt.name,
      userId: user.id,
      to: user.email,
      subject: kind === 'verify-email' ? t.mailSubjectVerify : kind === 'reset-password' ? t.mailSubjectReset : t.mailSubject,
      body,
      link,
      actions,
      clientId,
      redirectUri,
      sentAt: new Date(now * 1000).toISOString(),
      expiresAt: new Date((now + lifespan) * 1000).toISOString(),
    });
    await store.save();
    this.#ctx.settings.log(`[idp] ${kind} e-mail to ${user.email} (${actions.join(', ')}): ${link}`);
    // Over SMTP too when configured: after the answer, and a failure is only logged.
    const sent = store.data.sentEmails[store.data.sentEmails.length - 1];
    if (this.#ctx.settings.mailer && sent) void this.#ctx.settings.mailer.send({ to: sent.to, subject: sent.subject, text: sent.body });
  }

  #devEmails(res: ServerResponse, query: URLSearchParams): void {
    const to = query.get('to')?.toLowerCase();
    const realm = query.get('realm');
    const kind = query.get('kind');
    const mails = this.#ctx.store.data.sentEmails.filter((m) => (!to || m.to === to) && (!realm || m.realm === realm) && (!kind || m.kind === kind));
    sendJson(res, 200, mails);
  }

  // --- organizations -------------------------------------------------------------------------

  #orgRep(o: OrganizationRecord, brief: boolean): Body {
    return {
      id: o.id,
      name: o.name,
      alias: o.alias,
      enabled: o.enabled,
      ...(o.description !== null ? { description: o.description } : {}),
      ...(o.redirectUrl !== null ? { redirectUrl: o.redirectUrl } : {}),
      ...(!brief ? { attributes: o.attributes } : {}),
      domains: o.domains.map((d) => ({ ...d })),
    };
  }

  #findOrg(rt: RealmRuntime, id: string): OrganizationRecord {
    const org = rt.record.organizations.find((o) => o.id === id);
    if (!org) throw new HttpError(404, { errorMessage: 'Organization not found.' });
    return org;
  }

  #domainsOf(value: unknown, rt: RealmRuntime, self: OrganizationRecord | undefined): OrganizationDomain[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw badRequest('domains must be an array');
    const domains = value
      .map((d) => asObject(d))
      .filter((d) => typeof d['name'] === 'string' && (d['name'] as string).trim() !== '')
      .map((d) => ({ name: (d['name'] as string).trim().toLowerCase(), verified: d['verified'] === true }));
    for (const d of domains) {
      const owner = rt.record.organizations.find((o) => o !== self && o.domains.some((x) => x.name === d.name));
      if (owner) throw conflict(`Domain ${d.name} is already linked to another organization`);
    }
    return domains;
  }

  #searchOrgs(rt: RealmRuntime, query: URLSearchParams): OrganizationRecord[] {
    const attrs = attributeQuery(query.get('q'));
    let orgs = [...rt.record.organizations];
    if (attrs) {
      orgs = orgs.filter((o) => attrs(o.attributes));
    } else {
      // Keycloak matches `search` against the name or a domain (not the alias).
      const search = query.get('search');
      const exact = queryFlag(query.get('exact')) ?? false;
      if (search && search.trim() !== '') {
        orgs = orgs.filter((o) => (exact ? o.name === search || o.domains.some((d) => d.name === search) : matches(o.name, search, false) || o.domains.some((d) => matches(d.name, search, false))));
      }
    }
    return orgs.sort((a, b) => a.name.localeCompare(b.name));
  }

  async #organizations(
    req: IncomingMessage,
    res: ServerResponse,
    rt: RealmRuntime,
    method: string,
    query: URLSearchParams,
    id: string | undefined,
    sub: string | undefined,
    subId: string | undefined,
    tail: string | undefined,
  ): Promise<void> {
    const store = this.#ctx.store;
    const brief = queryFlag(query.get('briefRepresentation')) ?? true;
    if (id === undefined) {
      if (method === 'GET') return sendJson(res, 200, page(this.#searchOrgs(rt, query), query, 10).map((o) => this.#orgRep(o, brief)));
      if (method === 'POST') return this.#createOrg(req, res, rt);
      throw notFound();
    }
    if (id === 'count' && sub === undefined && method === 'GET') return sendJson(res, 200, this.#searchOrgs(rt, query).length);
    if (id === 'members' && sub !== undefined && subId === 'organizations' && tail === undefined && method === 'GET') {
      const user = this.#findUser(rt, sub);
      return sendJson(res, 200, store.organizationsOf(rt.record, user.id).map((o) => this.#orgRep(o, brief)));
    }
    const org = this.#findOrg(rt, id);
    if (sub === undefined) {
      if (method === 'GET') return sendJson(res, 200, this.#orgRep(org, false));
      if (method === 'PUT') return this.#updateOrg(req, res, rt, org);
      if (method === 'DELETE') {
        rt.record.organizations = rt.record.organizations.filter((o) => o.id !== org.id);
        await store.save();
        return sendEmpty(res, 204);
      }
      throw notFound();
    }
    if (sub !== 'members' || tail !== undefined) throw notFound();
    if (subId === undefined) {
      if (method === 'GET') {
        const exact = queryFlag(query.get('exact')) ?? false;
        const search = query.get('search');
        const members = org.members
          .map((m) => store.userById(rt.record, m))
          .filter((u): u is UserRecord => !!u)
          .filter((u) => !search || [u.username, u.email, u.firstName, u.lastName].some((v) => matches(v, search, exact)))
          .sort((a, b) => a.username.localeCompare(b.username));
        return sendJson(res, 200, page(members, query, 100).map((u) => ({ ...this.#userRep(u), membershipType: 'UNMANAGED' })));
      }
      if (method === 'POST') {
        // The body is the user id: a JSON string, or the bare id as keycloak-admin-client sends it.
        const raw = (await readBody(req)).trim();
        const userId = raw.replace(/^"|"$/g, '');
        const user = store.userById(rt.record, userId);
        if (!userId || !user || user.serviceAccountClientId) throw badRequest('User does not exist');
        if (org.members.includes(user.id)) throw conflict('User is already a member of the organization.');
        org.members.push(user.id);
        await store.save();
        return sendEmpty(res, 201, { location: `${this.#publicUrl}/admin/realms/${encodeURIComponent(rt.name)}/organizations/${org.id}/members/${user.id}` });
      }
      throw notFound();
    }
    if (subId === 'count' && method === 'GET') return sendJson(res, 200, org.members.length);
    const member = org.members.includes(subId) ? store.userById(rt.record, subId) : undefined;
    if (!member) throw new HttpError(404, { errorMessage: 'Not a member of the organization' });
    if (method === 'GET') return sendJson(res, 200, { ...this.#userRep(member), membershipType: 'UNMANAGED' });
    if (method === 'DELETE') {
      org.members = org.members.filter((m) => m !== member.id);
      await store.save();
      return sendEmpty(res, 204);
    }
    throw notFound();
  }

  async #createOrg(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime): Promise<void> {
    const body = asObject(await readJson(req));
    const name = optString(body['name'])?.trim();
    if (!name) throw badRequest('Name cannot be empty');
    const alias = optString(body['alias'])?.trim() || name;
    const orgs = rt.record.organizations;
    if (orgs.some((o) => o.name === name)) throw conflict('A organization with the same name already exists.');
    if (orgs.some((o) => o.alias === alias)) throw conflict('A organization with the same alias already exists.');
    const org: OrganizationRecord = {
      id: randomUUID(),
      alias,
      name,
      enabled: optBool(body['enabled']) ?? true,
      description: optString(body['description']) ?? null,
      redirectUrl: optString(body['redirectUrl']) ?? null,
      domains: [],
      attributes: attributesOf(body['attributes']),
      members: [],
    };
    org.domains = this.#domainsOf(body['domains'], rt, org) ?? [];
    orgs.push(org);
    await this.#ctx.store.save();
    sendEmpty(res, 201, { location: `${this.#publicUrl}/admin/realms/${encodeURIComponent(rt.name)}/organizations/${org.id}` });
  }

  async #updateOrg(req: IncomingMessage, res: ServerResponse, rt: RealmRuntime, org: OrganizationRecord): Promise<void> {
    const body = asObject(await readJson(req));
    const alias = optString(body['alias']);
    if (alias !== undefined && alias !== org.alias) throw badRequest('Cannot change the alias');
    const name = optString(body['name'])?.trim();
    if (name !== undefined) {
      if (!name) throw badRequest('Name cannot be empty');
      if (rt.record.organizations.some((o) => o !== org && o.name === name)) throw conflict('A organization with the same name already exists.');
    }
    const domains = this.#domainsOf(body['domains'], rt, org);
    if (name !== undefined) org.name = name;
    org.enabled = optBool(body['enabled']) ?? org.enabled;
    if (body['description'] !== undefined) org.description = optString(body['description']) ?? null;
    if (body['redirectUrl'] !== undefined) org.redirectUrl = optString(body['redirectUrl']) ?? null;
    if (body['attributes'] !== undefined) org.attributes = attributesOf(body['attributes']);
    if (domains) org.domains = domains;
    await this.#ctx.store.save();
    sendEmpty(res, 204);
  }
}
