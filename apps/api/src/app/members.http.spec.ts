import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { TenantExporter, ZipStream } from '@ratsinfo/api-operator';
import { connect, passwordGrant, testEnv } from '@ratsinfo/api-testing';
import { ApiRoutes, MailRoutes, MeetingRoutes, MemberRoutes, PaperRoutes, ProblemType } from '@ratsinfo/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The members' area over HTTP against the real stack and the demo seed of Burg: my bodies,
 * meetings and documents are the caller's own and follow the one visibility rule; private
 * annotations are readable by their author only — not by another member, a clerk, a tenant
 * admin, an operator under support access, nor the tenant export — through any route.
 */
jest.setTimeout(300_000);

let app: INestApplication;
let base: string;
let admin: Client;
const tokens = new Map<string, string>();

async function tokenOf(username: string): Promise<string> {
  let t = tokens.get(username);
  if (!t) {
    t = await passwordGrant(username, 'demo');
    tokens.set(username, t);
  }
  return t;
}

interface Answer {
  status: number;
  etag: string | null;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO fields are asserted one by one
  body: any;
}

async function call(method: string, path: string, who: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const bearer = who ? await tokenOf(who) : null;
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, etag: res.headers.get('etag'), headers: res.headers, body: parsed };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];
const qs = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return s ? `?${s}` : '';
};

