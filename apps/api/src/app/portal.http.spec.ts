import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, fixtureAgs, testEnv } from '@ratsinfo/api-testing';
import { ApiRoutes, type ListResponse, type MeetingDetailDto, type MeetingSummaryDto, type PersonDto, type Problem, ProblemType, type TenantSummary } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createApp } from './create-app';

/** The public API over HTTP, on the demo seed, through the app exactly as it runs. */
const SEEDED_AUTHORITIES = ['landkreis-jerichower-land', 'burg', 'genthin', 'gommern', 'elbe-parey'];
let app: INestApplication;
let base: string;
let admin: Client;

beforeAll(async () => {
  const env = testEnv();
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  admin = await connect(env.adminUrl);
});

afterAll(async () => {
  await app.close();
  await admin.end();
});

/** A member authority of this test alone (tests of other projects run alongside and change theirs). */
async function createRangeFixture(meetings: [name: string, start: string][]): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const slug = `test-range-${id.slice(0, 8)}`;
  await admin.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, 'Testgemeinde Zeitraum', 'municipality', $3)`, [id, slug, fixtureAgs()]);
  const { rows } = await admin.query<{ id: string }>(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Gemeinderat', 'council') RETURNING id`, [id]);
  for (const [name, start] of meetings) {
    await admin.query(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, $3, $4)`, [id, rows[0]!.id, name, start]);
  }
  return { id, slug };
}

async function get<T>(path: string): Promise<{ status: number; type: string | null; body: T }> {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as T };
}

function expectProblem(r: { status: number; type: string | null; body: unknown }, status: number, type: string) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, type });
}

describe('health', () => {
  it('is live and ready with PostgreSQL and Redis up', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get<{ status: string; checks: Record<string, { status: string }> }>('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });
});

describe('GET /api/tenants', () => {
  it('lists the active member authorities and leaves out suspended ones', async () => {
    const r = await get<ListResponse<TenantSummary>>(ApiRoutes.portalTenants);
    expect(r.status).toBe(200);
    const slugs = r.body.data.map((t) => t.slug);
    expect(slugs).toEqual(expect.arrayContaining(['landkreis-jerichower-land', 'burg', 'genthin', 'gommern']));
    expect(slugs).not.toContain('elbe-parey');
    expect(r.body.data.find((t) => t.slug === 'burg')).toMatchObject({ name: 'Stadt Burg', kind: 'town', ags: '15086015' });
  });
});

describe('tenant resolution', () => {
  it('answers 404 problem+json for an unknown member authority', async () => {
    expectProblem(await get(ApiRoutes.portalMeetings('gibt-es-nicht')), 404, ProblemType.tenantNotFound);
    expectProblem(await get(ApiRoutes.portalTenant('gibt-es-nicht')), 404, ProblemType.tenantNotFound);
  });

  it('answers 404 for a slug that cannot exist', async () => {
    expectProblem(await get('/api/portal/NOT%20A%20SLUG/meetings'), 404, ProblemType.tenantNotFound);
  });

  it('answers 410 problem+json on every public page of a suspended member authority', async () => {
    for (const path of [ApiRoutes.portalTenant('elbe-parey'), ApiRoutes.portalMeetings('elbe-parey'), ApiRoutes.portalOrganizations('elbe-parey'), ApiRoutes.portalPersons('elbe-parey')]) {
      expectProblem(await get(path), 410, ProblemType.tenantSuspended);
    }
  });

  it('answers 404 problem+json for an unknown route', async () => {
    expectProblem(await get('/api/nothing-here'), 404, ProblemType.notFound);
  });
});

describe('GET /api/portal/{tenant}/meetings', () => {
  it('lists upcoming meetings by default, in order, within 90 days', async () => {
    const r = await get<ListResponse<MeetingSummaryDto>>(ApiRoutes.portalMeetings('burg'));
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeGreaterThan(0);
    const starts = r.body.data.map((m) => Date.parse(m.start));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.now() - 86_400_000);
    expect(Math.max(...starts)).toBeLessThan(Date.now() + 92 * 86_400_000);
  });

  it('filters by an inclusive date range in German local time', async () => {
    // A fixture authority of its own, with meetings one minute either side of the range's
    // edges: the first edge in winter time (UTC+1), the last in summer time (UTC+2).
    const t = await createRangeFixture([
      ['Tag davor, 23:59', '2026-02-09T23:59:00+01:00'],
      ['Erster Tag, 0:00', '2026-02-10T00:00:00+01:00'],
      ['Mitte', '2026-04-01T18:00:00+02:00'],
      ['Letzter Tag, 23:59', '2026-07-15T23:59:00+02:00'],
      ['Tag danach, 0:00', '2026-07-16T00:00:00+02:00'],
    ]);
    try {
      const r = await get<ListResponse<MeetingSummaryDto>>(`${ApiRoutes.portalMeetings(t.slug)}?from=2026-02-10&to=2026-07-15`);
      expect(r.status).toBe(200);
      expect(r.body.data.map((m) => m.name)).toEqual(['Erster Tag, 0:00', 'Mitte', 'Letzter Tag, 23:59']);
      // one day is a range too: both edges of it count
      const firstDay = await get<ListResponse<MeetingSummaryDto>>(`${ApiRoutes.portalMeetings(t.slug)}?from=2026-02-10&to=2026-02-10`);
      expect(firstDay.body.data.map((m) => m.name)).toEqual(['Erster Tag, 0:00']);
      const dayAfter = await get<ListResponse<MeetingSummaryDto>>(`${ApiRoutes.portalMeetings(t.slug)}?from=2026-07-16&to=2026-07-16`);
      expect(dayAfter.body.data.map((m) => m.name)).toEqual(['Tag danach, 0:00']);
    } finally {
      await admin.query('DELETE FROM tenants WHERE id = $1', [t.id]);
    }
  });

  it.each([
    ['from=2026-13-45', 'from'],
    ['from=yesterday', 'from'],
    ['to=2026-02-30', 'to'],
    ['from=2026-03-01&to=2026-02-01', 'to'],
    ['from=2020-01-01&to=2026-01-01', 'to'],
    ['since=2026-01-01', 'since'],
  ])('rejects %s with 400 problem+json naming %s', async (query, name) => {
    const r = await get<Problem>(`${ApiRoutes.portalMeetings('burg')}?${query}`);
    expectProblem(r, 400, ProblemType.validation);
    expect(r.body.errors?.map((e) => e.name)).toEqual([name]);
  });

  it('never shows meetings of another member authority', async () => {
    const burg = await get<ListResponse<MeetingSummaryDto>>(`${ApiRoutes.portalMeetings('burg')}?from=2026-01-01&to=2027-01-31`);
    const { rows } = await admin.query<{ id: string }>(`SELECT m.id FROM meetings m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug <> 'burg'`);
    const foreign = new Set(rows.map((r) => r.id));
    expect(foreign.size).toBeGreaterThan(0);
    expect(burg.body.data.filter((m) => foreign.has(m.id))).toEqual([]);
  });
});

describe('GET /api/portal/{tenant}/meetings/{id}', () => {
  it("answers 404 for another member authority's meeting", async () => {
    const { rows } = await admin.query<{ id: string }>(`SELECT m.id FROM meetings m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'genthin' LIMIT 1`);
    expectProblem(await get(ApiRoutes.portalMeeting('burg', rows[0]!.id)), 404, ProblemType.notFound);
    expect((await get(ApiRoutes.portalMeeting('genthin', rows[0]!.id))).status).toBe(200);
  });

  it('answers 400 naming meetingId for a malformed id', async () => {
    const r = await get<Problem>(ApiRoutes.portalMeeting('burg', 'not-a-uuid'));
    expectProblem(r, 400, ProblemType.validation);
    expect(r.body.errors?.[0]?.name).toBe('meetingId');
  });
});

describe('non-public agenda items', () => {
  it('never appear in the public API, for any meeting of any member authority in the seed', async () => {
    const { rows: items } = await admin.query<{ id: string; meeting_id: string; public: boolean; slug: string }>(
      `SELECT a.id, a.meeting_id, a.public, t.slug FROM agenda_items a JOIN tenants t ON t.id = a.tenant_id
        WHERE t.status = 'active' AND a.deleted_at IS NULL AND t.slug = ANY($1)`,
      // only the seed: fixture authorities of tests running alongside come and go meanwhile
      [SEEDED_AUTHORITIES],
    );
    const nonPublic = new Set(items.filter((i) => !i.public).map((i) => i.id));
    expect(nonPublic.size).toBeGreaterThan(10); // the seed has them: otherwise this test proves nothing
    const meetings = new Map<string, string>(items.map((i) => [i.meeting_id, i.slug]));
    let publicSeen = 0;
    for (const [meetingId, slug] of meetings) {
      const r = await get<MeetingDetailDto>(ApiRoutes.portalMeeting(slug, meetingId));
      expect(r.status).toBe(200);
      for (const item of r.body.agendaItems) {
        expect(nonPublic.has(item.id)).toBe(false);
        publicSeen++;
      }
      expect(JSON.stringify(r.body)).not.toMatch(/"public"\s*:\s*false/);
    }
    expect(publicSeen).toBe(items.length - nonPublic.size);
  });
});

describe('persons and organizations', () => {
  it('lists the council of Burg with its members, and the person on two councils in both authorities', async () => {
    const orgs = await get<ListResponse<{ name: string; organizationType: string }>>(ApiRoutes.portalOrganizations('burg'));
    expect(orgs.body.data.filter((o) => o.organizationType === 'council').map((o) => o.name)).toEqual([expect.stringMatching(/Stadtrat/)]);
    const burg = await get<ListResponse<PersonDto>>(ApiRoutes.portalPersons('burg'));
    const county = await get<ListResponse<PersonDto>>(ApiRoutes.portalPersons('landkreis-jerichower-land'));
    expect(burg.body.data.length).toBeGreaterThanOrEqual(30);
    const inBoth = burg.body.data.map((p) => p.name).filter((n) => county.body.data.some((c) => c.name === n));
    expect(inBoth.length).toBeGreaterThanOrEqual(1);
  });
});
