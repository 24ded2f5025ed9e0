import type { MailContext, MailLocale } from '../mail-templates';
import { accentColour, contrastRatio } from './layout';
import { icsUtc, parseIcs, prop } from './ics-parse';
import type { AbsenceData, InvitationData, ReminderData } from './mail-data';
import { renderAbsenceNotice, renderAccessGranted, renderMeetingInvitation, renderMeetingReminder } from './meeting-templates';

const HOSTILE = `<script>alert("x")</script> & "Zitat" 'x' <img src=x onerror=alert(1)>`;

function ctx(locale: MailLocale, over: Partial<MailContext['tenant']> = {}): MailContext {
  return {
    locale,
    tenant: { id: '00000000-0000-4000-8000-000000000001', slug: 'burg', name: 'Stadt Burg', logoUrl: null, primaryColor: null, ...over },
    recipient: { name: 'Erika Muster', email: 'erika@example.org' },
    sender: { name: 'Stadt Burg (Ratsinfo)', address: 'sitzungsdienst@burg.example' },
    webBaseUrl: 'https://ratsinfo.example',
    mailId: '00000000-0000-4000-8000-0000000000aa',
  };
}

const meeting = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Sitzung des Bauausschusses',
  organization: 'Bauausschuss',
  start: '2026-12-09T16:00:00.000Z',
  end: '2026-12-09T18:30:00.000Z',
  location: 'Ratssaal, Markt 1, 39288 Burg',
  cancelledReason: null,
};

function invitation(over: Partial<InvitationData> = {}): InvitationData {
  return {
    kind: 'invitation',
    sequence: 1,
    audience: 'member',
    meeting,
    agenda: {
      public: [
        { number: 'Ö 1', title: 'Eröffnung', paperReference: null, urgentReason: null },
        { number: 'Ö 2', title: 'Haushaltssatzung 2027', paperReference: 'BV/0123/2026', urgentReason: null },
        { number: 'Ö 3', title: 'Brücke Nord', paperReference: null, urgentReason: 'Fördermittelfrist' },
      ],
      nonPublic: { count: 2, numbers: ['N 1', 'N 2'] },
    },
    message: null,
    link: 'https://ratsinfo.example/burg/verwaltung/sitzungen/11111111-1111-4111-8111-111111111111',
    ...over,
  };
}
const ICS = { uidDomain: 'ratsinfo.example', organizer: { name: 'Stadt Burg (Ratsinfo)', email: 'sitzungsdienst@burg.example' } };

function calendarOf(r: ReturnType<typeof renderMeetingInvitation>) {
  const a = r.attachments?.[0];
  expect(a?.filename).toBe('einladung.ics');
  return { contentType: a?.contentType, cal: parseIcs(String(a?.content)) };
}

