import { TestBed } from '@angular/core/testing';
import { councilMeetingDetail } from '../../../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AgendaTable } from './agenda-table';

describe('AgendaTable', () => {
  it('lists the public agenda items in agenda order with number, subject and result', () => {
    TestBed.configureTestingModule({ imports: [AgendaTable, translocoTesting()] });
    const fixture = TestBed.createComponent(AgendaTable);
    fixture.componentRef.setInput('items', councilMeetingDetail.agendaItems);
    fixture.componentRef.setInput('caption', 'Tagesordnung');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    expect(Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual(['TOP', 'Betreff', 'Ergebnis']);
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from((row as HTMLTableRowElement).cells).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['Ö 1', 'Eröffnung und Feststellung der Beschlussfähigkeit', '–kein Ergebnis'],
      ['Ö 2', 'Haushaltssatzung 2026', 'beschlossen'],
      ['Ö 3', 'Bebauungsplan Nr. 42 „Am Flickschuhpark“', '–kein Ergebnis'],
    ]);
    // the dash is decorative; screen readers hear "kein Ergebnis"
    expect(element.querySelector('tbody [aria-hidden="true"]')?.textContent).toBe('–');
  });

  it('falls back to the order when an item has no number', () => {
    TestBed.configureTestingModule({ imports: [AgendaTable, translocoTesting()] });
    const fixture = TestBed.createComponent(AgendaTable);
    fixture.componentRef.setInput('items', [{ id: 'x', order: 7, number: null, name: 'Anfragen', result: null }]);
    fixture.componentRef.setInput('caption', 'Tagesordnung');
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('tbody td')?.textContent?.trim()).toBe('7');
  });
});
