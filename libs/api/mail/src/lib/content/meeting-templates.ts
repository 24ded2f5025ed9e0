import type { MailContext, MailLocale, RenderedMail } from '../mail-templates';
import { type Block, accentColour, action, dataTable, facts, formatDateTime, formatTime, heading, layout, oneLine, paragraph } from './layout';
import { meetingIcs } from './ical';
import type { AbsenceData, AccessGrantedData, AgendaSnapshot, InvitationData, InvitationKind, MeetingSnapshot, ReminderData } from './mail-data';

/**
 * The authority's mails about meetings, in German (default) and English: invitation (and its
 * update and cancellation, with the calendar entry), reminder, absence notice to the deputy, and
 * the notice that access was granted. Pure functions of the recorded data and the context.
 */

interface Strings {
  greeting: (name: string | null) => string;
  subject: Record<InvitationKind | 'reminder', (meeting: string, when: string) => string>;
  title: Record<InvitationKind | 'reminder', string>;
  intro: Record<InvitationKind | 'reminder', (org: string) => string>;
  guestIntro: string;
  committee: string;
  when: string;
  until: string;
  where: string;
  reason: string;
  message: string;
  /** Heading of the reason for an invitation at short notice (after the notice period). */
  urgentInvitation: string;
  agenda: string;
  publicPart: string;
  nonPublicPart: string;
  colNumber: string;
  colItem: string;
  colPaper: string;
  urgent: (reason: string) => string;
  noPublicItems: string;
  nonPublicSummary: (count: number, numbers: string[]) => string;
  nonPublicDocuments: string;
  toMemberArea: string;
  toPortal: string;
  calendarHint: string;
  absence: {
    subject: (name: string, meeting: string, when: string) => string;
    title: string;
    body: (name: string, meeting: string) => string;
    deputy: string;
  };
  access: { subject: (tenant: string) => string; title: string; body: (tenant: string) => string; signIn: string; ignore: string };
}

const DE: Strings = {
  greeting: (n) => (n ? `Guten Tag ${n},` : 'Guten Tag,'),
  subject: {
    invitation: (m, w) => `Einladung: ${m} am ${w}`,
    update: (m, w) => `Geänderte Einladung: ${m} am ${w}`,
    cancellation: (m, w) => `Abgesagt: ${m} am ${w}`,
    reminder: (m, w) => `Erinnerung: ${m} am ${w}`,
  },
  title: { invitation: 'Einladung zur Sitzung', update: 'Geänderte Einladung zur Sitzung', cancellation: 'Die Sitzung ist abgesagt', reminder: 'Erinnerung an die Sitzung' },
  intro: {
    invitation: (o) => `hiermit laden wir Sie zur Sitzung von „${o}“ ein.`,
    update: (o) => `die Einladung zur Sitzung von „${o}“ hat sich geändert. Es gilt die folgende Fassung.`,
    cancellation: (o) => `die Sitzung von „${o}“ findet nicht statt. Bitte entfernen Sie den Termin aus Ihrem Kalender.`,
    reminder: (o) => `wir erinnern Sie an die Sitzung von „${o}“.`,
  },
  guestIntro: 'Sie sind als Gast zu dieser Sitzung eingeladen.',
  committee: 'Gremium',
  when: 'Beginn',
  until: 'Ende',
  where: 'Ort',
  reason: 'Grund der Absage',
  message: 'Mitteilung',
  urgentInvitation: 'Dringliche Einladung mit verkürzter Ladungsfrist',
  agenda: 'Tagesordnung',
  publicPart: 'Öffentlicher Teil',
  nonPublicPart: 'Nichtöffentlicher Teil',
  colNumber: 'Nr.',
  colItem: 'Gegenstand',
  colPaper: 'Vorlage',
  urgent: (r) => `Dringlich: ${r}`,
  noPublicItems: 'Der öffentliche Teil hat keine Tagesordnungspunkte.',
  nonPublicSummary: (c, n) => (c === 1 ? `1 Tagesordnungspunkt (${n.join(', ')}).` : `${c} Tagesordnungspunkte (${n.join(', ')}).`),
  nonPublicDocuments: 'Die Tagesordnung und die Unterlagen des nichtöffentlichen Teils finden Sie nach der Anmeldung im Mitgliederbereich.',
  toMemberArea: 'Sitzung im Mitgliederbereich öffnen',
  toPortal: 'Sitzung im Ratsinformationssystem öffnen',
  calendarHint: 'Der Termin liegt als Kalenderdatei (einladung.ics) bei.',
  absence: {
    subject: (n, m, w) => `Vertretung: ${n} ist verhindert – ${m} am ${w}`,
    title: 'Bitte um Vertretung',
    body: (n, m) => `${n} hat mitgeteilt, an der Sitzung „${m}“ nicht teilnehmen zu können. Sie sind als Stellvertretung eingetragen.`,
    deputy: 'Die Unterlagen finden Sie nach der Anmeldung im Mitgliederbereich.',
  },
  access: {
    subject: (t) => `Ihr Zugang zum Ratsinformationssystem – ${t}`,
    title: 'Ihr Zugang zum Ratsinformationssystem',
    body: (t) => `Sie haben Zugang zum Ratsinformationssystem von ${t} erhalten. Melden Sie sich mit Ihrem bestehenden Konto an.`,
    signIn: 'Zur Anmeldung',
    ignore: 'Wenn Sie das nicht erwartet haben, wenden Sie sich bitte an die Verwaltung der Kommune.',
  },
};

