import { asTenant, connect, createTenantWithRows, deleteTenant, pgErrorCode, testEnv } from '@ratsinfo/api-testing';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/**
 * OParl/spec#375, kept by the database (migration 20261202180000_oparl_modified, ADR 0019):
 * when an embedded object changes, the embedding object's `modified` (updated_at) moves in the
 * same transaction — for every edge of our OParl output, as the application role under RLS, with
 * plain SQL (no app code). `version` columns (If-Match) never move; a rolled-back write moves
 * nothing; another tenant's rows are never touched.
 */
const CHECK_VIOLATION = '23514';
const NOT_IN_PREREQUISITE_STATE = '55000';

let app: Client;
let owner: Client;
let a: Awaited<ReturnType<typeof createTenantWithRows>>;
let b: Awaited<ReturnType<typeof createTenantWithRows>>;
/** Extra rows of tenant a: a second item (with consultation), files on the meeting and the item. */
let extra: { location: string; item2: string; meetingFile: string; itemFile: string; itemFileVersion: string };

type Ref = readonly [table: string, id: string];
interface Stamp {
  updatedAt: string;
  version: string | null;
}

beforeAll(async () => {
  const env = testEnv();
  [app, owner] = await Promise.all([connect(env.databaseUrl), connect(env.ownerUrl)]);
  a = await createTenantWithRows(owner, 'oma');
  b = await createTenantWithRows(owner, 'omb');
  const g = a.graph;
  extra = { location: g['locations']!, item2: randomUUID(), meetingFile: randomUUID(), itemFile: randomUUID(), itemFileVersion: randomUUID() };
  await asTenant(
    owner,
    a.id,
    async () => {
      await owner.query('UPDATE meetings SET location_id = $1 WHERE id = $2', [extra.location, g['meetings']]);
      await owner.query('UPDATE organizations SET location_id = $1 WHERE id = $2', [extra.location, g['organizations']]);
      await owner.query(`INSERT INTO agenda_items (id, tenant_id, meeting_id, "order", name) VALUES ($1, $2, $3, 999999999, 'Zweiter Punkt')`, [extra.item2, a.id, g['meetings']]);
      await owner.query(`INSERT INTO files (id, tenant_id, name, meeting_id) VALUES ($1, $2, 'Einladung', $3)`, [extra.meetingFile, a.id, g['meetings']]);
      await owner.query(`INSERT INTO files (id, tenant_id, name, agenda_item_id) VALUES ($1, $2, 'Anlage', $3)`, [extra.itemFile, a.id, g['agenda_items']]);
      await owner.query(
        `INSERT INTO file_versions (id, tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, $3, 1, 'Anlage.pdf', 'application/pdf', 10, $4, $5)`,
        [extra.itemFileVersion, a.id, extra.itemFile, 'b'.repeat(128), `${a.id}/${randomUUID()}`],
      );
    },
    true,
  );
});

afterAll(async () => {
  await deleteTenant(owner, a.id);
  await deleteTenant(owner, b.id);
  await Promise.all([app.end(), owner.end()]);
});

async function stamps(tenantId: string, refs: readonly Ref[]): Promise<Stamp[]> {
  return asTenant(owner, tenantId, async () => {
    const out: Stamp[] = [];
    for (const [table, id] of refs) {
      const { rows } = await owner.query<Stamp>(
        `SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "updatedAt", to_jsonb(t) ->> 'version' AS version FROM ${table} t WHERE id = $1`,
        [id],
      );
      if (!rows[0]) throw new Error(`no ${table} row ${id}`);
      out.push(rows[0]);
    }
    return out;
  });
}

/** Runs the statements as the application role in tenant a; returns the transaction's now(). */
async function write(statements: readonly (readonly [string, unknown[]?])[], commit: boolean): Promise<string> {
  return asTenant(
    app,
    a.id,
    async () => {
      const { rows } = await app.query<{ now: string }>(`SELECT to_char(date_trunc('milliseconds', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS now`);
      for (const [sql, params] of statements) await app.query(sql, params ?? []);
      return rows[0]!.now;
    },
    commit,
  );
}

/** Every row of tenant b that any edge could reach: none may move while tenant a writes. */
function tenantBParents(): Ref[] {
  const g = b.graph;
  return [['meetings', g['meetings']!], ['agenda_items', g['agenda_items']!], ['papers', g['papers']!], ['files', g['files']!], ['persons', g['persons']!], ['consultations', g['consultations']!], ['organizations', g['organizations']!]];
}