/** Every page of a keyset-paged list. */
async function allPages(path: string, who: string, params: Record<string, string>): Promise<{ pages: number; rows: { id: string; [k: string]: unknown }[] }> {
  const rows: { id: string }[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await call('GET', path + qs({ ...params, cursor }), who);
    expect(r.status).toBe(200);
    rows.push(...r.body.data);
    cursor = r.body.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { pages, rows };
}

/** The annotation rows as the administrative connection sees them (RLS bypassed): proof that the thing we cannot read does exist. */
async function storedAnnotation(id: string) {
  return (await admin.query<{ id: string; text: string; account_id: string }>('SELECT id, text, account_id FROM annotations WHERE id = $1', [id])).rows[0] ?? null;
}

beforeAll(async () => {
  const env = testEnv();
  admin = await connect(env.adminUrl);
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, AUTH_URL: env.authUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://ratsinfo.example' }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // First sign-ins bind the demo accounts to their Persons.
  for (const u of ['burg-member1', 'burg-member2', 'burg-clerk', 'burg-admin', 'genthin-member1', 'katrin.lehmann']) {
    expect((await call('GET', ApiRoutes.officeSession(u === 'genthin-member1' ? 'genthin' : 'burg'), u)).status).toBe(200);
  }
});

afterAll(async () => {
  await app?.close();
  await admin?.end();
});

describe('my bodies, meetings and documents', () => {
  it('lists the bodies the member belongs to today, with role and voting right; staff without a person have none', async () => {
    const r = await call('GET', MemberRoutes.bodies('burg'), 'burg-member1');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toMatch(/no-store/);
    expect(r.body.data.length).toBeGreaterThan(0);
    // The demo members are voting council members.
    expect(r.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ organizationType: 'council', role: 'Mitglied', votingRight: true })]));
    // Exactly the person's current memberships, as the database holds them.
    const expected = await admin.query<{ organization_id: string }>(
      `SELECT m.organization_id FROM memberships m JOIN user_accounts a ON a.person_id = m.person_id AND a.tenant_id = m.tenant_id JOIN tenants t ON t.id = a.tenant_id
        WHERE t.slug = 'burg' AND a.email = $1 AND m.deleted_at IS NULL AND (m.start_date IS NULL OR m.start_date <= current_date) AND (m.end_date IS NULL OR m.end_date >= current_date)`,
      [await emailOf('burg-member1')],
    );
    expect(r.body.data.map((b: { organizationId: string }) => b.organizationId).sort()).toEqual(expected.rows.map((x) => x.organization_id).sort());

    const clerk = await call('GET', MemberRoutes.bodies('burg'), 'burg-clerk');
    expect([clerk.status, clerk.body.data]).toEqual([200, []]);
    expect((await call('GET', MemberRoutes.bodies('burg'), null)).status).toBe(401);
  });

  it('pages my upcoming meetings soonest first and my past ones latest first, with my absence notice state', async () => {
    const bodies = (await call('GET', MemberRoutes.bodies('burg'), 'burg-member1')).body.data as { organizationId: string; organizationType: string }[];
    const council = bodies.find((b) => b.organizationType === 'council')!;
    const tomorrow = new Date(Date.now() + 26 * 3600_000).toISOString();
    const created = await call('POST', MeetingRoutes.list('burg'), 'burg-clerk', { organizationId: council.organizationId, name: `Sondersitzung ${randomUUID().slice(0, 6)}`, start: tomorrow });
    expect(created.status).toBe(201);

    const upcoming = await allPages(MemberRoutes.meetings('burg'), 'burg-member1', { when: 'upcoming', limit: '3' });
    const starts = upcoming.rows.map((m) => Date.parse(m['start'] as string));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(upcoming.rows.map((m) => m.id)).size).toBe(upcoming.rows.length);
    const mine = upcoming.rows.find((m) => m.id === created.body.id);
    expect(mine).toMatchObject({ organization: { id: council.organizationId }, absence: { state: 'open', noticedAt: null }, itemCount: 0, fileCount: 0, cancelled: false });
    const bodyIds = new Set(bodies.map((b) => b.organizationId));
    expect(upcoming.rows.every((m) => bodyIds.has((m['organization'] as { id: string }).id))).toBe(true);

    // An absence notice shows on the list.
    expect((await call('POST', MailRoutes.absence('burg', created.body.id), 'burg-member1', { reason: 'Dienstreise' })).status).toBe(201);
    const again = await allPages(MemberRoutes.meetings('burg'), 'burg-member1', { when: 'upcoming', limit: '50' });
    expect(again.rows.find((m) => m.id === created.body.id)).toMatchObject({ absence: { state: 'noticed', noticedAt: expect.any(String) } });
    // Only my own: another member of the council sees no notice of mine.
    const other = await allPages(MemberRoutes.meetings('burg'), 'burg-member2', { when: 'upcoming', limit: '50' });
    expect(other.rows.find((m) => m.id === created.body.id)).toMatchObject({ absence: { state: 'open' } });

    const past = await allPages(MemberRoutes.meetings('burg'), 'burg-member1', { when: 'past', limit: '25' });
    expect(past.rows.length).toBeGreaterThan(0);
    const pastStarts = past.rows.map((m) => Date.parse(m['start'] as string));
    expect(pastStarts).toEqual([...pastStarts].sort((a, b) => b - a));
    expect(pastStarts.every((s) => s < Date.now())).toBe(true);
    expect(past.rows.every((m) => (m['absence'] as { state: string }).state !== 'open')).toBe(true);
    // Held meetings with agendas: the counts are what the member can read of the agenda.
    const withItems = past.rows.find((m) => (m['itemCount'] as number) > 0);
    expect(withItems).toBeDefined();
    const agenda = await call('GET', ApiRoutes.officeMeeting('burg', withItems!.id), 'burg-member1');
    expect(agenda.status).toBe(200);
    expect(withItems!['itemCount']).toBe(agenda.body.agendaItems.length);

    for (const bad of [{ when: 'soon' }, { cursor: 'nope' }, { limit: '0' }, { extra: '1' }]) {
      const r = await call('GET', MemberRoutes.meetings('burg') + qs(bad), 'burg-member1');
      expect([r.status, r.body.type]).toEqual([400, ProblemType.validation]);
      expect(fieldsOf(r)).toEqual([Object.keys(bad)[0]]);
    }
    const staff = await call('GET', MemberRoutes.meetings('burg'), 'burg-admin');
    expect([staff.status, staff.body]).toEqual([200, { data: [], nextCursor: null }]);
  });

  it('lists the papers the member may read, newest first, with their readable files, never a draft; q matches title words literally or full text', async () => {
    const all = await allPages(MemberRoutes.documents('burg'), 'burg-member1', { limit: '100' });
    expect(all.rows.length).toBeGreaterThan(0);
    const dates = all.rows.map((d) => d['date'] as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.rows.every((d) => d['status'] !== 'draft')).toBe(true);
    // Exactly the office paper list the member may read (the one rule, the same answer).
    const office = await allPages(PaperRoutes.papers('burg'), 'burg-member1', { limit: '200' });
    expect(all.rows.map((d) => d.id).sort()).toEqual(office.rows.map((p) => p.id).sort());
    // A draft the clerk wrote is not among them.
    const types = await call('GET', PaperRoutes.paperTypes('burg'), 'burg-clerk');
    const draft = await call('POST', PaperRoutes.papers('burg'), 'burg-clerk', { paperTypeId: types.body.data[0].id, name: 'Entwurf Zebrastreifen Schulweg', date: '2026-11-30' });
    expect(draft.status).toBe(201);
    const search = await call('GET', MemberRoutes.documents('burg') + qs({ q: 'Zebrastreifen Schulweg' }), 'burg-member1');
    expect(search.body.data.map((d: { id: string }) => d.id)).not.toContain(draft.body.id);
    const clerkSearch = await call('GET', MemberRoutes.documents('burg') + qs({ q: 'Zebrastreifen Schulweg' }), 'burg-clerk');
    expect(clerkSearch.body.data.map((d: { id: string }) => d.id)).toContain(draft.body.id);

    // Title words: every hit holds the word (or is a full-text hit on it).
    const sample = all.rows.find((d) => (d['name'] as string).split(/\s+/).some((w) => w.length > 6))!;
    const word = (sample['name'] as string).split(/\s+/).find((w) => w.length > 6)!;
    const hits = await call('GET', MemberRoutes.documents('burg') + qs({ q: word, limit: '100' }), 'burg-member1');
    expect(hits.status).toBe(200);
    expect(hits.body.data.map((d: { id: string }) => d.id)).toContain(sample.id);
    // Wildcards are literal: "%" and "_" match only themselves.
    for (const w of ['%', '_', '\\']) {
      const r = await call('GET', MemberRoutes.documents('burg') + qs({ q: w }), 'burg-member1');
      expect(r.status).toBe(200);
      expect(r.body.data.every((d: { name: string; reference: string }) => `${d.name} ${d.reference}`.includes(w))).toBe(true);
    }
    const files = all.rows.flatMap((d) => d['files'] as { id: string }[]);
    expect(files.length).toBeGreaterThan(0);
    // Every listed file opens for the member.
    const f = await call('GET', `/api/office/burg/files/${files[0]!.id}`, 'burg-member1');
    expect(f.status).toBe(200);

    for (const bad of [{ q: 'a\u0000b' }, { q: 'x'.repeat(201) }, { cursor: 'x' }]) {
      const r = await call('GET', MemberRoutes.documents('burg') + qs(bad), 'burg-member1');
      expect([r.status, fieldsOf(r)]).toEqual([400, [Object.keys(bad)[0]]]);
    }
  });
});

