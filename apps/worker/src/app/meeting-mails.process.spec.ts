import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { icsProp, icsUtc, parseIcs } from '@ratsinfo/api-mail';
import {
  asTenant,
  connect,
  deleteTenant,
  fixtureAgs,
  mailSource,
  maildevUrl,
  receivedMails,
  type ReceivedMail,
  sentTo,
  startWorkerProcess,
  testEnv,
  waitForMails,
  type WorkerProcess,
} from '@ratsinfo/api-testing';

/**
 * The meeting mails through the built worker process, against the test stack's PostgreSQL,
 * Redis and maildev. A fixture authority of its own (unique addresses per run):
 *
 *   committee: member A (user account e-mail, account in English; the person has another address),
 *              member B (person e-mail only), member C (no address at all),
 *              deputy D (standing in for A), former member F (membership ended last year)
 *   other organization: member X, and deputy Y standing in for A there
 *   guest G of the meeting
 *
 * Entitled with an address: A (account address), B, D, G = 4 mails per message; C is skipped;
 * F, X, Y and A's person address get nothing.
 */
describe('meeting mails (worker process)', () => {
  const run = randomUUID().slice(0, 8);
  const addr = (who: string) => `${who}-${run}@example.org`;
  const entitled = [addr('a-account'), addr('b'), addr('d'), addr('g')];
  const never = [addr('a-person'), addr('f'), addr('x'), addr('y'), addr('other-tenant')];
  const SECRET_TITLE = `Grundstücksverkauf GEHEIM-${run}`;
  const SECRET_REASON = `Arzttermin-VERTRAULICH-${run}`;

  let owner: Client;
  let worker: WorkerProcess;
  const tenantA = { id: randomUUID(), slug: `test-mails-${run}` };
  const tenantB = { id: randomUUID(), slug: `test-mails-b-${run}` };
  const ids: Record<string, string> = {};

  /** Whole minutes, like real meeting times (the calendar has seconds). */
  const day = (offset: number) => new Date(Math.floor((Date.now() + offset * 86_400_000) / 60_000) * 60_000);
  const isoDate = (d: Date) => d.toISOString().slice(0, 10);

  async function insert(table: string, tenantId: string, cols: Record<string, unknown>): Promise<string> {
    const names = Object.keys(cols);
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO "${table}" (tenant_id, ${names.map((n) => `"${n}"`).join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
      [tenantId, ...Object.values(cols)],
    );
    return rows[0]!.id;
  }

  async function writeEvent(tenantId: string, topic: string, payload: unknown, before?: () => Promise<void>): Promise<string> {
    return asTenant(
      owner,
      tenantId,
      async () => {
        await before?.();
        const { rows } = await owner.query<{ id: string }>(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, $2, $3) RETURNING id`, [tenantId, topic, JSON.stringify(payload)]);
        return rows[0]!.id;
      },
      true,
    );
  }

  async function eventState(tenantId: string, id: string) {
    return asTenant(owner, tenantId, async () => (await owner.query(`SELECT processed_at, dead_at, last_error FROM outbox_events WHERE id = $1`, [id])).rows[0]);
  }

  async function waitForEvent(tenantId: string, id: string, until: (e: { processed_at: Date | null; dead_at: Date | null }) => boolean, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const e = await eventState(tenantId, id);
      if (e && until(e)) return e;
      if (Date.now() > end) throw new Error(`event ${id} did not reach the expected state: ${JSON.stringify(e)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const toAny = (list: string[]) => (m: ReceivedMail) => list.some((a) => sentTo(a)(m));
  const withSubject = (re: RegExp) => (m: ReceivedMail) => re.test(m.subject);
  /** Invitations only (the reminder of another meeting goes to the same addresses meanwhile). */
  const invitationTo = (a: string) => (m: ReceivedMail) => sentTo(a)(m) && /^(Einladung|Invitation):/.test(m.subject);

  async function calendarOf(m: ReceivedMail) {
    const att = m.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
    expect([att?.fileName, att?.filename].filter(Boolean)).toContain('einladung.ics');
    const stored = att?.generatedFileName ?? 'einladung.ics';
    const res = await fetch(`${maildevUrl()}/api/email/${encodeURIComponent(m.id)}/attachment/${encodeURIComponent(stored)}`);
    expect(res.status).toBe(200);
    const cal = parseIcs(await res.text());
    const ev = cal.components.find((c) => c.type === 'VEVENT');
    if (!ev) throw new Error('no VEVENT');
    return { cal, ev };
  }

  beforeAll(async () => {
    owner = await connect(testEnv().ownerUrl);
    for (const t of [tenantA, tenantB]) {
      await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, $3, 'municipality', $4)`, [t.id, t.slug, `Testgemeinde Mails ${run}`, fixtureAgs()]);
    }
    await asTenant(
      owner,
      tenantA.id,
      async () => {
        const t = tenantA.id;
        ids['committee'] = await insert('organizations', t, { name: `Bauausschuss ${run}`, organization_type: 'committee' });
        ids['other'] = await insert('organizations', t, { name: `Finanzausschuss ${run}`, organization_type: 'committee' });
        const person = (key: string, given: string, email: string | null) => insert('persons', t, { family_name: `Muster-${key}`, given_name: given, email }).then((id) => (ids[key] = id));
        await person('a', 'Anna', addr('a-person'));
        await person('b', 'Bernd', addr('b'));
        await person('c', 'Clara', null);
        await person('d', 'Dieter', addr('d'));
        await person('f', 'Frieda', addr('f'));
        await person('x', 'Xaver', addr('x'));
        await person('y', 'Yvonne', addr('y'));
        await insert('user_accounts', t, { email: addr('a-account'), display_name: 'Anna Muster-a', roles: '{member}', person_id: ids['a'], locale: 'en' });
        const member = (person: string, org: string, extra: Record<string, unknown> = {}) => insert('memberships', t, { person_id: ids[person], organization_id: ids[org], role: 'Mitglied', ...extra });
        await member('a', 'committee', { start_date: isoDate(day(-400)) });
        await member('b', 'committee');
        await member('c', 'committee');
        await member('d', 'committee', { role: 'Stellvertretung', deputy_for_id: ids['a'] });
        await member('f', 'committee', { start_date: isoDate(day(-800)), end_date: isoDate(day(-365)) });
        await member('x', 'other');
        await member('y', 'other', { role: 'Stellvertretung', deputy_for_id: ids['a'] });

        const paperType = await insert('paper_types', t, { name: 'Beschlussvorlage', abbreviation: `BV${run}` });
        const paper = await insert('papers', t, { paper_type_id: paperType, reference: `BV/${run}/2026`, reference_year: 2026, reference_sequence: 1, name: 'Haushaltssatzung', date: isoDate(day(-3)), public: true });
        const consultation = await insert('consultations', t, { paper_id: paper, organization_id: ids['committee'], position: 1, authoritative: true, role: 'Entscheidung' });

        // The meeting invited by the tests below (two weeks ahead: no reminder yet).
        ids['meeting'] = await insert('meetings', t, { organization_id: ids['committee'], name: `Sitzung des Bauausschusses ${run}`, start: day(14).toISOString(), end: new Date(day(14).getTime() + 2 * 3600_000).toISOString(), location_text: 'Ratssaal' });
        await insert('agenda_items', t, { meeting_id: ids['meeting'], order: 1, number: 'Ö 1', name: 'Eröffnung', public: true });
        await insert('agenda_items', t, { meeting_id: ids['meeting'], order: 2, number: 'Ö 2', name: 'Haushaltssatzung 2027', public: true, consultation_id: consultation });
        await insert('agenda_items', t, { meeting_id: ids['meeting'], order: 3, number: 'N 1', name: SECRET_TITLE, public: false });
        await insert('meeting_guests', t, { meeting_id: ids['meeting'], name: 'Gabi Gast', email: addr('g') });

        // Reminders (reminder_days_before is 3 by default): due, not invited, too far ahead, cancelled.
        const meeting = (name: string, start: Date, extra: Record<string, unknown>) => insert('meetings', t, { organization_id: ids['committee'], name: `${name} ${run}`, start: start.toISOString(), ...extra });
        ids['due'] = await meeting('Erinnerungssitzung', day(1), { invited_at: new Date().toISOString(), ical_sequence: 1 });
        ids['notInvited'] = await meeting('Nicht eingeladen', day(1), {});
        ids['later'] = await meeting('Spätere Sitzung', day(5), { invited_at: new Date().toISOString(), ical_sequence: 1 });
        ids['cancelled'] = await meeting('Abgesagte Sitzung', day(1), { invited_at: new Date().toISOString(), ical_sequence: 2, cancelled: true, cancelled_reason: 'Terminkollision' });
      },
      true,
    );
    await asTenant(
      owner,
      tenantB.id,
      async () => {
        const org = await insert('organizations', tenantB.id, { name: 'Rat B', organization_type: 'council' });
        const p = await insert('persons', tenantB.id, { family_name: 'Andere', given_name: 'Olga', email: addr('other-tenant') });
        await insert('memberships', tenantB.id, { person_id: p, organization_id: org });
        ids['meetingB'] = await insert('meetings', tenantB.id, { organization_id: org, name: 'Ratssitzung B', start: day(10).toISOString() });
      },
      true,
    );
    worker = await startWorkerProcess();
  });

  afterAll(async () => {
    await worker?.stop();
    for (const t of [tenantA, tenantB]) {
      // mail records reference persons and meetings without cascade: remove them first
      await asTenant(owner, t.id, () => owner.query(`DELETE FROM mail_messages`), true).catch(() => undefined);
      await deleteTenant(owner, t.id).catch(() => undefined);
    }
    await owner?.end();
  });

  it('sends one invitation to each entitled address, none to anyone else; the calendar entry is a REQUEST; members see no non-public title', async () => {
    const event = await writeEvent(tenantA.id, 'meeting.invitation-requested', { meetingId: ids['meeting'], kind: 'invitation', sequence: 1, message: 'Bitte pünktlich.' }, async () => {
      await owner.query(`UPDATE meetings SET ical_sequence = 1, invited_at = now() WHERE id = $1`, [ids['meeting']]);
    });
    const mails = await waitForMails(4, (m) => entitled.some((a) => invitationTo(a)(m)));
    await waitForEvent(tenantA.id, event, (e) => e.processed_at !== null);
    await new Promise((r) => setTimeout(r, 1500));
    for (const a of entitled) expect(await receivedMails(invitationTo(a))).toHaveLength(1);
    expect(await receivedMails(toAny(never))).toHaveLength(0);

    const byTo = (a: string) => mails.find(sentTo(a))!;
    // the account's language and address win over the person's
    expect(byTo(addr('a-account')).subject).toMatch(/^Invitation: Sitzung des Bauausschusses/);
    expect(byTo(addr('b')).subject).toMatch(/^Einladung: Sitzung des Bauausschusses/);

    const memberSource = await mailSource(byTo(addr('b')).id);
    expect(memberSource).toMatch(/text\/calendar;[^\r\n]*method=REQUEST/i);
    expect(memberSource).not.toContain('GEHEIM');
    const { cal, ev } = await calendarOf(byTo(addr('b')));
    expect(icsProp(cal, 'METHOD')?.value).toBe('REQUEST');
    expect(icsProp(ev, 'UID')?.value).toMatch(new RegExp(`^meeting-${ids['meeting']}@`));
    expect(icsProp(ev, 'SEQUENCE')?.value).toBe('1');
    expect(icsProp(ev, 'ATTENDEE')?.value.toLowerCase()).toBe(`mailto:${addr('b')}`);
    const start = await asTenant(owner, tenantA.id, async () => (await owner.query(`SELECT start FROM meetings WHERE id = $1`, [ids['meeting']])).rows[0].start as Date);
    expect(icsUtc(icsProp(ev, 'DTSTART')!.value).getTime()).toBe(start.getTime());

    const memberText = byTo(addr('b')).text ?? '';
    expect(memberText).toContain(`BV/${run}/2026`);
    expect(memberText).toContain('Nichtöffentlicher Teil');
    expect(memberText).toContain('N 1');
    expect(memberText).toContain('Bitte pünktlich.');
    expect(memberText).toContain(`/${tenantA.slug}/verwaltung/sitzungen/${ids['meeting']}`);
    const guestText = byTo(addr('g')).text ?? '';
    expect(guestText).not.toContain('Nichtöffentlich');
    expect(guestText).toContain(`/${tenantA.slug}/sitzungen/${ids['meeting']}`);
    expect(await mailSource(byTo(addr('g')).id)).not.toContain('GEHEIM');

    // C (no address) is skipped and logged
    await worker.waitForOutput(/1 entitled person\(s\) without an e-mail address/);
  });

  it('records each invitation once when the same request is handled again', async () => {
    const event = await writeEvent(tenantA.id, 'meeting.invitation-requested', { meetingId: ids['meeting'], kind: 'invitation', sequence: 1 });
    await waitForEvent(tenantA.id, event, (e) => e.processed_at !== null);
    await new Promise((r) => setTimeout(r, 1500));
    for (const a of entitled) expect(await receivedMails(invitationTo(a))).toHaveLength(1);
    const n = await asTenant(owner, tenantA.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM mail_messages WHERE meeting_id = $1 AND template = 'meeting-invitation'`, [ids['meeting']])).rows[0].n);
    expect(n).toBe(4);
  });

  it('sends the cancellation to the same addresses: same UID, SEQUENCE 2, METHOD CANCEL; every record has its accepted time', async () => {
    await writeEvent(tenantA.id, 'meeting.invitation-requested', { meetingId: ids['meeting'], kind: 'cancellation', sequence: 2 }, async () => {
      await owner.query(`UPDATE meetings SET ical_sequence = 2, cancelled = true, cancelled_reason = 'Beschlussunfähigkeit' WHERE id = $1`, [ids['meeting']]);
    });
    const cancellations = await waitForMails(4, (m) => toAny(entitled)(m) && withSubject(/^(Abgesagt|Cancelled):/)(m));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await receivedMails((m) => toAny(entitled)(m) && withSubject(/^(Abgesagt|Cancelled):/)(m))).toHaveLength(4);
    expect(await receivedMails(toAny(never))).toHaveLength(0);

    const b = cancellations.find(sentTo(addr('b')))!;
    expect(b.text).toContain('Grund der Absage: Beschlussunfähigkeit');
    expect(await mailSource(b.id)).toMatch(/text\/calendar;[^\r\n]*method=CANCEL/i);
    const { cal, ev } = await calendarOf(b);
    const first = await calendarOf((await receivedMails((m) => sentTo(addr('b'))(m) && withSubject(/^Einladung:/)(m)))[0]!);
    expect(icsProp(cal, 'METHOD')?.value).toBe('CANCEL');
    expect(icsProp(ev, 'UID')?.value).toBe(icsProp(first.ev, 'UID')?.value);
    expect(icsProp(ev, 'SEQUENCE')?.value).toBe('2');
    expect(icsProp(ev, 'STATUS')?.value).toBe('CANCELLED');

    const rows = await asTenant(owner, tenantA.id, async () => (await owner.query(`SELECT status, accepted_at, ical_sequence FROM mail_messages WHERE meeting_id = $1`, [ids['meeting']])).rows);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.status).toBe('sent');
      expect(r.accepted_at).toBeInstanceOf(Date);
    }
    expect(rows.map((r) => r.ical_sequence).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('reminds of the invited meeting starting within the reminder days, once, and of no other', async () => {
    // that meeting has no guest: A (account address, English), B and D
    const remindedAddresses = [addr('a-account'), addr('b'), addr('d')];
    const reminders = await waitForMails(3, (m) => toAny(remindedAddresses)(m) && withSubject(/^(Erinnerung|Reminder):/)(m));
    await new Promise((r) => setTimeout(r, 1000));
    const all = await receivedMails((m) => toAny([...entitled, ...never])(m) && withSubject(/^(Erinnerung|Reminder):/)(m));
    expect(all).toHaveLength(3);
    expect(reminders.find(sentTo(addr('a-account')))?.subject).toMatch(/^Reminder: /);
    for (const m of reminders) expect(m.subject).toContain(`Erinnerungssitzung ${run}`);
    const state = await asTenant(owner, tenantA.id, async () =>
      (await owner.query(`SELECT id, reminded_at FROM meetings WHERE id = ANY($1::uuid[])`, [[ids['due'], ids['notInvited'], ids['later'], ids['cancelled']]])).rows,
    );
    const reminded = Object.fromEntries(state.map((r) => [r.id, r.reminded_at !== null]));
    expect(reminded).toEqual({ [ids['due']!]: true, [ids['notInvited']!]: false, [ids['later']!]: false, [ids['cancelled']!]: false });
  });

  it('tells the deputy in the meeting’s organization of an absence, without the reason, and nobody else', async () => {
    const notice = await asTenant(owner, tenantA.id, () => insert('absence_notices', tenantA.id, { meeting_id: ids['due'], person_id: ids['a'], reason: SECRET_REASON, created_by_name: 'Anna Muster-a' }), true);
    await writeEvent(tenantA.id, 'absence.noticed', { absenceNoticeId: notice });
    const [m] = await waitForMails(1, (x) => sentTo(addr('d'))(x) && withSubject(/^Vertretung:/)(x));
    expect(m!.subject).toContain('Anna Muster-a ist verhindert');
    expect(m!.text).toContain(`/${tenantA.slug}/verwaltung/sitzungen/${ids['due']}`);
    expect(await mailSource(m!.id)).not.toContain('VERTRAULICH');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await receivedMails((x) => toAny([...entitled, ...never])(x) && withSubject(/^(Vertretung|Deputy needed):/)(x))).toHaveLength(1);
  });

  it('an invitation event of one authority naming another authority’s meeting sends nothing and is a dead letter (not-found)', async () => {
    const event = await writeEvent(tenantA.id, 'meeting.invitation-requested', { meetingId: ids['meetingB'], kind: 'invitation', sequence: 1 });
    const e = await waitForEvent(tenantA.id, event, (x) => x.dead_at !== null);
    expect(e.last_error).toMatch(/^not-found: /);
    expect(await receivedMails(sentTo(addr('other-tenant')))).toHaveLength(0);
    const inB = await asTenant(owner, tenantB.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM mail_messages`)).rows[0].n);
    const inA = await asTenant(owner, tenantA.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM mail_messages WHERE meeting_id = $1`, [ids['meetingB']])).rows[0].n);
    expect([inA, inB]).toEqual([0, 0]);
  });

  it('sends the access notice of mail.access-granted once, in the account’s language', async () => {
    const accountId = await asTenant(owner, tenantA.id, async () => (await owner.query(`SELECT id FROM user_accounts WHERE person_id = $1`, [ids['a']])).rows[0].id as string);
    const to = addr('access');
    const event = await writeEvent(tenantA.id, 'mail.access-granted', { accountId, email: to, tenantSlug: tenantA.slug, signInUrl: `https://ratsinfo.example/${tenantA.slug}/verwaltung` });
    const [m] = await waitForMails(1, sentTo(to));
    expect(m!.subject).toBe(`Your access to the council information system – Testgemeinde Mails ${run}`);
    expect(m!.text).toContain(`https://ratsinfo.example/${tenantA.slug}/verwaltung`);
    await waitForEvent(tenantA.id, event, (x) => x.processed_at !== null);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await receivedMails(sentTo(to))).toHaveLength(1);
  });
});
