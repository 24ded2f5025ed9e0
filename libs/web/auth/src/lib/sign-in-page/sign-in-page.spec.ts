import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { fakeKeycloak, provideFakeAuth } from '../../testing';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AuthService } from '../auth.service';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  async function render(options: Parameters<typeof provideFakeAuth>[0] | 'unavailable', ziel = '/burg/verwaltung') {
    TestBed.configureTestingModule({
      imports: [SignInPage, translocoTesting()],
      providers: [provideRouter([]), ...(options === 'unavailable' ? [] : [provideFakeAuth(options)])],
    });
    await TestBed.inject(AuthService).whenReady();
    const fixture = TestBed.createComponent(SignInPage);
    fixture.componentRef.setInput('ziel', ziel);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('explains that sign-in is unavailable', async () => {
    const element = await render('unavailable');
    expect(element.querySelector('h1')?.textContent).toBe('Anmeldung derzeit nicht möglich');
  });

  it('offers to sign in again after a failed attempt, back to the target', async () => {
    const element = await render({ callback: true, init: 'error' });
    expect(element.querySelector('h1')?.textContent).toBe('Anmeldung fehlgeschlagen');
    (element.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().loginCalls[0].redirectUri).toBe('http://localhost:3000/burg/verwaltung');
  });

  it('ignores targets outside the app', async () => {
    const element = await render({}, 'https://evil.example/');
    expect(element.querySelector('h1')?.textContent).toBe('Anmeldung erforderlich');
    (element.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().loginCalls[0].redirectUri).toBe('http://localhost:3000/');
  });
});
