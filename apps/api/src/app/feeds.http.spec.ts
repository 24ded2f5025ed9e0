import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { meetingUid, uidDomain } from '@ratsinfo/api-mail';
import { connect, fixtureAgs, testEnv } from '@ratsinfo/api-testing';
import { FeedRoutes, ProblemType } from '@ratsinfo/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Calendars (iCalendar) and feeds (RSS 2.0, Atom 1.0) of the portal, over HTTP through the app as
 * it runs. Every calendar is parsed with ical.js, every feed with fast-xml-parser. A fixture
 * authority holds content that must never be public (a non-public item and paper, a draft, a
 * deleted meeting) named with the marker word, and every answer is searched for it.
 */
jest.setTimeout(120_000);

const MARKER = 'Eisvogelakte';
const CONTROL = '\u0007';

let app: INestApplication;
let base: string;
let admin: Client;
let domain: string;

interface Answer {
  status: number;
  type: string | undefined;
  disposition: string | undefined;
  etag: string | undefined;
  text: string;
}

// node:http rather than fetch: fetch marks conditional requests `Cache-Control: no-cache`.
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    httpGet(base + path, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], disposition: res.headers['content-disposition'], etag: res.headers['etag'], text }),
      );
    }).on('error', reject);
  });
}

const seen: string[] = [];
async function read(path: string): Promise<Answer> {
  const r = await get(path);
  seen.push(r.text);
  return r;
}

/** The public-data version reaches the app by notification: a read may see the old one for a moment. */
async function changed(path: string, etag: string | undefined): Promise<Answer> {
  const end = Date.now() + 10_000;
  for (;;) {
    const r = await read(path);
    if (r.etag !== etag || Date.now() > end) return r;
    await new Promise((done) => setTimeout(done, 50));
  }
}

const daysFromNow = (d: number, hour = 16) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hour, 0, 0, 0);
  return t;
};

async function insert(c: Client, table: string, tenantId: string, cols: Record<string, unknown>): Promise<string> {
  const row = { id: randomUUID(), tenant_id: tenantId, ...cols };
  const names = Object.keys(row);
  await c.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  return row.id;
}

interface Fixture {
  tenantId: string;
  slug: string;
  name: string;
  ids: Record<string, string>;
}

