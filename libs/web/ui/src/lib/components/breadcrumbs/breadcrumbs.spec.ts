import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { translocoTesting } from '../../../testing/i18n-testing';
import { Breadcrumbs } from './breadcrumbs';

describe('Breadcrumbs', () => {
  it('links the trail and marks the last item as the current page', () => {
    TestBed.configureTestingModule({ imports: [Breadcrumbs, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Breadcrumbs);
    fixture.componentRef.setInput('items', [
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: 'Stadt Burg', link: ['/', 'burg'] },
      { label: '12. Sitzung des Stadtrates' },
    ]);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Sie sind hier');
    const links = Array.from(element.querySelectorAll('a'));
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Kommunen', '/'],
      ['Stadt Burg', '/burg'],
    ]);
    const current = element.querySelector('[aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('12. Sitzung des Stadtrates');
  });
});
