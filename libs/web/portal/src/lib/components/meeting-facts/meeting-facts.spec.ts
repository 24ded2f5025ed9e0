import { TestBed } from '@angular/core/testing';
import { MeetingSummaryDto } from '@ratsinfo/contracts';
import { cancelledMeeting, councilMeeting } from '../../../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { MeetingFacts } from './meeting-facts';

describe('MeetingFacts', () => {
  function facts(meeting: MeetingSummaryDto): Record<string, string> {
    TestBed.configureTestingModule({ imports: [MeetingFacts, translocoTesting()] });
    const fixture = TestBed.createComponent(MeetingFacts);
    fixture.componentRef.setInput('meeting', meeting);
    fixture.detectChanges();
    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('.kern-description-list-item'));
    return Object.fromEntries(
      items.map((item) => [item.querySelector('dt')?.textContent?.trim() ?? '', item.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim() ?? '']),
    );
  }

  it('lists body, long date, time range, location and state', () => {
    expect(facts(councilMeeting)).toEqual({
      Gremium: 'Stadtrat',
      Datum: 'Donnerstag, 12. März 2026',
      Uhrzeit: '17:00 bis 20:30 Uhr',
      Ort: 'Rathaus, Ratssaal, In der Alten Kaserne 2, 39288 Burg',
      Status: 'eingeladen',
    });
  });

  it('shows start and end with dates when the meeting ends on another day', () => {
    const result = facts({ ...councilMeeting, end: '2026-03-13T01:00:00+01:00' });
    expect(result['Beginn']).toBe('Do., 12.03.2026, 17:00 Uhr');
    expect(result['Ende']).toBe('Fr., 13.03.2026, 01:00 Uhr');
    expect(result['Uhrzeit']).toBeUndefined();
  });

  it('marks a cancelled meeting and an unknown location', () => {
    const result = facts(cancelledMeeting);
    expect(result['Status']).toBe('abgesagt');
    expect(result['Ort']).toBe('Ort noch nicht bekannt');
    expect(result['Uhrzeit']).toBe('16:30 Uhr');
  });
});