async function createFixture(c: Client, label: string): Promise<Fixture> {
  const tenantId = randomUUID();
  const slug = `test-feeds-${label}-${tenantId.slice(0, 8)}`;
  const name = `Stadt Feed & Kalender; ${label}`;
  await c.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, $3, 'municipality', $4)`, [tenantId, slug, name, fixtureAgs()]);
  const t = (table: string, cols: Record<string, unknown>) => insert(c, table, tenantId, cols);
  const ids: Record<string, string> = {};
  ids.location = await t('locations', { description: 'Ratssaal, Rathaus', room: '101', street_address: 'Markt 1', postal_code: '39288', locality: 'Burg' });
  ids.council = await t('organizations', { name: 'Stadtrat', organization_type: 'council' });
  ids.committee = await t('organizations', { name: 'Bau- & Umweltausschuss', organization_type: 'committee' });
  ids.upcoming = await t('meetings', { organization_id: ids.committee, name: 'Sitzung des Bauausschusses', start: daysFromNow(10), end: daysFromNow(10, 18), location_id: ids.location });
  ids.past = await t('meetings', { organization_id: ids.council, name: 'Sitzung des Stadtrates', start: daysFromNow(-20), location_text: 'Bürgerhaus, Saal 2', meeting_state: 'held' });
  ids.cancelled = await t('meetings', { organization_id: ids.council, name: 'Sondersitzung des Stadtrates', start: daysFromNow(5), cancelled: true, cancelled_reason: `${MARKER} intern` });
  ids.deleted = await t('meetings', { organization_id: ids.council, name: `Gelöschte Sitzung ${MARKER}`, start: daysFromNow(7), deleted_at: new Date().toISOString() });
  ids.farAhead = await t('meetings', { organization_id: ids.council, name: 'Sitzung in drei Jahren', start: daysFromNow(3 * 365 + 10) });
  ids.longAgo = await t('meetings', { organization_id: ids.council, name: 'Sitzung vor zwei Jahren', start: daysFromNow(-2 * 365) });
  ids.item1 = await t('agenda_items', { meeting_id: ids.upcoming, order: 1, number: 'Ö 1', name: 'Eröffnung & Begrüßung' });
  ids.item2 = await t('agenda_items', { meeting_id: ids.upcoming, order: 2, number: 'Ö 2', name: `Radweg <Nord>, Abschnitt "B"${CONTROL}` });
  ids.closed = await t('agenda_items', { meeting_id: ids.upcoming, order: 3, number: 'N 1', name: `Vergabe ${MARKER}`, public: false });
  ids.gone = await t('agenda_items', { meeting_id: ids.upcoming, order: 4, number: 'Ö 9', name: `Gestrichen ${MARKER}`, deleted_at: new Date().toISOString() });

  ids.bv = await t('paper_types', { name: 'Beschlussvorlage', abbreviation: 'BV', sort_order: 1 });
  let seq = 0;
  const paper = (name: string, date: string, extra: Record<string, unknown> = {}) => {
    seq++;
    return t('papers', { paper_type_id: ids.bv, reference: `BV/${String(seq).padStart(4, '0')}/${date.slice(0, 4)}`, reference_year: Number(date.slice(0, 4)), reference_sequence: seq, name, date, status: 'released', ...extra });
  };
  const day = (d: number) => daysFromNow(d).toISOString().slice(0, 10);
  ids.paperOld = await paper('Haushaltssatzung', day(-30));
  ids.paperNew = await paper(`Bebauungsplan „Am Teich“ & <b>Ergänzung</b>${CONTROL}`, day(-2));
  ids.secret = await paper(`Grundstücksankauf ${MARKER}`, day(-1), { public: false });
  ids.draft = await paper(`Entwurf ${MARKER}`, day(0), { status: 'draft' });
  ids.deletedPaper = await paper(`Gelöscht ${MARKER}`, day(0), { deleted_at: new Date().toISOString() });
  return { tenantId, slug, name, ids };
}

let f: Fixture;
let other: Fixture;

beforeAll(async () => {
  const env = testEnv();
  const config = loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  domain = uidDomain(config.MAIL_FROM_ADDRESS);
  app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  admin = await connect(env.adminUrl);
  f = await createFixture(admin, 'a');
  other = await createFixture(admin, 'b');
});

afterAll(async () => {
  await admin.query('DELETE FROM tenants WHERE id = ANY($1)', [[f?.tenantId, other?.tenantId].filter(Boolean)]);
  await app.close();
  await admin.end();
});

interface Event {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  start: Date;
  end: Date;
  location: string | null;
  url: string | null;
  description: string;
}

function parseCalendar(text: string): { name: string; method: unknown; events: Event[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.name).toBe('vcalendar');
  expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  expect(String(cal.getFirstPropertyValue('prodid'))).toContain('Ratsinfo');
  const events = cal.getAllSubcomponents('vevent').map((e) => ({
    uid: String(e.getFirstPropertyValue('uid')),
    sequence: Number(e.getFirstPropertyValue('sequence')),
    status: String(e.getFirstPropertyValue('status')),
    summary: String(e.getFirstPropertyValue('summary')),
    start: (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
    end: (e.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate(),
    location: (e.getFirstPropertyValue('location') as string | null) ?? null,
    url: (e.getFirstPropertyValue('url') as string | null) ?? null,
    description: String(e.getFirstPropertyValue('description') ?? ''),
  }));
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), method: cal.getFirstPropertyValue('method'), events };
}

const uid = (meetingId: string) => meetingUid(meetingId, domain);
const byUid = (events: Event[], meetingId: string) => events.find((e) => e.uid === uid(meetingId));

describe('iCalendar', () => {
  it("the authority's calendar: public meetings of the window, with the invitation's UID, SEQUENCE, status, place, link and public agenda", async () => {
    const r = await read(FeedRoutes.calendar(f.slug));
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/calendar; charset=utf-8');
    expect(r.disposition).toBe(`inline; filename="${f.slug}-sitzungen.ics"`);
    expect(r.text.endsWith('\r\n')).toBe(true);
    // every line ends with CRLF and is folded at 75 octets
    for (const line of r.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const cal = parseCalendar(r.text);
    expect(cal.method).toBeNull();
    expect(cal.name).toBe(`Sitzungen – ${f.name}`);
    expect(cal.events.map((e) => e.uid).sort()).toEqual([f.ids.upcoming!, f.ids.past!, f.ids.cancelled!].map(uid).sort());

    const up = byUid(cal.events, f.ids.upcoming!)!;
    expect(up.sequence).toBe(0);
    expect(up.status).toBe('CONFIRMED');
    expect(up.summary).toBe('Sitzung des Bauausschusses (Bau- & Umweltausschuss)');
    expect(up.start.getTime()).toBe(daysFromNow(10).getTime());
    expect(up.end.getTime()).toBe(daysFromNow(10, 18).getTime());
    expect(up.location).toBe('Ratssaal, Rathaus, 101, Markt 1, 39288 Burg');
    expect(up.url).toBe(`http://localhost:4200/${f.slug}/sitzungen/${f.ids.upcoming}`);
    expect(up.description).toContain('Ö 1 Eröffnung & Begrüßung\nÖ 2 Radweg <Nord>, Abschnitt "B"\n');
    expect(up.description).not.toContain('N 1');

    const past = byUid(cal.events, f.ids.past!)!;
    expect(past.location).toBe('Bürgerhaus, Saal 2');
    // no end: two hours
    expect(past.end.getTime() - past.start.getTime()).toBe(2 * 3600_000);
    expect(byUid(cal.events, f.ids.cancelled!)!.status).toBe('CANCELLED');
  });

  it("an organization's calendar has only its meetings; a meeting's calendar has the one meeting", async () => {
    const org = await read(FeedRoutes.organizationCalendar(f.slug, f.ids.committee!));
    expect(org.status).toBe(200);
    const oc = parseCalendar(org.text);
    expect(oc.name).toBe(`Bau- & Umweltausschuss – ${f.name}`);
    expect(oc.events.map((e) => e.uid)).toEqual([uid(f.ids.upcoming!)]);

    const one = await read(FeedRoutes.meetingCalendar(f.slug, f.ids.cancelled!));
    expect(one.status).toBe(200);
    expect(one.type).toBe('text/calendar; charset=utf-8');
    const mc = parseCalendar(one.text);
    expect(mc.events).toHaveLength(1);
    expect(mc.events[0]).toMatchObject({ uid: uid(f.ids.cancelled!), status: 'CANCELLED' });
    expect(mc.events[0]!.description).toContain('Die Sitzung ist abgesagt.');
  });

  it('after a change the UID stays, SEQUENCE rises, and the ETag moves', async () => {
    const path = FeedRoutes.meetingCalendar(f.slug, f.ids.upcoming!);
    const before = await read(path);
    const first = parseCalendar(before.text).events[0]!;
    // what sending an update does: a new SEQUENCE with the change (invitation-requests.ts)
    await admin.query(`UPDATE meetings SET ical_sequence = ical_sequence + 1, start = start + interval '1 hour', "end" = "end" + interval '1 hour' WHERE id = $1`, [f.ids.upcoming]);
    const after = await changed(path, before.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    const second = parseCalendar(after.text).events[0]!;
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBe(first.sequence + 1);
    expect(second.start.getTime()).toBe(first.start.getTime() + 3600_000);
    const stale = await get(path, { 'if-none-match': before.etag! });
    expect(stale.status).toBe(200);
  });

  it('unknown or foreign organizations and meetings are 404 problems, malformed ids 400', async () => {
    const cases: [string, number, string][] = [
      [FeedRoutes.organizationCalendar(f.slug, randomUUID()), 404, ProblemType.notFound],
      [FeedRoutes.organizationCalendar(f.slug, other.ids.committee!), 404, ProblemType.notFound],
      [FeedRoutes.meetingCalendar(f.slug, other.ids.upcoming!), 404, ProblemType.notFound],
      [FeedRoutes.meetingCalendar(f.slug, f.ids.deleted!), 404, ProblemType.notFound],
      [FeedRoutes.meetingCalendar(f.slug, 'not-a-uuid'), 400, ProblemType.validation],
      [FeedRoutes.calendar('no-such-authority-x'), 404, ProblemType.tenantNotFound],
      [FeedRoutes.papersAtom('no-such-authority-x'), 404, ProblemType.tenantNotFound],
    ];
    for (const [path, status, type] of cases) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status });
      expect(r.type).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(r.text) as { status: number; type: string };
      expect(problem.status).toBe(status);
      expect(problem.type).toBe(type);
      expect(r.text).not.toContain('BEGIN:VCALENDAR');
    }
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name, jpath) => ['item', 'entry'].includes(name) || jpath === 'feed.link' || jpath === 'feed.entry.link', parseTagValue: false });
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@isPermaLink': string };
  pubDate: string;
  description: string;
}
interface AtomEntry {
  id: string;
  title: { '#text': string; '@type': string };
  link: { '@href': string; '@rel': string }[];
  published: string;
  updated: string;
  summary: { '#text': string };
}