describe('meeting mail templates', () => {
  it('renders the German invitation: lang, one h1, headings, an agenda table with caption and scoped headers, no non-public titles', () => {
    const r = renderMeetingInvitation(invitation(), ctx('de'), ICS);
    expect(r.subject).toBe('Einladung: Sitzung des Bauausschusses am 09.12.2026');
    expect(r.html).toContain('<html lang="de"');
    expect(r.html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(r.html).toContain('<caption');
    expect(r.html).toContain('Öffentlicher Teil</caption>');
    expect(r.html).toMatch(/<th scope="col"[^>]*>Nr\.<\/th>/);
    expect(r.html).toMatch(/<th scope="row"[^>]*>Ö 2<\/th>/);
    expect(r.html).toContain('BV/0123/2026');
    expect(r.html).toContain('Dringlich: Fördermittelfrist');
    expect(r.html).not.toMatch(/<table[^>]*role="presentation"/);
    expect(r.html).not.toMatch(/<img(?![^>]*alt=)/);
    // Europe/Berlin: 16:00Z is 17:00 in December.
    expect(r.text).toContain('Beginn: Mittwoch, 9. Dezember 2026, 17:00 Uhr');
    expect(r.text).toContain('Ende: 19:30 Uhr');
    expect(r.text).toContain('Ö 2  Haushaltssatzung 2027 – BV/0123/2026');
    expect(r.text).toContain('Ö 3  Brücke Nord\n     Dringlich: Fördermittelfrist');
    expect(r.text).toContain('2 Tagesordnungspunkte (N 1, N 2).');
    expect(r.text).toContain('Mitgliederbereich');
    expect(r.text).toContain('https://ratsinfo.example/burg/verwaltung/sitzungen/11111111-1111-4111-8111-111111111111');
    expect(r.text).not.toMatch(/<[a-z]/i);
  });

  it('shows the reason of an urgent invitation (short notice) in German and English, in the mail and the calendar, escaped; not in a cancellation', () => {
    const de = renderMeetingInvitation(invitation({ urgentReason: 'Fristablauf der Fördermittel <b>am 15.12.</b>' }), ctx('de'), ICS);
    expect(de.text).toContain('Dringliche Einladung mit verkürzter Ladungsfrist\n');
    expect(de.text).toContain('Fristablauf der Fördermittel');
    expect(de.html).toContain('Dringliche Einladung mit verkürzter Ladungsfrist</h2>');
    expect(de.html).toContain('Fristablauf der Fördermittel &lt;b&gt;am 15.12.&lt;/b&gt;');
    expect(prop(calendarOf(de).cal.components.find((c) => c.type === 'VEVENT')!, 'DESCRIPTION')?.value).toContain('Dringliche Einladung mit verkürzter Ladungsfrist: Fristablauf');
    const en = renderMeetingInvitation(invitation({ urgentReason: 'Funding deadline' }), ctx('en'), ICS);
    expect(en.text).toContain('Urgent invitation at short notice');
    expect(en.text).toContain('Funding deadline');
    const cancelled = renderMeetingInvitation(invitation({ kind: 'cancellation', urgentReason: 'Funding deadline', meeting: { ...meeting, cancelledReason: 'Krank' } }), ctx('en'), ICS);
    expect(cancelled.text).not.toContain('Funding deadline');
    // Records from before issue 9 have no urgentReason: nothing urgent shown.
    expect(renderMeetingInvitation(invitation(), ctx('de'), ICS).text).not.toContain('Dringliche Einladung');
  });

  it('renders the English invitation with the same facts', () => {
    const r = renderMeetingInvitation(invitation(), ctx('en'), ICS);
    expect(r.subject).toBe('Invitation: Sitzung des Bauausschusses on 9 Dec 2026');
    expect(r.html).toContain('<html lang="en"');
    expect(r.html).toContain('Public part</caption>');
    expect(r.text).toContain('Start: Wednesday, 9 December 2026, 17:00');
    expect(r.text).toContain('2 agenda items (N 1, N 2).');
    expect(r.text).toContain('Open the meeting in the member area');
  });

  it('escapes hostile names everywhere in the HTML and keeps the subject on one line', () => {
    const hostileMeeting = { ...meeting, name: `${HOSTILE}\r\nBcc: evil@example.org`, organization: HOSTILE, location: HOSTILE };
    const r = renderMeetingInvitation(
      invitation({
        meeting: hostileMeeting,
        message: HOSTILE,
        agenda: { public: [{ number: 'Ö 1', title: HOSTILE, paperReference: HOSTILE, urgentReason: HOSTILE }], nonPublic: null },
      }),
      { ...ctx('de', { name: HOSTILE, logoUrl: 'javascript:alert(1)', primaryColor: 'red;background:url(x)' }), recipient: { name: HOSTILE, email: 'e@example.org' } },
      ICS,
    );
    expect(r.html).not.toContain('<script>');
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).not.toContain('javascript:');
    expect(r.html).not.toContain('url(x)');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Zitat&quot; &#39;x&#39;');
    expect(r.subject).not.toMatch(/[\r\n]/);
    // the text version is text: the names as they are
    expect(r.text).toContain(HOSTILE);
    // the calendar stays well-formed with such a summary
    const { cal } = calendarOf(r);
    const ev = cal.components.find((c) => c.type === 'VEVENT')!;
    expect(ev.props.filter((p) => p.name === 'SUMMARY')).toHaveLength(1);
    expect(prop(ev, 'SUMMARY')?.value).toContain('\\nBcc: evil@example.org');
    expect(ev.props.some((p) => p.name === 'BCC')).toBe(false);
  });

  it('shows the logo with alt text and uses the authority colour for links only with enough contrast', () => {
    const dark = renderMeetingInvitation(invitation(), ctx('de', { logoUrl: 'https://burg.example/logo.png', primaryColor: '#004b87' }), ICS);
    expect(dark.html).toContain('<img src="https://burg.example/logo.png" alt="Logo: Stadt Burg"');
    expect(dark.html).toContain('a{color:#004b87}');
    const light = renderMeetingInvitation(invitation(), ctx('de', { primaryColor: '#ffdd00' }), ICS);
    expect(light.html).not.toContain('a{color:#ffdd00}');
    expect(contrastRatio(accentColour('#ffdd00'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#1a1a1a', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives guests the public part only, with the portal link', () => {
    const r = renderMeetingInvitation(
      invitation({ audience: 'guest', agenda: { ...invitation().agenda, nonPublic: null }, link: 'https://ratsinfo.example/burg/sitzungen/x' }),
      ctx('de'),
      ICS,
    );
    expect(r.text).toContain('Sie sind als Gast');
    expect(r.text).not.toContain('Nichtöffentlich');
    expect(r.text).toContain('https://ratsinfo.example/burg/sitzungen/x');
  });

  it('attaches an iCal REQUEST for invitations and a CANCEL with the same UID for cancellations', () => {
    const inv = calendarOf(renderMeetingInvitation(invitation(), ctx('de'), ICS));
    expect(inv.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(inv.cal.type).toBe('VCALENDAR');
    expect(prop(inv.cal, 'METHOD')?.value).toBe('REQUEST');
    const ev = inv.cal.components.find((c) => c.type === 'VEVENT')!;
    expect(prop(ev, 'UID')?.value).toBe('meeting-11111111-1111-4111-8111-111111111111@ratsinfo.example');
    expect(prop(ev, 'SEQUENCE')?.value).toBe('1');
    expect(icsUtc(prop(ev, 'DTSTART')!.value).toISOString()).toBe(meeting.start);
    expect(icsUtc(prop(ev, 'DTEND')!.value).toISOString()).toBe(meeting.end);
    expect(prop(ev, 'ORGANIZER')?.value.toLowerCase()).toBe('mailto:sitzungsdienst@burg.example');
    expect(prop(ev, 'ATTENDEE')?.value.toLowerCase()).toBe('mailto:erika@example.org');
    expect(prop(ev, 'URL')?.value).toContain('/burg/verwaltung/sitzungen/');

    const cancel = renderMeetingInvitation(invitation({ kind: 'cancellation', sequence: 2, meeting: { ...meeting, cancelledReason: 'Beschlussunfähigkeit' } }), ctx('de'), ICS);
    expect(cancel.subject).toBe('Abgesagt: Sitzung des Bauausschusses am 09.12.2026');
    expect(cancel.text).toContain('Grund der Absage: Beschlussunfähigkeit');
    const c = calendarOf(cancel);
    expect(c.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(prop(c.cal, 'METHOD')?.value).toBe('CANCEL');
    const cev = c.cal.components.find((x) => x.type === 'VEVENT')!;
    expect(prop(cev, 'UID')?.value).toBe(prop(ev, 'UID')?.value);
    expect(prop(cev, 'SEQUENCE')?.value).toBe('2');
    expect(prop(cev, 'STATUS')?.value).toBe('CANCELLED');
  });

  it('renders the reminder, the absence notice (without any reason) and the access notice in both languages', () => {
    const reminder: ReminderData = { audience: 'member', meeting, agenda: invitation().agenda, link: invitation().link };
    expect(renderMeetingReminder(reminder, ctx('de')).subject).toBe('Erinnerung: Sitzung des Bauausschusses am 09.12.2026');
    expect(renderMeetingReminder(reminder, ctx('en')).html).toContain('<html lang="en"');
    const absence: AbsenceData = { noticeId: '22222222-2222-4222-8222-222222222222', absentName: 'Dr. Max Mustermann', meeting, link: invitation().link };
    const a = renderAbsenceNotice(absence, ctx('de'));
    expect(a.subject).toBe('Vertretung: Dr. Max Mustermann ist verhindert – Sitzung des Bauausschusses am 09.12.2026');
    expect(a.text).toContain('Sie sind als Stellvertretung eingetragen');
    expect(a.text).not.toMatch(/Grund/);
    expect(renderAbsenceNotice(absence, ctx('en')).text).toContain('You are registered as their deputy');
    const g = renderAccessGranted({ signInUrl: 'https://ratsinfo.example/burg/verwaltung', tenantSlug: 'burg' }, ctx('de'));
    expect(g.subject).toBe('Ihr Zugang zum Ratsinformationssystem – Stadt Burg');
    expect(g.text).toContain('https://ratsinfo.example/burg/verwaltung');
    expect(renderAccessGranted({ signInUrl: 'https://x.example/', tenantSlug: 'burg' }, ctx('en')).subject).toBe('Your access to the council information system – Stadt Burg');
  });

  it('the ICS reader is strict: it refuses unbalanced or LF-only calendars', () => {
    expect(() => parseIcs('BEGIN:VCALENDAR\r\n')).toThrow();
    expect(() => parseIcs('BEGIN:VCALENDAR\nEND:VCALENDAR\n')).toThrow();
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nEND:VEVENT\r\n')).toThrow();
  });
});
