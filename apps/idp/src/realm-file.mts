/**
 * The realm as code: the dev IdP reads its clients, client scopes with their protocol mappers,
 * realm roles and service accounts from the same Keycloak 26 realm import file that a real
 * Keycloak imports (`deploy/keycloak/ratsinfo-realm.json`, `kc.sh start --import-realm`), plus
 * dev-only overlays (`deploy/keycloak/dev/*.json`: the password-grant test client, loopback
 * redirect URIs for test servers on any port).
 *
 * Placeholders `${NAME}` and `${NAME:default}` are resolved as Keycloak resolves them at import
 * (from the environment); the dev IdP supplies its own values for the secrets it knows. An overlay
 * is a fragment of a realm representation: its clients are merged by `clientId` (list fields such
 * as `redirectUris` are joined, other fields replace), new clients are added.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The parts of Keycloak's ProtocolMapperRepresentation the dev IdP reads. */
export interface ProtocolMapperRep {
  name: string;
  protocol?: string;
  protocolMapper: string;
  config?: Record<string, string>;
}

export interface ClientScopeRep {
  name: string;
  protocol?: string;
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapperRep[];
}

export interface ClientRep {
  clientId: string;
  name?: string;
  enabled?: boolean;
  publicClient?: boolean;
  bearerOnly?: boolean;
  secret?: string;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  rootUrl?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
}

export interface RoleRep {
  name: string;
  description?: string;
  composite?: boolean;
  composites?: { realm?: string[]; client?: Record<string, string[]> };
}

export interface UserRep {
  username: string;
  enabled?: boolean;
  serviceAccountClientId?: string;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
}

export interface RealmRep {
  realm: string;
  enabled?: boolean;
  organizationsEnabled?: boolean;
  roles?: { realm?: RoleRep[] };
  defaultRole?: { name: string };
  clientScopes?: ClientScopeRep[];
  defaultDefaultClientScopes?: string[];
  defaultOptionalClientScopes?: string[];
  clients?: ClientRep[];
  users?: UserRep[];
}

const DEPLOY_DIR = fileURLToPath(new URL('../../../deploy/keycloak/', import.meta.url));
/** The production realm import file. */
export const DEFAULT_REALM_FILE = `${DEPLOY_DIR}ratsinfo-realm.json`;
/** The dev overlay: test client and loopback redirect URIs. */
export const DEFAULT_DEV_OVERLAY = `${DEPLOY_DIR}dev/ratsinfo-realm.dev.json`;

/** Keycloak's `${NAME}` / `${NAME:default}` placeholders; an unknown name without default is an error. */
export function resolvePlaceholders(text: string, variables: Record<string, string | undefined>, file: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
    const value = variables[name];
    if (value !== undefined && value !== '') return JSON.stringify(value).slice(1, -1);
    if (fallback !== undefined) return JSON.stringify(fallback).slice(1, -1);
    throw new Error(`dev IdP: ${file} uses ${whole}, but ${name} is not set`);
  });
}

/**
 * Keycloak's own message bundle keys (`${role_offline-access}`, `${profileScopeConsentText}`)
 * also look like placeholders: they are left alone (Keycloak resolves them only in its themes).
 */
function isMessageKey(name: string): boolean {
  return /^[a-z]/.test(name);
}

