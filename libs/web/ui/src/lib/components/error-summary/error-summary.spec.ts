import { Component, DOCUMENT, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../../testing/i18n-testing';
import { ErrorSummary, FormErrorItem } from './error-summary';

@Component({
  imports: [ErrorSummary],
  template: `
    <ri-error-summary [errors]="errors()" heading="Bitte korrigieren" [focusKey]="focusKey()" />
    <input id="name" />
    <input id="ags" />
  `,
})
class Host {
  readonly errors = signal<FormErrorItem[]>([]);
  readonly focusKey = signal(0);
}

describe('ErrorSummary', () => {
  function render() {
    TestBed.configureTestingModule({ imports: [Host, translocoTesting()] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, document: TestBed.inject(DOCUMENT) };
  }

  it('renders nothing without errors', () => {
    const { element } = render();
    expect(element.querySelector('[data-error-summary]')).toBeNull();
  });

  it('lists every invalid field as a link that focuses the field', () => {
    const { fixture, element, document } = render();
    fixture.componentInstance.errors.set([
      { fieldId: 'name', messageKey: 'roles.member' },
      { fieldId: 'ags', messageKey: 'roles.clerk' },
    ]);
    fixture.detectChanges();
    const box = element.querySelector('[data-error-summary]') as HTMLElement;
    expect(box.classList).toContain('kern-alert--danger');
    expect(box.querySelector('h2')?.textContent).toBe('Bitte korrigieren');
    const links = Array.from(box.querySelectorAll('a'));
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Mitglied', '#name'],
      ['Sachbearbeitung', '#ags'],
    ]);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    links[1].dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('ags');
  });

  it('takes the focus once per failed submit (focusKey), not on every change', async () => {
    const { fixture, element, document } = render();
    fixture.componentInstance.errors.set([{ fieldId: 'name', messageKey: 'roles.member' }]);
    fixture.componentInstance.focusKey.set(1);
    fixture.detectChanges();
    await fixture.whenStable();
    const box = element.querySelector('[data-error-summary]');
    expect(document.activeElement).toBe(box);

    (element.querySelector('#ags') as HTMLElement).focus();
    fixture.componentInstance.errors.set([{ fieldId: 'ags', messageKey: 'roles.clerk' }]);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.activeElement?.id).toBe('ags');
  });
});
