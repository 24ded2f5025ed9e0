import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PortalPaperResolution } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { PaperResolutions } from './paper-resolutions';

const resolution = (status: PortalPaperResolution['status'], overrides: Partial<PortalPaperResolution> = {}): PortalPaperResolution => ({
  meeting: { id: 'm1', name: '12. Sitzung des Stadtrates', start: '2026-03-12T17:00:00+01:00' },
  agendaItemNumber: 'Ö 5',
  status,
  resolutionText: 'Der Stadtrat beschließt den Bebauungsplan Nr. 12.\nDie Verwaltung wird beauftragt.',
  ...overrides,
});

describe('PaperResolutions', () => {
  function render(resolutions: PortalPaperResolution[]): HTMLElement {
    TestBed.configureTestingModule({ imports: [PaperResolutions, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(PaperResolutions);
    fixture.componentRef.setInput('resolutions', resolutions);
    fixture.componentRef.setInput('tenantSlug', 'burg');
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('names meeting, date and item, says the status in words with a badge, and quotes the decision', () => {
    const el = render([resolution('open'), resolution('in_progress', { agendaItemNumber: null, meeting: { id: 'm2', name: 'Bauausschuss', start: '2026-04-01T17:00:00+02:00' } }), resolution('done', { resolutionText: null })]);
    const items = Array.from(el.querySelectorAll('[data-resolution]'));
    expect(items.map((i) => text(i.querySelector('h3')))).toEqual(['12. Sitzung des Stadtrates, Do., 12.03.2026, TOP Ö 5', 'Bauausschuss, Mi., 01.04.2026', '12. Sitzung des Stadtrates, Do., 12.03.2026, TOP Ö 5']);
    expect(items.map((i) => text(i.querySelector('.ri-resolutions__status')))).toEqual([
      'Stand der Umsetzung: offen',
      'Stand der Umsetzung: in Umsetzung',
      'Stand der Umsetzung: umgesetzt',
    ]);
    // colour is never the only carrier: each badge has its words and a distinct variant
    expect(items.map((i) => i.querySelector('.kern-badge')?.className)).toEqual([
      expect.stringContaining('kern-badge--info'),
      expect.stringContaining('kern-badge--warning'),
      expect.stringContaining('kern-badge--success'),
    ]);
    expect(items[0]?.querySelector('blockquote')?.textContent).toContain('Die Verwaltung wird beauftragt.');
    expect(items[2]?.querySelector('blockquote')).toBeNull();
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('/burg/sitzungen/m1');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-12T17:00:00+01:00');
  });
});
