import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ProblemType } from '@ratsinfo/contracts';
import { ApiError } from '@ratsinfo/web-data-access';
import { fakeKeycloak, provideFakeAuth } from '../../testing';
import { de, en, text, translocoTesting } from '@ratsinfo/web-ui/testing';
import { ACCESS_ERROR_KEYS, AccessError } from './access-error';

describe('AccessError', () => {
  function render(error: unknown, overrides = {}) {
    TestBed.configureTestingModule({ imports: [AccessError, translocoTesting()], providers: [provideRouter([]), provideFakeAuth()] });
    const fixture = TestBed.createComponent(AccessError);
    fixture.componentRef.setInput('error', error);
    fixture.componentRef.setInput('headingLevel', 1);
    fixture.componentRef.setInput('overrides', overrides);
    fixture.componentRef.setInput('params', { tenant: 'Stadt Burg', user: 'Petra Schulz' });
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('offers to sign in again after an expired sign-in (401)', async () => {
    const { element } = render(new ApiError('unauthorized', 401));
    expect(element.querySelector('h1')?.textContent).toBe('Ihre Anmeldung ist abgelaufen');
    (element.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().loginCalls).toHaveLength(1);
  });

  it('uses the page’s words for a missing permission (403)', () => {
    const { element } = render(new ApiError('forbidden', 403), { forbidden: { title: 'office.forbidden.title', text: 'office.forbidden.text' } });
    expect(element.querySelector('h1')?.textContent).toBe('Keine Berechtigung für diese Kommune');
    expect(element.textContent).toContain('Sie sind als Petra Schulz angemeldet, haben in Stadt Burg aber keine Rolle');
    expect(element.querySelector('button')).toBeNull();
  });

  it('shows the API’s explanation of a conflict', () => {
    const { element } = render(new ApiError('conflict', 409, { type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'Export first.' }));
    expect(element.querySelector('[data-problem-detail]')?.textContent).toBe('Export first.');
  });

  it('offers to try again after a connection problem and emits retry', () => {
    const { fixture, element } = render(new ApiError('network', 0));
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    const button = element.querySelector('button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Erneut versuchen');
    button.click();
    expect(retried).toBe(1);
  });

  it.each(Object.values(ACCESS_ERROR_KEYS).flatMap((keys) => [keys.title, keys.text]))('%s exists in both languages', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });
});