function parseRss(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = xml.parse(text) as { rss: { '@version': string; channel: { title: string; link: string; description: string; lastBuildDate: string; item?: RssItem[] } } };
  expect(doc.rss['@version']).toBe('2.0');
  const ch = doc.rss.channel;
  for (const k of ['title', 'link', 'description'] as const) expect(ch[k]).toEqual(expect.any(String));
  expect(ch.lastBuildDate).toMatch(RFC822);
  const items = ch.item ?? [];
  for (const i of items) {
    expect(i.title).toEqual(expect.any(String));
    expect(i.guid['@isPermaLink']).toBe('false');
    expect(i.guid['#text']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(i.pubDate).toMatch(RFC822);
  }
  return { channel: ch, items };
}

function parseAtom(text: string, author = f.name) {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = xml.parse(text) as {
    feed: { '@xmlns': string; id: string; title: { '#text': string }; updated: string; author: { name: string }; link: { '@rel': string; '@href': string }[]; entry?: AtomEntry[] };
  };
  const feed = doc.feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed.id).toEqual(expect.any(String));
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.author.name).toBe(author);
  expect(feed.link.map((l) => l['@rel']).sort()).toEqual(['alternate', 'self']);
  const entries = feed.entry ?? [];
  for (const e of entries) {
    expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(e.updated).toMatch(RFC3339);
    expect(e.published).toMatch(RFC3339);
    expect(e.title['@type']).toBe('text');
    expect(e.link[0]!['@href']).toMatch(/^http:\/\/localhost:4200\//);
  }
  return { feed, entries };
}

