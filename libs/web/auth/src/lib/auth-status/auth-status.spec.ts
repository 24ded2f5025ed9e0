import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { CLERK_USER, OPERATOR_USER, fakeKeycloak, provideFakeAuth } from '../../testing';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AuthService } from '../auth.service';
import { AuthStatus } from './auth-status';

describe('AuthStatus (header)', () => {
  async function render(options: Parameters<typeof provideFakeAuth>[0] | 'unavailable') {
    TestBed.configureTestingModule({
      imports: [AuthStatus, translocoTesting()],
      providers: [provideRouter([]), ...(options === 'unavailable' ? [] : [provideFakeAuth(options)])],
    });
    await TestBed.inject(AuthService).whenReady();
    const fixture = TestBed.createComponent(AuthStatus);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('offers "Anmelden" when signed out and returns to the current page', async () => {
    const { element } = await render({});
    await TestBed.inject(Router).navigateByUrl('/');
    const button = element.querySelector('button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Anmelden');
    button.click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().loginCalls).toEqual([{ redirectUri: 'http://localhost:3000/', locale: 'de' }]);
  });

  it('returns to the address in the browser bar when clicked before the first navigation has finished', async () => {
    const { element } = await render({});
    // The router has not navigated yet (router.url is still '/'), but the browser shows /burg.
    TestBed.inject(Location).go('/burg');
    expect(TestBed.inject(Router).url).toBe('/');
    (element.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().loginCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg', locale: 'de' }]);
  });

  it('shows the signed-in name and "Abmelden"', async () => {
    const { element } = await render({ user: CLERK_USER });
    expect(element.textContent).toContain('Angemeldet als');
    expect(element.querySelector('[data-user-name]')?.textContent).toBe('Petra Schulz');
    expect(element.querySelector('a')).toBeNull();
    const button = element.querySelector('button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Abmelden');
    button.click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(fakeKeycloak().logoutCalls).toHaveLength(1);
  });

  it('links operators to the operator console', async () => {
    const { element } = await render({ user: OPERATOR_USER });
    const link = element.querySelector('a');
    expect(link?.textContent?.trim()).toBe('Betrieb');
    expect(link?.getAttribute('href')).toBe('/betrieb');
  });

  it('shows nothing when sign-in is not available', async () => {
    const { element } = await render('unavailable');
    expect(element.textContent?.trim()).toBe('');
  });
});