const EN: Strings = {
  greeting: (n) => (n ? `Dear ${n},` : 'Hello,'),
  subject: {
    invitation: (m, w) => `Invitation: ${m} on ${w}`,
    update: (m, w) => `Updated invitation: ${m} on ${w}`,
    cancellation: (m, w) => `Cancelled: ${m} on ${w}`,
    reminder: (m, w) => `Reminder: ${m} on ${w}`,
  },
  title: { invitation: 'Invitation to the meeting', update: 'Updated invitation to the meeting', cancellation: 'The meeting is cancelled', reminder: 'Reminder of the meeting' },
  intro: {
    invitation: (o) => `you are invited to the meeting of “${o}”.`,
    update: (o) => `the invitation to the meeting of “${o}” has changed. The version below applies.`,
    cancellation: (o) => `the meeting of “${o}” will not take place. Please remove it from your calendar.`,
    reminder: (o) => `this is a reminder of the meeting of “${o}”.`,
  },
  guestIntro: 'You are invited to this meeting as a guest.',
  committee: 'Body',
  when: 'Start',
  until: 'End',
  where: 'Location',
  reason: 'Reason for the cancellation',
  message: 'Message',
  urgentInvitation: 'Urgent invitation at short notice',
  agenda: 'Agenda',
  publicPart: 'Public part',
  nonPublicPart: 'Non-public part',
  colNumber: 'No.',
  colItem: 'Item',
  colPaper: 'Paper',
  urgent: (r) => `Urgent: ${r}`,
  noPublicItems: 'The public part has no agenda items.',
  nonPublicSummary: (c, n) => (c === 1 ? `1 agenda item (${n.join(', ')}).` : `${c} agenda items (${n.join(', ')}).`),
  nonPublicDocuments: 'The agenda and documents of the non-public part are in the member area after signing in.',
  toMemberArea: 'Open the meeting in the member area',
  toPortal: 'Open the meeting in the council information system',
  calendarHint: 'The appointment is attached as a calendar file (einladung.ics).',
  absence: {
    subject: (n, m, w) => `Deputy needed: ${n} cannot attend ${m} on ${w}`,
    title: 'Please stand in',
    body: (n, m) => `${n} has given notice of not being able to attend the meeting “${m}”. You are registered as their deputy.`,
    deputy: 'The documents are in the member area after signing in.',
  },
  access: {
    subject: (t) => `Your access to the council information system – ${t}`,
    title: 'Your access to the council information system',
    body: (t) => `You have been given access to the council information system of ${t}. Sign in with your existing account.`,
    signIn: 'Sign in',
    ignore: 'If you did not expect this, please contact the administration of the authority.',
  },
};

export const MAIL_STRINGS: Record<MailLocale, Strings> = { de: DE, en: EN };

function meetingFacts(s: Strings, m: MeetingSnapshot, locale: MailLocale, withReason: boolean): Block {
  const sameDay = m.end && new Date(m.end).getTime() - new Date(m.start).getTime() < 24 * 3600_000;
  return facts([
    [s.committee, m.organization],
    [s.when, formatDateTime(m.start, locale)],
    [s.until, m.end ? (sameDay ? `${formatTime(m.end, locale)}${locale === 'de' ? ' Uhr' : ''}` : formatDateTime(m.end, locale)) : null],
    [s.where, m.location],
    [s.reason, withReason ? m.cancelledReason : null],
  ]);
}

function agendaBlocks(s: Strings, agenda: AgendaSnapshot): Block[] {
  const blocks: Block[] = [heading(2, s.agenda)];
  if (agenda.public.length === 0) blocks.push(heading(3, s.publicPart), paragraph(s.noPublicItems));
  else {
    blocks.push(
      dataTable(
        s.publicPart,
        [s.colNumber, s.colItem, s.colPaper],
        agenda.public.map((i) => ({ head: i.number, cells: [i.urgentReason ? `${i.title}\n${s.urgent(i.urgentReason)}` : i.title, i.paperReference ?? ''] })),
      ),
    );
  }
  if (agenda.nonPublic && agenda.nonPublic.count > 0) {
    blocks.push(heading(3, s.nonPublicPart), paragraph(s.nonPublicSummary(agenda.nonPublic.count, agenda.nonPublic.numbers)), paragraph(s.nonPublicDocuments));
  }
  return blocks;
}

