import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_ACCOUNTS, DEMO_ACCOUNT_UUID_NAMESPACE, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_REALM, uuidV5 } from '../../../tools/db/seed/demo-accounts.mts';
import { buildDemoData, TWO_COUNCILS_PERSON_EMAIL } from '../../../tools/db/seed/demo-data.mts';

const ACTIVE = ['landkreis-jerichower-land', 'burg', 'genthin', 'gommern'];

describe('demo accounts (tools/db/seed/demo-accounts.mts)', () => {
  it('are the operator, five accounts per active tenant and Katrin Lehmann', () => {
    assert.equal(DEMO_REALM, 'ratsinfo');
    assert.equal(DEMO_PASSWORD, 'demo');
    const expected = ['operator', ...ACTIVE.flatMap((s) => ['admin', 'clerk', 'member1', 'member2', 'member3'].map((x) => `${s}-${x}`)), 'katrin.lehmann'];
    assert.deepEqual(DEMO_ACCOUNTS.map((a) => a.username), expected);
    assert.equal(new Set(DEMO_ACCOUNTS.map((a) => a.email)).size, DEMO_ACCOUNTS.length);
    assert.ok(!DEMO_ACCOUNTS.some((a) => a.organizations.some((o) => o.alias === 'elbe-parey')), 'no accounts for the suspended tenant');
  });

  it('have deterministic UUID v5 ids over the username', () => {
    for (const a of DEMO_ACCOUNTS) assert.equal(a.id, uuidV5(DEMO_ACCOUNT_UUID_NAMESPACE, a.username));
    // pinned: other seeds and tests may rely on these
    assert.equal(DEMO_ACCOUNTS.find((a) => a.username === 'operator')?.id, '8aa57159-4ff6-5cba-9a08-2d98cce233b4');
    assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2', 'RFC 9562 test vector');
  });

  it('give roles: operator realm role, one tenant role per organization', () => {
    const operator = DEMO_ACCOUNTS.find((a) => a.username === 'operator');
    assert.deepEqual(operator?.realmRoles, ['operator']);
    assert.deepEqual(operator?.organizations, []);
    assert.equal(operator?.firstName, 'Olaf');
    assert.equal(operator?.lastName, 'Betreiber');
    for (const s of ACTIVE) {
      const role = (suffix: string) => DEMO_ACCOUNTS.find((a) => a.username === `${s}-${suffix}`)?.organizations;
      assert.deepEqual(role('admin'), [{ alias: s, tenantRole: 'tenant-admin' }]);
      assert.deepEqual(role('clerk'), [{ alias: s, tenantRole: 'clerk' }]);
      for (const m of ['member1', 'member2', 'member3']) assert.equal(role(m)?.[0].tenantRole, 'member');
    }
  });

  it('link the members to seeded council members by e-mail and name', () => {
    const data = buildDemoData(new Date('2026-06-01T12:00:00Z'));
    for (const a of DEMO_ACCOUNTS.filter((x) => /-member\d$/.test(x.username))) {
      const [org] = a.organizations;
      const tenant = data.tenants.find((t) => t.slug === org.alias);
      const person = data.persons.find((p) => p.tenant_id === tenant?.id && p.email === a.email);
      assert.ok(person, `${a.username}: a seeded person with ${a.email}`);
      assert.equal(org.personEmail, a.email);
      assert.equal(person.given_name, a.firstName);
      assert.equal(person.family_name, a.lastName);
    }
  });

  it('make Katrin Lehmann a member of Burg and the Landkreis', () => {
    const katrin = DEMO_ACCOUNTS.find((a) => a.username === 'katrin.lehmann');
    assert.equal(katrin?.email, TWO_COUNCILS_PERSON_EMAIL);
    assert.deepEqual(
      katrin?.organizations.map((o) => [o.alias, o.tenantRole, o.personEmail]).sort(),
      [
        ['burg', 'member', TWO_COUNCILS_PERSON_EMAIL],
        ['landkreis-jerichower-land', 'member', TWO_COUNCILS_PERSON_EMAIL],
      ],
    );
  });

  it('name the organizations after the demo tenants', () => {
    assert.deepEqual(
      DEMO_ORGANIZATIONS.map((o) => [o.alias, o.name]),
      [
        ['landkreis-jerichower-land', 'Landkreis Jerichower Land'],
        ['burg', 'Stadt Burg'],
        ['genthin', 'Stadt Genthin'],
        ['gommern', 'Stadt Gommern'],
        ['elbe-parey', 'Gemeinde Elbe-Parey'],
      ],
    );
    const data = buildDemoData(new Date('2026-06-01T12:00:00Z'));
    for (const o of DEMO_ORGANIZATIONS) assert.equal(data.tenants.find((t) => t.slug === o.alias)?.name, o.name);
  });
});
