import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalAgendaItem, PortalFile } from '@ratsinfo/contracts';
import { councilMeetingDetail } from '../../../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AgendaTable } from './agenda-table';

describe('AgendaTable', () => {
  it('lists the public agenda items in agenda order with number, subject and result', () => {
    TestBed.configureTestingModule({ imports: [AgendaTable, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AgendaTable);
    fixture.componentRef.setInput('items', councilMeetingDetail.agendaItems);
    fixture.componentRef.setInput('caption', 'Tagesordnung');
    fixture.componentRef.setInput('tenantSlug', 'burg');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    expect(Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual(['TOP', 'Betreff', 'Unterlagen', 'Ergebnis']);
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from((row as HTMLTableRowElement).cells).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['Ö 1', 'Eröffnung und Feststellung der Beschlussfähigkeit', '–keine Unterlagen', '–kein Ergebnis'],
      ['Ö 2', 'Haushaltssatzung 2026', '–keine Unterlagen', 'beschlossen'],
      ['Ö 3', 'Bebauungsplan Nr. 42 „Am Flickschuhpark“', '–keine Unterlagen', '–kein Ergebnis'],
    ]);
    // the dash is decorative; screen readers hear "kein Ergebnis"
    expect(element.querySelector('tbody [aria-hidden="true"]')?.textContent).toBe('–');
  });

  it('falls back to the order when an item has no number', () => {
    TestBed.configureTestingModule({ imports: [AgendaTable, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AgendaTable);
    fixture.componentRef.setInput('items', [{ id: 'x', order: 7, number: null, name: 'Anfragen', result: null, level: 1, urgent: false, paper: null, files: [] }]);
    fixture.componentRef.setInput('caption', 'Tagesordnung');
    fixture.componentRef.setInput('tenantSlug', 'burg');
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('tbody td')?.textContent?.trim()).toBe('7');
  });

  it("links an item's paper and lists its files to open and download, with type and size; marks urgent items", () => {
    TestBed.configureTestingModule({ imports: [AgendaTable, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AgendaTable);
    const file: PortalFile = {
      id: 'f1',
      name: 'Vorlage',
      fileName: 'BV-0012-2026.pdf',
      mimeType: 'application/pdf',
      size: 1_234_567,
      sha512Checksum: 'a'.repeat(128),
      modifiedAt: '2026-03-01T10:00:00Z',
      accessUrl: '/api/portal/burg/files/f1/content',
      downloadUrl: '/api/portal/burg/files/f1/content?download=1',
    };
    const items: PortalAgendaItem[] = [
      { id: 'i1', order: 1, number: 'Ö 1', name: 'Bebauungsplan Nr. 12', result: null, level: 1, urgent: true, paper: { id: 'p1', reference: 'BV/0012/2026', name: 'Bebauungsplan Nr. 12' }, files: [file] },
    ];
    fixture.componentRef.setInput('items', items);
    fixture.componentRef.setInput('caption', 'Tagesordnung');
    fixture.componentRef.setInput('tenantSlug', 'burg');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    const paper = element.querySelector('[data-paper-link] a');
    expect(paper?.getAttribute('href')).toBe('/burg/vorlagen/p1');
    expect(paper?.textContent?.trim()).toBe('BV/0012/2026 – Bebauungsplan Nr. 12');
    const links = Array.from(element.querySelectorAll('[data-file-id="f1"] a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/api/portal/burg/files/f1/content', '/api/portal/burg/files/f1/content?download=1']);
    expect(links[1]?.getAttribute('download')).toBe('BV-0012-2026.pdf');
    // every download link says which file it saves, for screen readers
    expect(links[1]?.textContent?.trim()).toBe('Herunterladen');
    expect(links[1]?.getAttribute('aria-label')).toBe('Herunterladen: Vorlage (PDF, 1,2 MB)');
    expect(element.querySelector('[data-file-id="f1"]')?.textContent).toContain('PDF, 1,2 MB');
    expect(element.querySelector('ul.ri-file-list')?.getAttribute('aria-label')).toBe('Dateien zu Ö 1');
    expect(element.querySelector('.kern-badge')?.textContent?.trim()).toBe('Dringlichkeit');
  });
});
