/**
 * Client scopes and protocol mappers as Keycloak 26 applies them, driven by the realm file:
 *
 * - a client's default client scopes always apply; its optional ones only when requested;
 * - the token's `scope` claim lists `openid` (when requested), then the applied scopes whose
 *   `include.in.token.scope` is not "false";
 * - claims come from the protocol mappers of the applied scopes, each for the tokens its config
 *   names (`access.token.claim`, `id.token.claim`, `userinfo.token.claim`, …);
 * - `organization` is a dynamic scope (Keycloak's OrganizationScope): `organization:*` grants all
 *   of the user's enabled organizations, `organization:<alias>` that one (the user must be a
 *   member), plain `organization` the user's only organization (Keycloak asks a member of several
 *   to pick one at sign-in; the dev IdP has no such page and grants none). Mixing the forms is an
 *   invalid_scope error, as in Keycloak. Without the scope there is no `organization` claim.
 *
 * Mapper types the dev IdP evaluates: oidc-sub-mapper, oidc-usermodel-attribute-mapper,
 * oidc-usermodel-property-mapper, oidc-full-name-mapper, oidc-usermodel-realm-role-mapper,
 * oidc-audience-mapper, oidc-organization-membership-mapper. Others (acr, allowed origins,
 * auth_time) are skipped.
 */
import type { ClientScopeRep, ProtocolMapperRep } from './realm-file.mts';
import type { OrganizationRecord, UserRecord } from './store.mts';

export const ORGANIZATION_SCOPE = 'organization';

export type TokenTarget = 'access' | 'id' | 'userinfo' | 'introspection';

const TARGET_CONFIG: Record<TokenTarget, string> = {
  access: 'access.token.claim',
  id: 'id.token.claim',
  userinfo: 'userinfo.token.claim',
  introspection: 'introspection.token.claim',
};

/** What the request asked of the `organization` scope. */
export type OrganizationRequest = { kind: 'all' } | { kind: 'any' } | { kind: 'single'; aliases: string[] };

export class InvalidScopeError extends Error {}

export interface ScopedClient {
  defaultScopes: string[];
  optionalScopes: string[];
}

export interface AppliedScopes {
  /** The client scopes whose mappers run. */
  scopes: ClientScopeRep[];
  /** The `scope` claim / response parameter. */
  scope: string;
  organization: OrganizationRequest | null;
}

/** Splits `organization`, `organization:*`, `organization:<alias>`; undefined for other scopes. */
export function organizationScopeValue(scope: string): string | undefined {
  if (scope === ORGANIZATION_SCOPE) return '';
  return scope.startsWith(`${ORGANIZATION_SCOPE}:`) ? scope.slice(ORGANIZATION_SCOPE.length + 1) : undefined;
}

/** The client scopes a request applies (see the module comment); unknown scopes are ignored. */
export function applyScopes(client: ScopedClient, catalog: ReadonlyMap<string, ClientScopeRep>, requested: string | undefined): AppliedScopes {
  const tokens = [...new Set((requested ?? '').split(' ').filter(Boolean))];
  const applied: ClientScopeRep[] = [];
  const claim: string[] = tokens.includes('openid') ? ['openid'] : [];
  const add = (name: string, asRequested = name) => {
    const rep = catalog.get(name);
    if (!rep || applied.includes(rep)) return;
    applied.push(rep);
    if (rep.attributes?.['include.in.token.scope'] !== 'false') claim.push(asRequested);
  };
  for (const name of client.defaultScopes) add(name);

  const orgAllowed = client.defaultScopes.includes(ORGANIZATION_SCOPE) || client.optionalScopes.includes(ORGANIZATION_SCOPE);
  const orgTokens = orgAllowed ? tokens.filter((t) => organizationScopeValue(t) !== undefined) : [];
  let organization: OrganizationRequest | null = null;
  if (orgTokens.length > 0) {
    const values = orgTokens.map((t) => organizationScopeValue(t) as string);
    const kinds = new Set(values.map((v) => (v === '' ? 'any' : v === '*' ? 'all' : 'single')));
    if (kinds.size > 1) throw new InvalidScopeError(`Invalid scopes: ${orgTokens.join(' ')}`);
    const kind = [...kinds][0];
    organization = kind === 'single' ? { kind, aliases: values } : kind === 'all' ? { kind: 'all' } : { kind: 'any' };
    const rep = catalog.get(ORGANIZATION_SCOPE);
    if (rep && !applied.includes(rep)) {
      applied.push(rep);
      if (rep.attributes?.['include.in.token.scope'] !== 'false') claim.push(...orgTokens);
    }
  } else if (client.defaultScopes.includes(ORGANIZATION_SCOPE)) {
    organization = { kind: 'any' };
  }
  for (const t of tokens) if (t !== 'openid' && organizationScopeValue(t) === undefined && client.optionalScopes.includes(t)) add(t);
  return { scopes: applied, scope: [...new Set(claim)].join(' '), organization };
}

/** The organizations a request grants to `user` (only enabled ones, only where they are a member). */
export function grantedOrganizations(request: OrganizationRequest | null, memberOf: OrganizationRecord[]): OrganizationRecord[] {
  if (!request) return [];
  const enabled = memberOf.filter((o) => o.enabled);
  if (request.kind === 'all') return enabled;
  if (request.kind === 'single') return enabled.filter((o) => request.aliases.includes(o.alias));
  return enabled.length === 1 ? enabled : [];
}