function readJsonFile(file: string, variables: Record<string, string | undefined>): unknown {
  const raw = readFileSync(file, 'utf8');
  const resolved = raw.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)(?::([^}]*))?\}/g, (whole, name: string) =>
    isMessageKey(name) ? whole : resolvePlaceholders(whole, variables, file),
  );
  try {
    return JSON.parse(resolved) as unknown;
  } catch (err) {
    throw new Error(`dev IdP: ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

const LIST_FIELDS = new Set(['redirectUris', 'webOrigins', 'defaultClientScopes', 'optionalClientScopes']);

function mergeClient(base: ClientRep, overlay: ClientRep): ClientRep {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    if (LIST_FIELDS.has(key) && Array.isArray(current) && Array.isArray(value)) merged[key] = [...new Set([...current, ...value])];
    else if (key === 'attributes' && current && typeof current === 'object') merged[key] = { ...(current as object), ...(value as object) };
    else merged[key] = value;
  }
  return merged as unknown as ClientRep;
}

/** Merges an overlay fragment into a realm representation (see the module comment). */
export function applyOverlay(realm: RealmRep, overlay: Partial<RealmRep>): RealmRep {
  const clients = [...(realm.clients ?? [])];
  for (const client of overlay.clients ?? []) {
    const i = clients.findIndex((c) => c.clientId === client.clientId);
    if (i >= 0) clients[i] = mergeClient(clients[i], client);
    else clients.push(client);
  }
  const roles = [...(realm.roles?.realm ?? [])];
  for (const role of overlay.roles?.realm ?? []) if (!roles.some((r) => r.name === role.name)) roles.push(role);
  const scopes = [...(realm.clientScopes ?? [])];
  for (const scope of overlay.clientScopes ?? []) {
    const i = scopes.findIndex((s) => s.name === scope.name);
    if (i >= 0) scopes[i] = scope;
    else scopes.push(scope);
  }
  return { ...realm, clients, roles: { ...realm.roles, realm: roles }, clientScopes: scopes, users: [...(realm.users ?? []), ...(overlay.users ?? [])] };
}

function validate(realm: RealmRep, file: string): RealmRep {
  const fail = (message: string): never => {
    throw new Error(`dev IdP: ${file}: ${message}`);
  };
  if (!realm || typeof realm !== 'object' || typeof realm.realm !== 'string') fail('not a realm representation (no "realm")');
  const scopes = new Set((realm.clientScopes ?? []).map((s) => s.name));
  for (const client of realm.clients ?? []) {
    if (typeof client.clientId !== 'string' || client.clientId === '') fail('a client without clientId');
    for (const name of [...(client.defaultClientScopes ?? []), ...(client.optionalClientScopes ?? [])]) {
      if (!scopes.has(name)) fail(`client ${client.clientId} refers to the unknown client scope "${name}"`);
    }
  }
  const roles = new Set((realm.roles?.realm ?? []).map((r) => r.name));
  if (realm.defaultRole && !roles.has(realm.defaultRole.name)) fail(`the default role ${realm.defaultRole.name} is not among the realm roles`);
  for (const user of realm.users ?? []) {
    for (const role of user.realmRoles ?? []) if (!roles.has(role)) fail(`user ${user.username} has the unknown realm role "${role}"`);
    if (user.serviceAccountClientId && !(realm.clients ?? []).some((c) => c.clientId === user.serviceAccountClientId)) {
      fail(`service account ${user.username} belongs to the unknown client ${user.serviceAccountClientId}`);
    }
  }
  return realm;
}

export interface RealmFileOptions {
  /** The realm import file (default: deploy/keycloak/ratsinfo-realm.json). */
  file?: string;
  /** Dev overlays applied in order (default: deploy/keycloak/dev/ratsinfo-realm.dev.json). */
  overlays?: string[];
  /** Values for placeholders; the process environment fills the rest. */
  variables?: Record<string, string | undefined>;
  /** Client ids left out (e.g. the test client when it is disabled). */
  withoutClients?: string[];
}

/** Reads, resolves, merges and checks the realm file and its overlays. */
export function loadRealmFile(options: RealmFileOptions = {}): RealmRep {
  const file = options.file ?? DEFAULT_REALM_FILE;
  const variables = { ...process.env, ...options.variables };
  let realm = readJsonFile(file, variables) as RealmRep;
  for (const overlayFile of options.overlays ?? [DEFAULT_DEV_OVERLAY]) {
    realm = applyOverlay(realm, readJsonFile(overlayFile, variables) as Partial<RealmRep>);
  }
  const without = new Set(options.withoutClients ?? []);
  realm = { ...realm, clients: (realm.clients ?? []).filter((c) => !without.has(c.clientId)), users: (realm.users ?? []).filter((u) => !u.serviceAccountClientId || !without.has(u.serviceAccountClientId)) };
  return validate(realm, file);
}
