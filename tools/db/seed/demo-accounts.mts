/**
 * Demo sign-in accounts for the dev IdP (apps/idp) — DEVELOPMENT ONLY. Every account has the
 * password DEMO_PASSWORD ('demo'); never load these into a real Keycloak.
 *
 * The accounts live in the shared realm DEMO_REALM ('ratsinfo'); each demo member authority is a
 * Keycloak Organization whose alias is the tenant slug (DEMO_ORGANIZATIONS). Per active tenant S:
 *
 *   S-admin    tenant role tenant-admin   (staff account, e-mail S-admin@example.org)
 *   S-clerk    tenant role clerk          (staff account, e-mail S-clerk@example.org)
 *   S-member1…3 tenant role member        (real council members of the seed: name and e-mail of
 *                                          a seeded Person, so the app links account and Person)
 *
 * plus `operator` (realm role `operator`, no organization: cooperative staff) and `katrin.lehmann`
 * (Dr. Katrin Lehmann, member of both `burg` and `landkreis-jerichower-land`: the person on two
 * councils, e-mail TWO_COUNCILS_PERSON_EMAIL). The suspended Elbe-Parey has an organization but no
 * accounts.
 *
 * Tenant roles are the app's business (stored in its database); `organizations[].tenantRole` tells
 * the app's seed which role to grant. The IdP itself only stores the organization membership.
 *
 * Ids are deterministic: UUID v5 (SHA-1, RFC 9562) of the username in DEMO_ACCOUNT_UUID_NAMESPACE,
 * organization ids likewise of `organization/<alias>`.
 */
import { createHash } from 'node:crypto';
import { buildDemoData, TWO_COUNCILS_PERSON_EMAIL } from './demo-data.mts';

export type DemoTenantRole = 'tenant-admin' | 'clerk' | 'member';

export interface DemoAccountOrganization {
  /** Organization alias = tenant slug. */
  alias: string;
  tenantRole: DemoTenantRole;
  /** E-mail of the seeded Person this account is (members only). */
  personEmail?: string;
}

export interface DemoAccount {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  realmRoles: string[];
  organizations: DemoAccountOrganization[];
}

export interface DemoOrganization {
  id: string;
  alias: string;
  name: string;
}

/** Dev-only password of every demo account. */
export const DEMO_PASSWORD = 'demo';

/** The shared realm. */
export const DEMO_REALM = 'ratsinfo';

/** Namespace of the demo account ids (a random v4 UUID fixed once; never change it). */
export const DEMO_ACCOUNT_UUID_NAMESPACE = '0b6a3c51-8e0f-4d52-9a3e-5c1f7d2b9e64';

/** UUID v5 of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const accountId = (username: string): string => uuidV5(DEMO_ACCOUNT_UUID_NAMESPACE, username);

/** The demo member authorities as Keycloak Organizations (alias = tenant slug). */
export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  { alias: 'landkreis-jerichower-land', name: 'Landkreis Jerichower Land' },
  { alias: 'burg', name: 'Stadt Burg' },
  { alias: 'genthin', name: 'Stadt Genthin' },
  { alias: 'gommern', name: 'Stadt Gommern' },
  { alias: 'elbe-parey', name: 'Gemeinde Elbe-Parey' },
].map((o) => ({ id: uuidV5(DEMO_ACCOUNT_UUID_NAMESPACE, `organization/${o.alias}`), ...o }));

/** Staff of the active tenants (invented names; they are not council members). */
const STAFF: Readonly<Record<string, { admin: [string, string]; clerk: [string, string] }>> = {
  'landkreis-jerichower-land': { admin: ['Andrea', 'Krüger'], clerk: ['Thomas', 'Schröder'] },
  burg: { admin: ['Claudia', 'Neumann'], clerk: ['Jens', 'Hoffmann'] },
  genthin: { admin: ['Stefanie', 'Vogel'], clerk: ['Uwe', 'Richter'] },
  gommern: { admin: ['Kerstin', 'Wolf'], clerk: ['Daniel', 'Fischer'] },
};

/** Any date works: persons and council memberships of the seed do not depend on it. */
const SEED_REFERENCE_DATE = new Date('2026-01-15T12:00:00Z');

/**
 * Three council members per active tenant, taken from the seed: persons with an e-mail address
 * and a current voting membership "Mitglied" in the council, in the seed's order (not the
 * two-council person, who has her own account).
 */
function seededCouncilMembers(): Map<string, { firstName: string; lastName: string; email: string }[]> {
  const data = buildDemoData(SEED_REFERENCE_DATE);
  const result = new Map<string, { firstName: string; lastName: string; email: string }[]>();
  for (const tenant of data.tenants) {
    if (tenant.status !== 'active') continue;
    const council = data.organizations.find((o) => o.tenant_id === tenant.id && o.organization_type === 'council');
    const memberIds = new Set(
      data.memberships
        .filter((m) => m.organization_id === council?.id && m.end_date === null && m.voting_right && m.role === 'Mitglied')
        .map((m) => m.person_id),
    );
    const picked = data.persons
      .filter((p) => p.tenant_id === tenant.id && memberIds.has(p.id) && p.email !== null && p.email !== TWO_COUNCILS_PERSON_EMAIL)
      .slice(0, 3)
      .map((p) => ({ firstName: p.given_name, lastName: p.family_name, email: p.email as string }));
    if (picked.length !== 3) throw new Error(`demo-accounts: the seed has fewer than 3 council members with e-mail in ${tenant.slug}`);
    result.set(tenant.slug, picked);
  }
  return result;
}

function buildDemoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    {
      id: accountId('operator'),
      username: 'operator',
      email: 'operator@example.org',
      firstName: 'Olaf',
      lastName: 'Betreiber',
      realmRoles: ['operator'],
      organizations: [],
    },
  ];
  for (const [slug, members] of seededCouncilMembers()) {
    const staff = STAFF[slug];
    if (!staff) throw new Error(`demo-accounts: no staff names for the active tenant ${slug}`);
    const account = (suffix: string, email: string, [firstName, lastName]: [string, string], role: DemoTenantRole, personEmail?: string): DemoAccount => ({
      id: accountId(`${slug}-${suffix}`),
      username: `${slug}-${suffix}`,
      email,
      firstName,
      lastName,
      realmRoles: [],
      organizations: [{ alias: slug, tenantRole: role, ...(personEmail ? { personEmail } : {}) }],
    });
    accounts.push(account('admin', `${slug}-admin@example.org`, staff.admin, 'tenant-admin'));
    accounts.push(account('clerk', `${slug}-clerk@example.org`, staff.clerk, 'clerk'));
    members.forEach((m, i) => accounts.push(account(`member${i + 1}`, m.email, [m.firstName, m.lastName], 'member', m.email)));
  }
  accounts.push({
    id: accountId('katrin.lehmann'),
    username: 'katrin.lehmann',
    email: TWO_COUNCILS_PERSON_EMAIL,
    firstName: 'Katrin',
    lastName: 'Lehmann',
    realmRoles: [],
    organizations: [
      { alias: 'burg', tenantRole: 'member', personEmail: TWO_COUNCILS_PERSON_EMAIL },
      { alias: 'landkreis-jerichower-land', tenantRole: 'member', personEmail: TWO_COUNCILS_PERSON_EMAIL },
    ],
  });
  return accounts;
}

/** All demo accounts (dev only; password DEMO_PASSWORD). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = buildDemoAccounts();
