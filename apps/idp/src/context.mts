/**
 * The running IdP: store, settings and one RealmRuntime per realm; creates realms (with their
 * signing key and the clients' service accounts) and loads the demo accounts.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_REALM } from '../../../tools/db/seed/demo-accounts.mts';
import { generateSigningKey, hashPassword, randomSecret } from './crypto.mts';
import { clientDefinitions, RealmRuntime, type IdpSettings } from './realm.mts';
import type { RealmRecord, Store, UserRecord } from './store.mts';

/** The realms every IdP has: master (administration) and the shared realm. */
export const BUILT_IN_REALMS = ['master', DEMO_REALM] as const;

export interface RealmInput {
  realm: string;
  displayName?: string | null;
  enabled?: boolean;
  organizationsEnabled?: boolean;
}

export function newUser(fields: Partial<UserRecord> & { username: string }): UserRecord {
  return {
    id: randomUUID(),
    email: null,
    firstName: null,
    lastName: null,
    enabled: true,
    emailVerified: false,
    createdTimestamp: Date.now(),
    passwordHash: null,
    realmRoles: [],
    requiredActions: [],
    attributes: {},
    ...fields,
    username: fields.username.toLowerCase(),
  };
}

export class IdpContext {
  readonly store: Store;
  readonly settings: IdpSettings;
  readonly realms = new Map<string, RealmRuntime>();

  constructor(store: Store, settings: IdpSettings) {
    this.store = store;
    this.settings = settings;
  }

  /** Creates the built-in realms if missing, the service accounts, and starts every realm. */
  async init(seedDemo: boolean): Promise<void> {
    for (const name of BUILT_IN_REALMS) {
      if (!this.store.realm(name)) {
        this.store.data.realms.push(await newRealmRecord({ realm: name, enabled: true, organizationsEnabled: name !== 'master' }));
      }
    }
    for (const record of this.store.data.realms) this.#ensureServiceAccounts(record);
    if (seedDemo) {
      const roles = new Set((this.settings.realmFile.roles?.realm ?? []).map((r) => r.name));
      const unknown = DEMO_ACCOUNTS.flatMap((a) => a.realmRoles.filter((r) => !roles.has(r)).map((r) => `${a.username}: ${r}`));
      if (unknown.length > 0) throw new Error(`dev IdP: demo accounts have realm roles the realm file does not define (${unknown.join(', ')})`);
      await seedDemoAccounts(this.store.realm(DEMO_REALM) as RealmRecord);
    }
    await this.store.save();
    for (const record of this.store.data.realms) this.realms.set(record.realm, new RealmRuntime(this.store, record, this.settings));
  }

  async createRealm(input: RealmInput): Promise<RealmRuntime> {
    const record = await newRealmRecord(input);
    this.store.data.realms.push(record);
    this.#ensureServiceAccounts(record);
    await this.store.save();
    const runtime = new RealmRuntime(this.store, record, this.settings);
    this.realms.set(record.realm, runtime);
    return runtime;
  }

  async deleteRealm(name: string): Promise<void> {
    this.realms.delete(name);
    const data = this.store.data;
    data.realms = data.realms.filter((r) => r.realm !== name);
    data.actionTokens = data.actionTokens.filter((t) => t.realm !== name);
    await this.store.save();
  }

  /** The service accounts of the realm's clients, with the roles the realm file gives them. */
  #ensureServiceAccounts(record: RealmRecord): void {
    for (const def of clientDefinitions(record.realm, this.settings)) {
      if (!def.serviceAccount) continue;
      const clientId = def.metadata.client_id;
      const { realmRoles, clientRoles } = def.serviceAccount;
      const existing = this.store.serviceAccount(record, clientId);
      if (existing) {
        existing.realmRoles = [...new Set([...existing.realmRoles, ...realmRoles])];
        existing.clientRoles = clientRoles;
      } else {
        record.users.push(newUser({ username: `service-account-${clientId}`, serviceAccountClientId: clientId, realmRoles: [...realmRoles], clientRoles, enabled: true }));
      }
    }
  }
}

async function newRealmRecord(input: RealmInput): Promise<RealmRecord> {
  return {
    id: randomUUID(),
    realm: input.realm,
    displayName: input.displayName ?? null,
    enabled: input.enabled ?? true,
    organizationsEnabled: input.organizationsEnabled ?? false,
    createdTimestamp: Date.now(),
    signingKey: await generateSigningKey(),
    secret: randomSecret(),
    users: [],
    organizations: [],
  };
}

/** Loads the demo organizations and accounts once into a realm that has never had them. */
export async function seedDemoAccounts(record: RealmRecord): Promise<void> {
  if (record.demoSeeded) return;
  if (record.users.some((u) => !u.serviceAccountClientId) || record.organizations.length > 0) {
    record.demoSeeded = true; // someone else's data: leave it alone
    return;
  }
  for (const org of DEMO_ORGANIZATIONS) {
    record.organizations.push({ id: org.id, alias: org.alias, name: org.name, enabled: true, description: null, redirectUrl: null, domains: [], attributes: {}, members: [] });
  }
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  DEMO_ACCOUNTS.forEach((account, i) => {
    record.users.push(
      newUser({
        id: account.id,
        username: account.username,
        email: account.email.toLowerCase(),
        firstName: account.firstName,
        lastName: account.lastName,
        emailVerified: true,
        passwordHash: hashes[i],
        realmRoles: [...account.realmRoles],
      }),
    );
    for (const { alias } of account.organizations) {
      record.organizations.find((o) => o.alias === alias)?.members.push(account.id);
    }
  });
  record.demoSeeded = true;
}