function shortWhen(iso: string, locale: MailLocale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

export interface IcsSettings {
  uidDomain: string;
  organizer: { name: string; email: string };
}

export function renderMeetingInvitation(d: InvitationData, ctx: MailContext, ics: IcsSettings): RenderedMail {
  const s = MAIL_STRINGS[ctx.locale];
  const m = d.meeting;
  const subject = oneLine(s.subject[d.kind](m.name, shortWhen(m.start, ctx.locale)));
  const blocks: Block[] = [paragraph(s.greeting(ctx.recipient.name)), paragraph(s.intro[d.kind](m.organization))];
  if (d.audience === 'guest') blocks.push(paragraph(s.guestIntro));
  blocks.push(heading(2, m.name), meetingFacts(s, m, ctx.locale, d.kind === 'cancellation'));
  if (d.urgentReason && d.kind !== 'cancellation') blocks.push(heading(2, s.urgentInvitation), paragraph(d.urgentReason));
  if (d.message) blocks.push(heading(2, s.message), paragraph(d.message));
  if (d.kind !== 'cancellation') blocks.push(...agendaBlocks(s, d.agenda));
  blocks.push(action(d.audience === 'member' ? s.toMemberArea : s.toPortal, d.link, accentColour(ctx.tenant.primaryColor)), paragraph(s.calendarHint));
  const { html, text } = layout(ctx, s.title[d.kind], blocks);
  const calendar = meetingIcs({
    kind: d.kind,
    sequence: d.sequence,
    meeting: m,
    uidDomain: ics.uidDomain,
    organizer: ics.organizer,
    attendee: { name: ctx.recipient.name, email: ctx.recipient.email },
    url: d.link,
    description: [s.title[d.kind], m.organization, d.kind !== 'cancellation' && d.urgentReason ? `${s.urgentInvitation}: ${d.urgentReason}` : '', d.message ?? '', d.link].filter(Boolean).join('\n'),
  });
  return {
    subject,
    text,
    html,
    attachments: [
      {
        filename: 'einladung.ics',
        content: calendar.content,
        contentType: `text/calendar; charset=utf-8; method=${calendar.method}`,
      },
    ],
  };
}

export function renderMeetingReminder(d: ReminderData, ctx: MailContext): RenderedMail {
  const s = MAIL_STRINGS[ctx.locale];
  const m = d.meeting;
  const blocks: Block[] = [paragraph(s.greeting(ctx.recipient.name)), paragraph(s.intro.reminder(m.organization))];
  blocks.push(heading(2, m.name), meetingFacts(s, m, ctx.locale, false), ...agendaBlocks(s, d.agenda));
  blocks.push(action(d.audience === 'member' ? s.toMemberArea : s.toPortal, d.link, accentColour(ctx.tenant.primaryColor)));
  const { html, text } = layout(ctx, s.title.reminder, blocks);
  return { subject: oneLine(s.subject.reminder(m.name, shortWhen(m.start, ctx.locale))), text, html };
}

export function renderAbsenceNotice(d: AbsenceData, ctx: MailContext): RenderedMail {
  const s = MAIL_STRINGS[ctx.locale];
  const m = d.meeting;
  const blocks: Block[] = [
    paragraph(s.greeting(ctx.recipient.name)),
    paragraph(s.absence.body(d.absentName, m.name)),
    heading(2, m.name),
    meetingFacts(s, m, ctx.locale, false),
    paragraph(s.absence.deputy),
    action(s.toMemberArea, d.link, accentColour(ctx.tenant.primaryColor)),
  ];
  const { html, text } = layout(ctx, s.absence.title, blocks);
  return { subject: oneLine(s.absence.subject(d.absentName, m.name, shortWhen(m.start, ctx.locale))), text, html };
}

export function renderAccessGranted(d: AccessGrantedData, ctx: MailContext): RenderedMail {
  const s = MAIL_STRINGS[ctx.locale];
  const blocks: Block[] = [
    paragraph(s.greeting(ctx.recipient.name)),
    paragraph(s.access.body(ctx.tenant.name)),
    action(s.access.signIn, d.signInUrl, accentColour(ctx.tenant.primaryColor)),
    paragraph(s.access.ignore),
  ];
  const { html, text } = layout(ctx, s.access.title, blocks);
  return { subject: oneLine(s.access.subject(ctx.tenant.name)), text, html };
}