/** Keycloak refuses `organization:<alias>` for an unknown organization or one the user is not in. */
export function checkOrganizationRequest(request: OrganizationRequest | null, memberOf: OrganizationRecord[]): void {
  if (request?.kind !== 'single') return;
  for (const alias of request.aliases) {
    if (!memberOf.some((o) => o.alias === alias && o.enabled)) throw new InvalidScopeError(`Invalid scopes: organization:${alias}`);
  }
}

export interface MapperInput {
  user: UserRecord;
  realmRoles: string[];
  organizations: OrganizationRecord[];
}

function setClaim(claims: Record<string, unknown>, name: string, value: unknown): void {
  // Keycloak treats dots in claim names as nesting (realm_access.roles); `\.` keeps a literal dot.
  const path = name.split(/(?<!\\)\./).map((p) => p.replaceAll('\\.', '.'));
  let target = claims;
  for (const part of path.slice(0, -1)) {
    const next = target[part];
    target = (next && typeof next === 'object' && !Array.isArray(next) ? next : (target[part] = {})) as Record<string, unknown>;
  }
  target[path[path.length - 1]] = value;
}

function typed(value: string | boolean | null, jsonType: string | undefined): unknown {
  if (value === null) return undefined;
  if (jsonType === 'boolean') return value === true || value === 'true';
  if (jsonType === 'long' || jsonType === 'int') return Number(value);
  return value;
}

function userAttribute(user: UserRecord, name: string): string | string[] | null {
  switch (name) {
    case 'username':
      return user.username;
    case 'email':
      return user.email;
    case 'firstName':
      return user.firstName;
    case 'lastName':
      return user.lastName;
    default:
      return user.attributes[name] ?? null;
  }
}

function runMapper(m: ProtocolMapperRep, input: MapperInput, claims: Record<string, unknown>, audiences: string[]): void {
  const c = m.config ?? {};
  const claimName = c['claim.name'];
  const { user } = input;
  switch (m.protocolMapper) {
    case 'oidc-sub-mapper':
      claims['sub'] = user.id;
      return;
    case 'oidc-usermodel-attribute-mapper': {
      if (!claimName) return;
      const value = userAttribute(user, c['user.attribute'] ?? '');
      if (value === null || (Array.isArray(value) && value.length === 0)) return;
      const v = Array.isArray(value) ? (c['multivalued'] === 'true' ? value : value[0]) : value;
      setClaim(claims, claimName, Array.isArray(v) ? v : typed(v, c['jsonType.label']));
      return;
    }
    case 'oidc-usermodel-property-mapper': {
      if (!claimName) return;
      const prop = c['user.attribute'];
      const value = prop === 'emailVerified' ? user.emailVerified : prop === 'enabled' ? user.enabled : prop ? userAttribute(user, prop) : null;
      if (value === null || Array.isArray(value)) return;
      setClaim(claims, claimName, typed(value, c['jsonType.label']));
      return;
    }
    case 'oidc-full-name-mapper': {
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
      if (name) claims['name'] = name;
      return;
    }
    case 'oidc-usermodel-realm-role-mapper':
      setClaim(claims, claimName ?? 'realm_access.roles', [...input.realmRoles]);
      return;
    case 'oidc-audience-mapper': {
      const aud = c['included.client.audience'] || c['included.custom.audience'];
      if (aud && !audiences.includes(aud)) audiences.push(aud);
      return;
    }
    case 'oidc-organization-membership-mapper': {
      if (input.organizations.length === 0) return;
      const rich = c['addOrganizationId'] === 'true' || c['addOrganizationAttributes'] === 'true';
      const value = rich
        ? Object.fromEntries(
            input.organizations.map((o) => [
              o.alias,
              { ...(c['addOrganizationId'] === 'true' ? { id: o.id } : {}), ...(c['addOrganizationAttributes'] === 'true' ? o.attributes : {}) },
            ]),
          )
        : input.organizations.map((o) => o.alias);
      setClaim(claims, claimName || 'organization', value);
      return;
    }
    default:
      return;
  }
}

/** The claims (and audiences) the applied scopes' mappers put into one kind of token. */
export function mapClaims(scopes: ClientScopeRep[], target: TokenTarget, input: MapperInput): { claims: Record<string, unknown>; audiences: string[] } {
  const claims: Record<string, unknown> = {};
  const audiences: string[] = [];
  for (const scope of scopes) {
    for (const m of scope.protocolMappers ?? []) {
      if (m.protocol && m.protocol !== 'openid-connect') continue;
      const applies = m.protocolMapper === 'oidc-audience-mapper' || m.protocolMapper === 'oidc-sub-mapper' ? m.config?.[TARGET_CONFIG[target]] !== 'false' : m.config?.[TARGET_CONFIG[target]] === 'true';
      if (applies) runMapper(m, input, claims, audiences);
    }
  }
  return { claims, audiences };
}

/** Top-level claim names any mapper of the catalog can produce (oidc-provider releases only known claims). */
export function claimNames(catalog: ReadonlyMap<string, ClientScopeRep>): string[] {
  const names = new Set<string>(['sub', 'name']);
  for (const scope of catalog.values()) {
    for (const m of scope.protocolMappers ?? []) {
      const n = m.config?.['claim.name'];
      if (n) names.add(n.split(/(?<!\\)\./)[0]);
    }
  }
  return [...names];
}
