import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiError as ApiFailure } from '@ratsinfo/web-data-access';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { ApiError } from './api-error';

describe('ApiError', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [ApiError, translocoTesting()], providers: [provideRouter([])] }));

  function render(error: unknown, headingLevel: 1 | 2 | 3 = 2) {
    const fixture = TestBed.createComponent(ApiError);
    fixture.componentRef.setInput('error', error);
    fixture.componentRef.setInput('headingLevel', headingLevel);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('says that the authority does not exist (404), as the page heading, with a way back', () => {
    const { element } = render(new ApiFailure('tenant-not-found', 404), 1);
    expect(element.querySelector('h1')?.textContent).toBe('Kommune nicht gefunden');
    expect(element.querySelector('.kern-alert')?.classList).toContain('kern-alert--danger');
    expect(element.querySelector('a')?.getAttribute('href')).toBe('/');
    expect(element.querySelector('button')).toBeNull();
  });

  it('says that the authority is suspended (410) as a warning', () => {
    const { element } = render(new ApiFailure('tenant-suspended', 410), 1);
    expect(element.querySelector('h1')?.textContent).toBe('Ratsinformationssystem vorübergehend nicht verfügbar');
    expect(element.querySelector('.kern-alert')?.classList).toContain('kern-alert--warning');
    expect(element.textContent).toContain('derzeit außer Betrieb');
  });

  it('offers to try again after a connection problem and emits retry', () => {
    const { fixture, element } = render(new ApiFailure('network', 0), 3);
    expect(element.querySelector('h3')?.textContent).toBe('Keine Verbindung zum Server');
    expect(element.querySelector('[role="alert"]')).not.toBeNull();
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    (element.querySelector('button') as HTMLButtonElement).click();
    expect(retried).toBe(1);
  });

  it('treats unknown errors as a server error', () => {
    const { element } = render(new Error('boom'));
    expect(element.querySelector('h2')?.textContent).toBe('Die Daten konnten nicht geladen werden');
  });

  it('applies overrides for a kind', () => {
    const fixture = TestBed.createComponent(ApiError);
    fixture.componentRef.setInput('error', new ApiFailure('not-found', 404));
    fixture.componentRef.setInput('overrides', { 'not-found': { title: 'errors.meetingNotFound.title', text: 'errors.meetingNotFound.text' } });
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('h2')?.textContent).toBe('Sitzung nicht gefunden');
  });
});
