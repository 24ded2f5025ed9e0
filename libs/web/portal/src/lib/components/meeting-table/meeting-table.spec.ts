import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MeetingSummaryDto } from '@ratsinfo/contracts';
import { LanguageService } from '@ratsinfo/web-ui';
import { cancelledMeeting, councilMeeting } from '../../../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { MeetingTable } from './meeting-table';

describe('MeetingTable', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [MeetingTable, translocoTesting()], providers: [provideRouter([])] }));

  function render(meetings: MeetingSummaryDto[]) {
    const fixture = TestBed.createComponent(MeetingTable);
    fixture.componentRef.setInput('meetings', meetings);
    fixture.componentRef.setInput('tenantSlug', 'burg');
    fixture.componentRef.setInput('caption', 'Anstehende Sitzungen');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(element.querySelectorAll('tbody tr')) as HTMLTableRowElement[];
    const cells = (row: HTMLTableRowElement) => Array.from(row.cells).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    return { fixture, element, rows, cells };
  }

  it('renders a captioned table with column headers', () => {
    const { element } = render([councilMeeting]);
    expect(element.querySelector('caption')?.textContent).toBe('Anstehende Sitzungen');
    const headers = Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Datum und Uhrzeit', 'Sitzung', 'Gremium', 'Ort', 'Status']);
    expect(Array.from(element.querySelectorAll('thead th')).every((th) => th.getAttribute('scope') === 'col')).toBe(true);
  });

  it('shows date and time in German format (Europe/Berlin), meeting, body, location and state', () => {
    const { rows, cells } = render([councilMeeting]);
    expect(rows).toHaveLength(1);
    expect(cells(rows[0])).toEqual([
      'Do., 12.03.2026, 17:00 Uhr',
      '12. Sitzung des Stadtrates',
      'Stadtrat',
      'Rathaus, Ratssaal, In der Alten Kaserne 2, 39288 Burg',
      'eingeladen',
    ]);
    expect(rows[0].querySelector('time')?.getAttribute('datetime')).toBe(councilMeeting.start);
  });

  it('links each meeting to its page under the tenant', () => {
    const { rows } = render([councilMeeting]);
    const link = rows[0].querySelector('a');
    expect(link?.getAttribute('href')).toBe(`/burg/sitzungen/${councilMeeting.id}`);
    expect(link?.textContent?.trim()).toBe('12. Sitzung des Stadtrates');
  });

  it('marks cancelled meetings as "abgesagt" in words, not only visually', () => {
    const { rows, cells } = render([councilMeeting, cancelledMeeting]);
    expect(rows[0].querySelector('[data-cancelled]')).toBeNull();
    expect(rows[0].classList).not.toContain('ri-meeting--cancelled');

    const badge = rows[1].querySelector('[data-cancelled]');
    expect(badge?.textContent?.trim()).toBe('abgesagt');
    expect(badge?.classList).toContain('kern-badge--danger');
    expect(rows[1].classList).toContain('ri-meeting--cancelled');
    expect(cells(rows[1])[4]).toBe('abgesagt');
    expect(cells(rows[1])[3]).toBe('Ort noch nicht bekannt');
  });

  it('switches texts and date format with the language', () => {
    const { fixture, element, rows, cells } = render([cancelledMeeting]);
    TestBed.inject(LanguageService).use('en');
    fixture.detectChanges();
    expect(element.querySelector('thead th')?.textContent?.trim()).toBe('Date and time');
    expect(cells(rows[0])[0]).toBe('Thu, 19 Mar 2026, 16:30');
    expect(cells(rows[0])[4]).toBe('cancelled');
  });
});