describe('private annotations', () => {
  let paperId: string;
  let fileId: string;
  let noteId: string;
  let version: number;
  const secret = `Meine Notiz ${randomUUID()}\nZweite Zeile: Rückfrage an das Bauamt.`;

  beforeAll(async () => {
    const docs = (await call('GET', MemberRoutes.documents('burg') + qs({ limit: '100' }), 'burg-member1')).body.data as { id: string; files: { id: string }[] }[];
    const withFile = docs.find((d) => d.files.length > 0)!;
    paperId = withFile.id;
    fileId = withFile.files[0]!.id;
  });

  it('the author creates, reads, edits (If-Match) and lists a note on a paper and a file', async () => {
    const created = await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { paperId, text: `  ${secret}  ` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ target: { kind: 'paper', id: paperId, paperId }, text: secret, version: 1 });
    expect(created.etag).toBe('"1"');
    noteId = created.body.id;
    version = 1;
    expect(await storedAnnotation(noteId)).toMatchObject({ text: secret });

    const onFile = await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { fileId, text: 'Seite 3 prüfen' });
    expect(onFile.status).toBe(201);
    expect(onFile.body.target).toMatchObject({ kind: 'file', id: fileId, paperId });

    const list = await call('GET', MemberRoutes.annotations('burg') + qs({ paperId }), 'burg-member1');
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([noteId]);
    const byFile = await call('GET', MemberRoutes.annotations('burg') + qs({ fileId }), 'burg-member1');
    expect(byFile.body.data.map((a: { id: string }) => a.id)).toEqual([onFile.body.id]);
    const one = await call('GET', MemberRoutes.annotation('burg', noteId), 'burg-member1');
    expect([one.status, one.body.text, one.etag]).toEqual([200, secret, '"1"']);

    const edited = await call('PATCH', MemberRoutes.annotation('burg', noteId), 'burg-member1', { text: `${secret}\nNachtrag` }, ifMatch(1));
    expect([edited.status, edited.body.version, edited.etag]).toEqual([200, 2, '"2"']);
    version = 2;
    // The documents list counts my notes on the paper and its files.
    const docs = (await call('GET', MemberRoutes.documents('burg') + qs({ limit: '100' }), 'burg-member1')).body.data as { id: string; annotationCount: number }[];
    expect(docs.find((d) => d.id === paperId)?.annotationCount).toBe(2);
  });

  it('refuses a stale edit (412 with the current note), a missing If-Match (428), and two edits at once save one', async () => {
    const stale = await call('PATCH', MemberRoutes.annotation('burg', noteId), 'burg-member1', { text: 'überschrieben' }, ifMatch(1));
    expect([stale.status, stale.body.type]).toEqual([412, ProblemType.staleVersion]);
    expect(JSON.stringify(stale.body)).toContain('Nachtrag');
    const none = await call('PATCH', MemberRoutes.annotation('burg', noteId), 'burg-member1', { text: 'ohne' });
    expect(none.status).toBe(428);
    const both = await Promise.all(['A', 'B'].map((t) => call('PATCH', MemberRoutes.annotation('burg', noteId), 'burg-member1', { text: `Fassung ${t}` }, ifMatch(version))));
    expect(both.map((b) => b.status).sort()).toEqual([200, 412]);
    version++;
    expect((await storedAnnotation(noteId))?.text).toMatch(/^Fassung [AB]$/);
    await call('PATCH', MemberRoutes.annotation('burg', noteId), 'burg-member1', { text: secret }, ifMatch(version));
    version++;
  });

  it('saves a double submit once (409 for the second), and refuses bad input naming the field', async () => {
    const text = `Doppelklick ${randomUUID()}`;
    const both = await Promise.all([1, 2].map(() => call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { paperId, text })));
    expect(both.map((b) => b.status).sort()).toEqual([201, 409]);
    expect((await admin.query('SELECT 1 FROM annotations WHERE text = $1', [text])).rowCount).toBe(1);

    const cases: [unknown, string][] = [
      [{ paperId, text: 'x'.repeat(10_001) }, 'text'],
      [{ paperId, text: 'Steuerzeichen \u0007' }, 'text'],
      [{ paperId, text: '   ' }, 'text'],
      [{ text: 'ohne Ziel' }, 'paperId'],
      [{ paperId, fileId, text: 'beides' }, 'fileId'],
      [{ paperId: 'kein-uuid', text: 'x' }, 'paperId'],
      [{ paperId, text: 'x', accountId: randomUUID() }, 'accountId'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', body);
      expect([r.status, r.body.type, fieldsOf(r)[0]]).toEqual([400, ProblemType.validation, field]);
    }
    // 2 MB: refused before anything is stored, as problem+json.
    const huge = await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { paperId, text: 'ü'.repeat(2_000_000) });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.headers.get('content-type')).toMatch(/problem\+json/);
    // A paper the member may not read (a draft) cannot be annotated nor listed: 404 as if it did not exist.
    const types = await call('GET', PaperRoutes.paperTypes('burg'), 'burg-clerk');
    const draft = await call('POST', PaperRoutes.papers('burg'), 'burg-clerk', { paperTypeId: types.body.data[0].id, name: 'Interner Entwurf', date: '2026-11-30' });
    expect((await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { paperId: draft.body.id, text: 'x' })).status).toBe(404);
    expect((await call('GET', MemberRoutes.annotations('burg') + qs({ paperId: draft.body.id }), 'burg-member1')).status).toBe(404);
    expect((await call('POST', MemberRoutes.annotations('burg'), 'burg-member1', { fileId: randomUUID(), text: 'x' })).status).toBe(404);
  });

  it('is readable by nobody else: another member, the clerk and the tenant admin see nothing through any route', async () => {
    expect(await storedAnnotation(noteId)).not.toBeNull();
    for (const who of ['burg-member2', 'burg-clerk', 'burg-admin', 'katrin.lehmann']) {
      const list = await call('GET', MemberRoutes.annotations('burg') + qs({ paperId }), who);
      expect([who, list.status, list.body.data]).toEqual([who, 200, []]);
      const all = await call('GET', MemberRoutes.annotations('burg'), who);
      expect(all.body.data.map((a: { id: string }) => a.id)).not.toContain(noteId);
      expect([who, (await call('GET', MemberRoutes.annotation('burg', noteId), who)).status]).toEqual([who, 404]);
      expect([who, (await call('PATCH', MemberRoutes.annotation('burg', noteId), who, { text: 'fremd' }, ifMatch(version))).status]).toEqual([who, 404]);
      expect([who, (await call('DELETE', MemberRoutes.annotation('burg', noteId), who)).status]).toEqual([who, 404]);
      const exp = await call('GET', MemberRoutes.annotationsExport('burg'), who);
      expect(exp.status).toBe(200);
      expect(JSON.stringify(exp.body)).not.toContain(secret.slice(0, 40));
      const docs = await call('GET', MemberRoutes.documents('burg') + qs({ limit: '100' }), who);
      expect(docs.body.data.find((d: { id: string }) => d.id === paperId)?.annotationCount ?? 0).toBe(0);
    }
    // Still there, unchanged, for its author.
    expect((await call('GET', MemberRoutes.annotation('burg', noteId), 'burg-member1')).body.text).toBe(secret);
    // The audit trail says that a note was written, never what or on what.
    const audit = await call('GET', ApiRoutes.officeAudit('burg') + qs({ limit: '200' }), 'burg-admin');
    const entries = (audit.body.data as { action: string; entityId: string; changes: unknown }[]).filter((e) => e.action.startsWith('annotation.'));
    expect(entries.some((e) => e.action === 'annotation.created' && e.entityId === noteId)).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(secret.slice(0, 40));
    expect(JSON.stringify(entries)).not.toContain(paperId);
  });

  it('is out of reach across authorities: the same person in another council and other tenants get 404 or 403, never the note', async () => {
    // Katrin Lehmann sits in Burg and the county: her Burg note does not exist in the county.
    const paper = (await call('GET', MemberRoutes.documents('burg') + qs({ limit: '1' }), 'katrin.lehmann')).body.data[0];
    const hers = await call('POST', MemberRoutes.annotations('burg'), 'katrin.lehmann', { paperId: paper.id, text: 'Notiz in Burg' });
    expect(hers.status).toBe(201);
    expect((await call('GET', MemberRoutes.annotation('landkreis-jerichower-land', hers.body.id), 'katrin.lehmann')).status).toBe(404);
    expect((await call('DELETE', MemberRoutes.annotation('landkreis-jerichower-land', hers.body.id), 'katrin.lehmann')).status).toBe(404);
    expect((await call('GET', MemberRoutes.annotationsExport('landkreis-jerichower-land'), 'katrin.lehmann')).body.data).toEqual([]);
    // A Burg paper named in the county is not found there.
    expect((await call('POST', MemberRoutes.annotations('landkreis-jerichower-land'), 'katrin.lehmann', { paperId: paper.id, text: 'x' })).status).toBe(404);
    // Members of another authority are not let in at all.
    expect((await call('GET', MemberRoutes.annotation('burg', noteId), 'genthin-member1')).status).toBe(403);
    expect((await call('GET', MemberRoutes.annotation('genthin', noteId), 'genthin-member1')).status).toBe(404);
    expect((await call('GET', MemberRoutes.annotation('genthin', noteId), 'burg-member1')).status).toBe(403);
  });

  it('goes with the member as a JSON download, and stays out of the tenant export and of an operator under support access', async () => {
    const exp = await call('GET', MemberRoutes.annotationsExport('burg'), 'burg-member1');
    expect(exp.status).toBe(200);
    expect(exp.headers.get('content-disposition')).toMatch(/^attachment; filename="ratsinfo-notizen-burg-\d{4}-\d\d-\d\d\.json"$/);
    expect(exp.body).toMatchObject({ format: 'ratsinfo-annotations', version: 1, tenant: { slug: 'burg' } });
    expect(exp.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: noteId, text: secret, target: expect.objectContaining({ id: paperId }) })]));

    // The operator, with support access granted by the tenant admin, is still refused.
    const grant = await call('POST', ApiRoutes.officeSupportAccess('burg'), 'burg-admin', { hours: 1, reason: 'Prüfung der Notizen-Sichtbarkeit' });
    expect(grant.status).toBe(201);
    try {
      expect((await call('GET', ApiRoutes.officeSession('burg'), 'operator')).status).toBe(200);
      for (const path of [MemberRoutes.annotations('burg'), MemberRoutes.annotation('burg', noteId), MemberRoutes.annotationsExport('burg'), MemberRoutes.documents('burg')]) {
        const r = await call('GET', path, 'operator');
        expect([path, r.status]).toEqual([path, 403]);
        expect(JSON.stringify(r.body)).not.toContain(secret.slice(0, 40));
      }
    } finally {
      await call('DELETE', ApiRoutes.officeSupportAccessGrant('burg', grant.body.id), 'burg-admin');
    }

    // The tenant export (what an operator hands over) holds no annotation: RLS gives it none.
    const { rows } = await admin.query(`SELECT * FROM tenants WHERE slug = 'burg'`);
    const r = rows[0];
    const tenant = { id: r.id, slug: r.slug, name: r.name, kind: r.kind, ags: r.ags, createdAt: r.created_at, updatedAt: r.updated_at } as Tenant;
    const zip = new ZipStream(new Date());
    const chunks: Buffer[] = [];
    zip.output.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => zip.output.on('end', resolve));
    const result = await app.get(TenantExporter).write(tenant, zip);
    await ended;
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const names = Object.keys(files);
    expect(names).toContain('papers.json');
    expect(names.filter((n) => /annotation|notiz/i.test(n))).toEqual([]);
    expect(Object.keys(result.counts).filter((k) => /annotation/i.test(k))).toEqual([]);
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      const text = strFromU8(files[n]!);
      // The audit trail may name the note's id ("annotation created"), nothing else may; no file holds its text.
      expect([n, text.includes(secret.slice(0, 40)), n !== 'ratsinfo/audit-events.json' && text.includes(noteId)]).toEqual([n, false, false]);
    }
  });

  it('the author deletes a note (audited without text); a second delete is 404', async () => {
    const del = await call('DELETE', MemberRoutes.annotation('burg', noteId), 'burg-member1');
    expect(del.status).toBe(204);
    expect(await storedAnnotation(noteId)).toBeNull();
    expect((await call('DELETE', MemberRoutes.annotation('burg', noteId), 'burg-member1')).status).toBe(404);
    const audit = await call('GET', ApiRoutes.officeAudit('burg') + qs({ limit: '200' }), 'burg-admin');
    const deleted = (audit.body.data as { action: string; entityId: string; changes: unknown }[]).filter((e) => e.action === 'annotation.deleted' && e.entityId === noteId);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.changes ?? null).toBeNull();
  });
});

async function emailOf(username: string): Promise<string> {
  const payload = JSON.parse(Buffer.from((await tokenOf(username)).split('.')[1]!, 'base64url').toString()) as { email: string };
  return payload.email;
}
