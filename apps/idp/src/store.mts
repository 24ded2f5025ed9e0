/**
 * The dev IdP's data: realms with their signing key, users and organizations, plus the action
 * e-mails "sent" and their action tokens. In memory, and persisted to one JSON file (written to a
 * temp file and renamed, so a crash never leaves half a file) when a data file is given.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JWK } from 'jose';

export interface UserRecord {
  id: string;
  /** Lower case, unique in the realm. */
  username: string;
  /** Lower case, unique in the realm. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: boolean;
  emailVerified: boolean;
  createdTimestamp: number;
  /** scrypt hash (crypto.mts); null = no password credential. */
  passwordHash: string | null;
  realmRoles: string[];
  requiredActions: string[];
  attributes: Record<string, string[]>;
  /** Set on the service-account user of a confidential client. */
  serviceAccountClientId?: string;
}

export interface OrganizationDomain {
  name: string;
  verified: boolean;
}

export interface OrganizationRecord {
  id: string;
  /** Immutable; the tenant slug. */
  alias: string;
  name: string;
  enabled: boolean;
  description: string | null;
  redirectUrl: string | null;
  domains: OrganizationDomain[];
  attributes: Record<string, string[]>;
  /** User ids. */
  members: string[];
}

export interface RealmRecord {
  id: string;
  realm: string;
  displayName: string | null;
  enabled: boolean;
  organizationsEnabled: boolean;
  createdTimestamp: number;
  /** Private RS256 signing key (JWK with kid). */
  signingKey: JWK;
  /** Secret for cookie signatures and refresh-token envelopes. */
  secret: string;
  users: UserRecord[];
  organizations: OrganizationRecord[];
  /** The demo accounts were loaded once (never again, even if someone deletes them). */
  demoSeeded?: boolean;
}

/**
 * Which Admin API call "sent" an e-mail: `execute-actions` (PUT …/execute-actions-email, e.g. an
 * invitation), `verify-email` (PUT …/send-verify-email), `reset-password` (PUT
 * …/reset-password-email). Tests assert on it, e.g. that an existing identity got none of them.
 */
export type SentEmailKind = 'execute-actions' | 'verify-email' | 'reset-password';

export interface SentEmail {
  id: string;
  kind: SentEmailKind;
  realm: string;
  userId: string;
  to: string;
  subject: string;
  body: string;
  link: string;
  actions: string[];
  clientId: string | null;
  redirectUri: string | null;
  sentAt: string;
  expiresAt: string;
}

export interface ActionTokenRecord {
  key: string;
  realm: string;
  userId: string;
  actions: string[];
  clientId: string | null;
  redirectUri: string | null;
  /** Epoch seconds. */
  expiresAt: number;
  usedAt: number | null;
}

export interface StoreData {
  version: 1;
  realms: RealmRecord[];
  sentEmails: SentEmail[];
  actionTokens: ActionTokenRecord[];
}

export class Store {
  readonly data: StoreData;
  readonly file: string | null;
  #writing: Promise<void> = Promise.resolve();
  #writes = 0;

  private constructor(data: StoreData, file: string | null) {
    this.data = data;
    this.file = file;
  }

  /** Loads `file` (a missing file is an empty store); `null` keeps everything in memory. */
  static async open(file: string | null): Promise<Store> {
    const empty: StoreData = { version: 1, realms: [], sentEmails: [], actionTokens: [] };
    if (file === null) return new Store(empty, null);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Store(empty, file);
      throw err;
    }
    const data = JSON.parse(text) as StoreData;
    if (data?.version !== 1 || !Array.isArray(data.realms)) {
      throw new Error(`dev IdP: ${file} is not a store of this version; delete it to start over`);
    }
    data.sentEmails ??= [];
    // stores written before e-mails had a kind only ever held execute-actions e-mails
    for (const mail of data.sentEmails) mail.kind ??= 'execute-actions';
    data.actionTokens ??= [];
    return new Store(data, file);
  }

  /** Writes the store to its file (no-op in memory); writes are serialized. */
  save(): Promise<void> {
    const file = this.file;
    if (file === null) return Promise.resolve();
    const tmp = `${file}.${process.pid}.${++this.#writes}.tmp`;
    this.#writing = this.#writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
      await rename(tmp, file);
    });
    return this.#writing;
  }

  realm(name: string): RealmRecord | undefined {
    return this.data.realms.find((r) => r.realm === name);
  }

  userById(realm: RealmRecord, id: string): UserRecord | undefined {
    return realm.users.find((u) => u.id === id);
  }

  userByUsername(realm: RealmRecord, username: string): UserRecord | undefined {
    const wanted = username.toLowerCase();
    return realm.users.find((u) => u.username === wanted);
  }

  userByEmail(realm: RealmRecord, email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return realm.users.find((u) => u.email === wanted);
  }

  /** Login with username or e-mail (Keycloak's default "login with email allowed"). */
  userByLogin(realm: RealmRecord, login: string): UserRecord | undefined {
    const l = login.trim();
    if (l === '') return undefined;
    return this.userByUsername(realm, l) ?? (l.includes('@') ? this.userByEmail(realm, l) : undefined);
  }

  serviceAccount(realm: RealmRecord, clientId: string): UserRecord | undefined {
    return realm.users.find((u) => u.serviceAccountClientId === clientId);
  }

  organizationsOf(realm: RealmRecord, userId: string): OrganizationRecord[] {
    return realm.organizations.filter((o) => o.members.includes(userId));
  }
}