/**
 * The edge test: a rolled-back write moves nothing; the committed write moves every listed
 * parent to the transaction's time, leaves their version alone, and moves nothing in tenant b.
 */
async function expectPropagation(statements: readonly (readonly [string, unknown[]?])[], parents: readonly Ref[], untouched: readonly Ref[] = []) {
  const before = await stamps(a.id, [...parents, ...untouched]);
  const beforeB = await stamps(b.id, tenantBParents());
  await write(statements, false);
  expect(await stamps(a.id, [...parents, ...untouched])).toEqual(before);
  const txNow = await write(statements, true);
  const after = await stamps(a.id, [...parents, ...untouched]);
  parents.forEach((ref, i) => {
    const [was, is] = [before[i]!, after[i]!];
    expect({ ref, moved: is.updatedAt > was.updatedAt, atLeastTx: is.updatedAt >= txNow, version: is.version }).toEqual({ ref, moved: true, atLeastTx: true, version: was.version });
  });
  untouched.forEach((ref, i) => expect({ ref, stamp: after[parents.length + i] }).toEqual({ ref, stamp: before[parents.length + i] }));
  expect(await stamps(b.id, tenantBParents())).toEqual(beforeB);
}

describe('embedded modified propagation (OParl/spec#375), as the application role', () => {
  const g = () => a.graph;

  it('agenda item → meeting: insert, update, soft delete and hard delete', async () => {
    const id = randomUUID();
    const meeting: Ref = ['meetings', g()['meetings']!];
    await expectPropagation([[`INSERT INTO agenda_items (id, tenant_id, meeting_id, "order", name) VALUES ($1, $2, $3, 888888888, 'Neuer Punkt') ON CONFLICT DO NOTHING`, [id, a.id, meeting[1]]]], [meeting]);
    await expectPropagation([[`UPDATE agenda_items SET name = name || '!' WHERE id = $1`, [id]]], [meeting]);
    await expectPropagation([[`UPDATE agenda_items SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [id]]], [meeting]);
    await expectPropagation([[`DELETE FROM agenda_items WHERE id = $1`, [id]]], [meeting]);
  });

  it('agenda item → consultation → paper when the item is set on / cleared from a consultation; a name change leaves the consultation alone', async () => {
    const consultation: Ref = ['consultations', g()['consultations']!];
    const paper: Ref = ['papers', g()['papers']!];
    const meeting: Ref = ['meetings', g()['meetings']!];
    await expectPropagation([[`UPDATE agenda_items SET consultation_id = $1 WHERE id = $2`, [consultation[1], extra.item2]]], [consultation, paper, meeting]);
    await expectPropagation([[`UPDATE agenda_items SET name = name || '.' WHERE id = $1`, [extra.item2]]], [meeting], [consultation, paper]);
    await expectPropagation([[`UPDATE agenda_items SET public = NOT public WHERE id = $1`, [extra.item2]]], [consultation, paper, meeting]);
    await expectPropagation([[`UPDATE agenda_items SET consultation_id = NULL WHERE id = $1`, [extra.item2]]], [consultation, paper, meeting]);
  });

  it('file → its owner (paper, meeting, agenda item → meeting), hard delete included', async () => {
    const paper: Ref = ['papers', g()['papers']!];
    const meeting: Ref = ['meetings', g()['meetings']!];
    const item: Ref = ['agenda_items', g()['agenda_items']!];
    await expectPropagation([[`UPDATE files SET name = name || '!' WHERE id = $1`, [g()['files']]]], [paper], [meeting]);
    await expectPropagation([[`UPDATE files SET public = NOT public WHERE id = $1`, [extra.meetingFile]]], [meeting], [paper]);
    await expectPropagation([[`UPDATE files SET sort_order = sort_order + 1 WHERE id = $1`, [extra.itemFile]]], [item, meeting], [paper]);
    const id = randomUUID();
    await expectPropagation([[`INSERT INTO files (id, tenant_id, name, paper_id) VALUES ($1, $2, 'Stellungnahme', $3) ON CONFLICT DO NOTHING`, [id, a.id, paper[1]]]], [paper]);
    await expectPropagation([[`DELETE FROM files WHERE id = $1`, [id]]], [paper]);
  });

  it('file version (new version, extracted text) → file → owner, without moving the file version number', async () => {
    const file: Ref = ['files', extra.itemFile];
    const item: Ref = ['agenda_items', g()['agenda_items']!];
    const meeting: Ref = ['meetings', g()['meetings']!];
    await expectPropagation([[`UPDATE file_versions SET text = coalesce(text, '') || 'Bebauungsplan ', text_extracted_at = now() WHERE id = $1`, [extra.itemFileVersion]]], [file, item, meeting]);
    const fv = randomUUID();
    await expectPropagation(
      [[`INSERT INTO file_versions (id, tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, $3, 2, 'Anlage-2.pdf', 'application/pdf', 11, $4, $5) ON CONFLICT DO NOTHING`, [fv, a.id, file[1], 'c'.repeat(128), `${a.id}/${randomUUID()}`]]],
      [file, item, meeting],
    );
    await expectPropagation([[`DELETE FROM file_versions WHERE id = $1`, [fv]]], [file, item, meeting]);
  });

  it('location → the meetings and organizations using it', async () => {
    await expectPropagation([[`UPDATE locations SET room = coalesce(room, '') || '1' WHERE id = $1`, [extra.location]]], [['meetings', g()['meetings']!], ['organizations', g()['organizations']!]]);
  });

  it('attendance → meeting; named vote and declared conflict → agenda item → meeting', async () => {
    const meeting: Ref = ['meetings', g()['meetings']!];
    await expectPropagation([[`UPDATE meeting_attendances SET note = coalesce(note, '') || '.' WHERE id = $1`, [g()['meeting_attendances']]]], [meeting]);
    await expectPropagation([[`UPDATE named_votes SET vote = (CASE WHEN vote = 'yes' THEN 'no' ELSE 'yes' END)::vote_choice WHERE id = $1`, [g()['named_votes']]]], [['agenda_items', g()['agenda_items']!], meeting]);
    const conflict = await asTenant(owner, a.id, async () => (await owner.query<{ agenda_item_id: string }>('SELECT agenda_item_id FROM vote_conflicts WHERE id = $1', [g()['vote_conflicts']])).rows[0]!.agenda_item_id);
    await expectPropagation([[`UPDATE vote_conflicts SET note = coalesce(note, '') || '.' WHERE id = $1`, [g()['vote_conflicts']]]], [['agenda_items', conflict], meeting]);
  });

  it('consultation and resolution → paper; membership → person', async () => {
    await expectPropagation([[`UPDATE consultations SET role = coalesce(role, '') || '.' WHERE id = $1`, [g()['consultations']]]], [['papers', g()['papers']!]]);
    await expectPropagation([[`UPDATE resolutions SET responsible_department = coalesce(responsible_department, '') || '.' WHERE id = $1`, [g()['resolutions']]]], [['papers', g()['papers']!]]);
    await expectPropagation([[`UPDATE memberships SET role = coalesce(role, '') || '.' WHERE id = $1`, [g()['memberships']]]], [['persons', g()['persons']!]]);
  });

  it('an update that changes nothing moves no parent', async () => {
    await expectPropagation([[`UPDATE memberships SET role = role WHERE id = $1`, [g()['memberships']]]], [], [['persons', g()['persons']!]]);
    await expectPropagation([[`UPDATE files SET name = name WHERE id = $1`, [g()['files']]]], [], [['papers', g()['papers']!]]);
  });

  it('a bulk write touches each parent once and keeps it consistent', async () => {
    const meeting: Ref = ['meetings', g()['meetings']!];
    const rows = Array.from({ length: 200 }, (_, i) => [randomUUID(), 700_000_000 + i]);
    await expectPropagation(
      [[`INSERT INTO agenda_items (id, tenant_id, meeting_id, "order", name) SELECT (r->>0)::uuid, $1, $2, (r->>1)::int, 'Punkt' FROM jsonb_array_elements($3::jsonb) r ON CONFLICT DO NOTHING`, [a.id, meeting[1], JSON.stringify(rows)]]],
      [meeting],
    );
    await expectPropagation([[`DELETE FROM agenda_items WHERE meeting_id = $1 AND "order" BETWEEN 700000000 AND 700000199`, [meeting[1]]]], [meeting]);
  });

  it('two concurrent writers of one meeting\'s items serialize on the meeting and both commit (no deadlock with the public-data version)', async () => {
    const env = testEnv();
    const [c1, c2] = await Promise.all([connect(env.databaseUrl), connect(env.databaseUrl)]);
    try {
      const meeting: Ref = ['meetings', g()['meetings']!];
      const [before] = await stamps(a.id, [meeting]);
      const begin = async (c: Client) => {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
        return (await c.query<{ now: string }>(`SELECT to_char(date_trunc('milliseconds', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS now`)).rows[0]!.now;
      };
      await begin(c1);
      expect((await c1.query(`UPDATE agenda_items SET name = name || '1' WHERE id = $1`, [g()['agenda_items']])).rowCount).toBe(1);
      const now2 = await begin(c2);
      const second = c2.query(`UPDATE agenda_items SET name = name || '2' WHERE id = $1`, [extra.item2]);
      let done = false;
      void second.then(() => (done = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(done).toBe(false); // waits for the meeting row
      await c1.query('COMMIT');
      expect((await second).rowCount).toBe(1);
      await c2.query('COMMIT');
      const [after] = await stamps(a.id, [meeting]);
      expect(after!.updatedAt >= now2 && after!.updatedAt > before!.updatedAt).toBe(true);
      expect(after!.version).toBe(before!.version);
    } finally {
      await Promise.all([c1.end(), c2.end()]);
    }
  });

  it('legislative term → Body (tenants.updated_at), at commit', async () => {
    const tenantStamp = async () => (await owner.query<{ u: string }>(`SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS u FROM tenants WHERE id = $1`, [a.id])).rows[0]!.u;
    const otherStamp = async () => (await owner.query<{ u: string }>(`SELECT updated_at::text AS u FROM tenants WHERE id = $1`, [b.id])).rows[0]!.u;
    const [before, beforeB] = [await tenantStamp(), await otherStamp()];
    await write([[`UPDATE legislative_terms SET name = name || '.' WHERE id = $1`, [a.graph['legislative_terms']]]], false);
    expect(await tenantStamp()).toBe(before);
    const txNow = await write([[`UPDATE legislative_terms SET name = name || '.' WHERE id = $1`, [a.graph['legislative_terms']]]], true);
    const after = await tenantStamp();
    expect(after > before && after >= txNow).toBe(true);
    expect(await otherStamp()).toBe(beforeB);
  });

  it('the Body does not move with other council writes (only the public-data version does)', async () => {
    const row = async () => (await owner.query<{ u: string; v: string }>(`SELECT updated_at::text AS u, public_data_version::text AS v FROM tenants WHERE id = $1`, [a.id])).rows[0]!;
    const before = await row();
    await write([[`UPDATE papers SET name = name || '.' WHERE id = $1`, [a.graph['papers']]]], true);
    const after = await row();
    expect(after.u).toBe(before.u);
    expect(BigInt(after.v)).toBeGreaterThan(BigInt(before.v));
  });
});

describe('the Body license (tenants.oparl_license)', () => {
  const row = async () => (await owner.query<{ oparl_license: string | null; v: string }>('SELECT oparl_license, public_data_version::text AS v FROM tenants WHERE id = $1', [a.id])).rows[0]!;

  it('is set by the application role for its own tenant only, and moves the public-data version', async () => {
    const before = await row();
    await asTenant(app, a.id, () => app.query(`SELECT app_tenant_set_oparl_license($1)`, ['https://creativecommons.org/licenses/by/4.0/']), true);
    const after = await row();
    expect(after.oparl_license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(BigInt(after.v)).toBeGreaterThan(BigInt(before.v));
    await asTenant(app, a.id, () => app.query(`SELECT app_tenant_set_oparl_license(NULL)`), true);
    expect((await row()).oparl_license).toBeNull();
    expect(await pgErrorCode(asTenant(app, null, () => app.query(`SELECT app_tenant_set_oparl_license('https://example.org/l')`)))).toBe(NOT_IN_PREREQUISITE_STATE);
    const other = (await owner.query<{ oparl_license: string | null }>('SELECT oparl_license FROM tenants WHERE id = $1', [b.id])).rows[0]!;
    expect(other.oparl_license).toBeNull();
  });

  it.each([
    ['another scheme', 'ftp://example.org/x'],
    ['a script', 'javascript:alert(1)'],
    ['whitespace', 'https://example.org/a b'],
    ['a control character', 'https://example.org/\u0007'],
    ['over 500 characters', `https://example.org/${'x'.repeat(600)}`],
  ])('refuses %s', async (_label, bad) => {
    const code = await pgErrorCode(asTenant(app, a.id, () => app.query(`SELECT app_tenant_set_oparl_license($1)`, [bad])));
    expect([CHECK_VIOLATION, '22001']).toContain(code);
  });
});
