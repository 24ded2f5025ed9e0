import { TestBed } from '@angular/core/testing';
import type { PortalAgendaItem, PortalMeetingDetail } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { councilMeetingDetail } from '../../../testing/fixtures';
import { MeetingResults } from './meeting-results';

const item = (order: number, name: string, extra: Partial<PortalAgendaItem> = {}): PortalAgendaItem => ({
  id: `item-${order}`, order, number: `Ö ${order}`, name, result: null, level: 1, urgent: false, paper: null, files: [],
  resultKind: null, votes: null, namedVotes: [], conflictsOfInterest: [], ...extra,
});

const held: PortalMeetingDetail = {
  ...councilMeetingDetail,
  meetingState: 'minutes_approved',
  agendaItems: [
    item(1, 'Eröffnung'),
    item(2, 'Neubau der Kindertagesstätte', { result: 'mehrheitlich beschlossen', resultKind: 'accepted', votes: { mode: 'counted', yes: 12, no: 3, abstain: 1 } }),
    item(3, 'Straßenausbau Mühlenweg', {
      result: 'abgelehnt', resultKind: 'rejected', votes: { mode: 'named', yes: 1, no: 2, abstain: 0 },
      namedVotes: [
        { person: { id: 'p1', name: 'Dr. Anna Albrecht' }, vote: 'yes' },
        { person: { id: 'p2', name: 'Bernd Berger' }, vote: 'no' },
        { person: { id: 'p3', name: 'Clara Cramer' }, vote: 'no' },
      ],
      conflictsOfInterest: [{ id: 'p7', name: 'Gustav Graf' }],
    }),
    item(4, 'Bericht des Bürgermeisters', { result: 'zur Kenntnis genommen', resultKind: 'taken_note' }),
  ],
  attendance: [
    { person: { id: 'p1', name: 'Dr. Anna Albrecht' }, status: 'present', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
    { person: { id: 'p2', name: 'Bernd Berger' }, status: 'present', role: 'member', deputyFor: null, arrivedAt: '2026-03-12T16:25:00Z', leftAt: null },
    { person: { id: 'p5', name: 'Emil Ebert' }, status: 'excused', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
    { person: { id: 'p6', name: 'Frieda Fuchs' }, status: 'absent', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
    { person: { id: 'p3', name: 'Clara Cramer' }, status: 'present', role: 'deputy', deputyFor: { id: 'p5', name: 'Emil Ebert' }, arrivedAt: null, leftAt: '2026-03-12T18:40:00Z' },
    { person: { id: 'p4', name: 'Dora Dietrich' }, status: 'present', role: 'guest', deputyFor: null, arrivedAt: null, leftAt: null },
  ],
};

function render(meeting: PortalMeetingDetail): HTMLElement {
  TestBed.configureTestingModule({ imports: [MeetingResults, translocoTesting()] });
  const fixture = TestBed.createComponent(MeetingResults);
  fixture.componentRef.setInput('meeting', meeting);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();

describe('MeetingResults', () => {
  it('shows per decided public item the result in words and kind, the counted votes, a named vote as a table, and who declared a conflict', () => {
    const element = render(held);
    expect(text(element.querySelector('#meeting-results-heading'))).toBe('Ergebnisse');
    const articles = Array.from(element.querySelectorAll('article'));
    expect(articles.map((a) => text(a.querySelector('h3')))).toEqual(['Ö 2 Neubau der Kindertagesstätte', 'Ö 3 Straßenausbau Mühlenweg', 'Ö 4 Bericht des Bürgermeisters']);
    expect(text(articles[0]?.querySelector('[data-result]'))).toBe('mehrheitlich beschlossen Angenommen');
    expect(text(articles[0]?.querySelector('[data-votes]'))).toBe('12 Ja, 3 Nein, 1 Enthaltung');
    expect(text(articles[1]?.querySelector('[data-votes]'))).toBe('1 Ja, 2 Nein, 0 Enthaltungen (namentliche Abstimmung)');
    expect(articles[0]?.querySelector('[data-result-kind]')?.getAttribute('data-result-kind')).toBe('accepted');
    expect(text(articles[1]?.querySelector('[data-result]'))).toBe('abgelehnt');
    expect(text(articles[1]?.querySelector('details summary'))).toBe('Namentliche Abstimmung zu Ö 3 anzeigen (3 Stimmen)');
    const table = articles[1]?.querySelector('details table[data-named-votes]');
    expect(text(table?.querySelector('caption'))).toBe('Namentliche Abstimmung zu Ö 3');
    expect(Array.from(table?.querySelectorAll('thead th') ?? []).map(text)).toEqual(['Name', 'Stimme']);
    expect(Array.from(table?.querySelectorAll('tbody tr') ?? []).map((r) => [text(r.querySelector('th')), text(r.querySelector('td'))])).toEqual([
      ['Dr. Anna Albrecht', 'Ja'], ['Bernd Berger', 'Nein'], ['Clara Cramer', 'Nein'],
    ]);
    expect(table?.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
    expect(text(articles[1]?.querySelector('[data-conflict]'))).toBe('Gustav Graf hat wegen Befangenheit nicht mitgewirkt.');
    // "zur Kenntnis genommen" says its kind already: no badge repeating it
    expect(text(articles[2]?.querySelector('[data-result]'))).toBe('zur Kenntnis genommen');
    expect(articles[2]?.querySelector('[data-result-kind]')).toBeNull();
    expect(articles[2]?.querySelector('[data-votes]')).toBeNull();
    expect(articles[2]?.querySelector('table')).toBeNull();
  });

  it('lists the attendance by status, with deputies, guests, late arrival and early leaving (Berlin time)', () => {
    const element = render(held);
    const section = element.querySelector('[data-meeting-attendance]');
    expect(Array.from(section?.querySelectorAll('h3') ?? []).map(text)).toEqual(['Anwesend (4)', 'Entschuldigt (1)', 'Abwesend (1)']);
    expect(Array.from(section?.querySelectorAll('[data-attendance="present"] li') ?? []).map(text)).toEqual([
      'Dr. Anna Albrecht', 'Bernd Berger (ab 17:25 Uhr)', 'Clara Cramer (Vertretung für Emil Ebert, bis 19:40 Uhr)', 'Dora Dietrich (Gast)',
    ]);
    expect(Array.from(section?.querySelectorAll('[data-attendance="excused"] li') ?? []).map(text)).toEqual(['Emil Ebert']);
    expect(Array.from(section?.querySelectorAll('[data-attendance="absent"] li') ?? []).map(text)).toEqual(['Frieda Fuchs']);
    // each list is named by its heading
    expect(section?.querySelector('ul')?.getAttribute('aria-labelledby')).toBe('meeting-attendance-present');
  });

  it('renders nothing for a meeting that has not been held (no attendance in the answer)', () => {
    const element = render({ ...councilMeetingDetail, meetingState: 'invited' });
    expect(element.querySelector('section')).toBeNull();
    expect(text(element)).toBe('');
  });

  it('says so when a held meeting has no recorded results or attendance', () => {
    const element = render({ ...held, agendaItems: [item(1, 'Eröffnung')], attendance: [] });
    expect(text(element.querySelector('[data-meeting-results] p'))).toBe('Zu den öffentlichen Tagesordnungspunkten sind keine Ergebnisse erfasst.');
    expect(text(element.querySelector('[data-meeting-attendance] p'))).toBe('Es ist keine Anwesenheit erfasst.');
  });
});