describe('RSS and Atom', () => {
  it('new papers: public ones only, newest first, titles as written (escaped once, no control characters), stable guids', async () => {
    const r = await read(FeedRoutes.papersRss(f.slug));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/rss+xml; charset=utf-8');
    expect(r.text).not.toContain(CONTROL);
    const { channel, items } = parseRss(r.text);
    expect(channel.title).toBe(`Neue Vorlagen – ${f.name}`);
    expect(channel.link).toBe(`http://localhost:4200/${f.slug}/vorlagen`);
    expect(items.map((i) => i.guid['#text'])).toEqual([`urn:uuid:${f.ids.paperNew}`, `urn:uuid:${f.ids.paperOld}`]);
    expect(items[0]!.title).toBe('BV/0002/' + daysFromNow(-2).toISOString().slice(0, 4) + ': Bebauungsplan „Am Teich“ & <b>Ergänzung</b>');
    expect(items[0]!.link).toBe(`http://localhost:4200/${f.slug}/vorlagen/${f.ids.paperNew}`);
    expect(items[0]!.description).toMatch(/^Beschlussvorlage vom \d{2}\.\d{2}\.\d{4}$/);
    const again = parseRss((await read(FeedRoutes.papersRss(f.slug))).text);
    expect(again.items.map((i) => i.guid['#text'])).toEqual(items.map((i) => i.guid['#text']));

    const a = await read(FeedRoutes.papersAtom(f.slug));
    expect(a.status).toBe(200);
    expect(a.type).toBe('application/atom+xml; charset=utf-8');
    const { feed, entries } = parseAtom(a.text);
    expect(feed.title['#text']).toBe(`Neue Vorlagen – ${f.name}`);
    expect(feed.link.find((l) => l['@rel'] === 'self')!['@href']).toBe(`http://localhost:4200${FeedRoutes.papersAtom(f.slug)}`);
    expect(entries.map((e) => e.id)).toEqual(items.map((i) => i.guid['#text']));
    expect(entries[0]!.title['#text']).toBe(items[0]!.title);
    expect(parseAtom((await read(FeedRoutes.papersAtom(f.slug))).text).entries.map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('upcoming meetings: from today on, cancelled ones marked, with the public agenda only', async () => {
    const r = await read(FeedRoutes.meetingsRss(f.slug));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/rss+xml; charset=utf-8');
    const { channel, items } = parseRss(r.text);
    expect(channel.title).toBe(`Kommende Sitzungen – ${f.name}`);
    expect(items.map((i) => i.guid['#text'])).toEqual([`urn:uuid:${f.ids.cancelled}`, `urn:uuid:${f.ids.upcoming}`]);
    expect(items[0]!.title).toMatch(/^Abgesagt: Sondersitzung des Stadtrates am \w+, \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr$/);
    expect(items[1]!.link).toBe(`http://localhost:4200/${f.slug}/sitzungen/${f.ids.upcoming}`);
    expect(items[1]!.description).toContain('Ö 2 Radweg <Nord>, Abschnitt "B"');
    expect(items[1]!.description).toContain('Ort: Ratssaal, Rathaus, 101, Markt 1, 39288 Burg');

    const a = await read(FeedRoutes.meetingsAtom(f.slug));
    expect(a.type).toBe('application/atom+xml; charset=utf-8');
    const { entries } = parseAtom(a.text);
    expect(entries.map((e) => e.id)).toEqual(items.map((i) => i.guid['#text']));
  });

  it('an empty authority still gives valid documents', async () => {
    await admin.query('UPDATE papers SET deleted_at = now() WHERE tenant_id = $1', [other.tenantId]);
    await admin.query('UPDATE meetings SET deleted_at = now() WHERE tenant_id = $1', [other.tenantId]);
    // (first reads of these URLs: nothing cached that could be older)
    expect(parseRss((await get(FeedRoutes.papersRss(other.slug))).text).items).toEqual([]);
    expect(parseAtom((await get(FeedRoutes.meetingsAtom(other.slug))).text, other.name).entries).toEqual([]);
    expect(parseCalendar((await get(FeedRoutes.calendar(other.slug))).text).events).toEqual([]);
  });
});

describe('caching', () => {
  it.each([
    ['calendar', () => FeedRoutes.calendar(f.slug)],
    ['organization calendar', () => FeedRoutes.organizationCalendar(f.slug, f.ids.committee!)],
    ['meeting calendar', () => FeedRoutes.meetingCalendar(f.slug, f.ids.past!)],
    ['papers RSS', () => FeedRoutes.papersRss(f.slug)],
    ['papers Atom', () => FeedRoutes.papersAtom(f.slug)],
    ['meetings RSS', () => FeedRoutes.meetingsRss(f.slug)],
    ['meetings Atom', () => FeedRoutes.meetingsAtom(f.slug)],
  ])('%s: strong ETag, the same bytes again from the cache, 304 on If-None-Match', async (_label, path) => {
    const first = await read(path());
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const second = await get(path());
    expect(second).toEqual(first);
    const cond = await get(path(), { 'if-none-match': first.etag! });
    expect(cond.status).toBe(304);
    expect(cond.text).toBe('');
  });

  it('a change of public data moves the ETag of the feed', async () => {
    const path = FeedRoutes.papersRss(f.slug);
    const before = await read(path);
    await admin.query(`UPDATE papers SET name = name || ' (geändert)' WHERE id = $1`, [f.ids.paperOld]);
    const after = await changed(path, before.etag);
    expect(after.etag).not.toBe(before.etag);
    expect(after.text).toContain('Haushaltssatzung (geändert)');
    expect((await get(path, { 'if-none-match': before.etag! })).status).toBe(200);
  });
});

describe('non-public content', () => {
  it('never reaches a calendar or feed', () => {
    expect(seen.length).toBeGreaterThan(12);
    for (const text of seen) {
      expect(text).not.toContain(MARKER);
      for (const id of [f.ids.secret!, f.ids.draft!, f.ids.deletedPaper!, f.ids.deleted!, f.ids.closed!, f.ids.gone!, f.ids.farAhead!, f.ids.longAgo!]) expect(text).not.toContain(id);
    }
  });
});
