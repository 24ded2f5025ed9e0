import { TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../../testing/i18n-testing';
import { LanguageService } from '../../i18n/language.service';
import { DateTime, DateTimeDisplay } from './date-time';

describe('DateTime', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [DateTime, translocoTesting()] }));

  function render(value: string, display: DateTimeDisplay, end: string | null = null) {
    const fixture = TestBed.createComponent(DateTime);
    fixture.componentRef.setInput('value', value);
    fixture.componentRef.setInput('display', display);
    fixture.componentRef.setInput('end', end);
    fixture.detectChanges();
    return fixture;
  }

  const text = (fixture: { nativeElement: HTMLElement }) => fixture.nativeElement.textContent?.replace(/\s+/g, ' ').trim();

  it('renders a <time> element with the machine-readable timestamp', () => {
    const fixture = render('2026-03-02T17:00:00+01:00', 'dateTime');
    expect(fixture.nativeElement.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-02T17:00:00+01:00');
    expect(text(fixture)).toBe('Mo., 02.03.2026, 17:00 Uhr');
  });

  it('renders time ranges in German', () => {
    expect(text(render('2026-03-02T17:00:00+01:00', 'timeRange', '2026-03-02T19:30:00+01:00'))).toBe('17:00 bis 19:30 Uhr');
    expect(text(render('2026-03-02T17:00:00+01:00', 'timeRange'))).toBe('17:00 Uhr');
  });

  it('follows the active language', () => {
    const fixture = render('2026-03-02T16:00:00Z', 'dateTime');
    TestBed.inject(LanguageService).use('en');
    fixture.detectChanges();
    expect(text(fixture)).toBe('Mon, 2 Mar 2026, 17:00');
  });
});
