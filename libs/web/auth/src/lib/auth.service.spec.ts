import { TestBed } from '@angular/core/testing';
import { FakeKeycloakInstances, OPERATOR_USER, CLERK_USER, fakeKeycloak, provideFakeAuth } from '../testing';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AUTH_STORAGE_KEYS } from './auth-settings';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  function setup(options: Parameters<typeof provideFakeAuth>[0] = {}) {
    TestBed.configureTestingModule({ imports: [translocoTesting()], providers: [provideFakeAuth(options)] });
    return TestBed.inject(AuthService);
  }

  it('is unavailable without configuration: the app runs signed out', async () => {
    TestBed.configureTestingModule({ imports: [translocoTesting()] });
    const auth = TestBed.inject(AuthService);
    expect(auth.available).toBe(false);
    expect(await auth.whenReady()).toBe('unavailable');
    expect(auth.user()).toBeNull();
    await auth.signIn(); // no-op
  });

  it('starts signed out without contacting the IdP (no onLoad) with PKCE S256', async () => {
    const auth = setup();
    expect(await auth.whenReady()).toBe('signed-out');
    expect(fakeKeycloak().initCalls).toEqual([
      expect.objectContaining({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment', scope: 'organization:*' }),
    ]);
    expect(fakeKeycloak().initCalls[0].onLoad).toBeUndefined();
  });

  it('reads the signed-in user and the realm roles from the token', async () => {
    const auth = setup({ user: CLERK_USER });
    expect(await auth.whenReady()).toBe('signed-in');
    expect(auth.user()).toEqual({
      name: 'Petra Schulz',
      username: 'burg-clerk',
      email: 'petra.schulz@burg.example',
      realm: 'ratsinfo',
      realmRoles: [],
    });
    expect(auth.isOperator()).toBe(false);
    expect(localStorage.getItem(AUTH_STORAGE_KEYS.realm)).toBe('ratsinfo');
  });

  it('recognises operators by the realm role operator (realm_access.roles)', async () => {
    const auth = setup({ user: OPERATOR_USER });
    await auth.whenReady();
    expect(auth.isOperator()).toBe(true);
  });

  it('follows Keycloak events (logout after a failed refresh)', async () => {
    const auth = setup({ user: CLERK_USER });
    await auth.whenReady();
    fakeKeycloak().clearToken();
    expect(auth.user()).toBeNull();
    expect(auth.status()).toBe('signed-out');
  });

  it('signs in with the shared realm and returns to the given page', async () => {
    const auth = setup();
    await auth.signIn({ returnUrl: '/burg/verwaltung' });
    expect(fakeKeycloak().loginCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg/verwaltung', locale: 'de' }]);
    expect(sessionStorage.getItem(AUTH_STORAGE_KEYS.pendingRealm)).toBe('ratsinfo');
  });

  it('signs in with a tenant’s own realm through a second Keycloak instance', async () => {
    const auth = setup();
    auth.setContextRealm('ratsinfo-genthin');
    expect(auth.loginRealm()).toBe('ratsinfo-genthin');
    await auth.signIn({ returnUrl: '/genthin/verwaltung' });
    const [other] = TestBed.inject(FakeKeycloakInstances).created;
    expect(other.config).toEqual({ url: 'http://idp.test', realm: 'ratsinfo-genthin', clientId: 'ratsinfo-web' });
    expect(other.initCalls[0]).toEqual(expect.objectContaining({ pkceMethod: 'S256' }));
    expect(other.loginCalls[0].redirectUri).toBe('http://localhost:3000/genthin/verwaltung');
    expect(fakeKeycloak().loginCalls).toEqual([]);
    expect(sessionStorage.getItem(AUTH_STORAGE_KEYS.pendingRealm)).toBe('ratsinfo-genthin');
  });

  it('never redirects to another host and drops fragments', async () => {
    const auth = setup();
    await auth.signIn({ returnUrl: 'https://evil.example/' });
    expect(fakeKeycloak().loginCalls[0].redirectUri?.startsWith('http://localhost:3000/')).toBe(true);
    await auth.signIn({ returnUrl: '/burg#top' });
    expect(fakeKeycloak().loginCalls[1].redirectUri).toBe('http://localhost:3000/burg');
  });

  it('signs out at the IdP and forgets the remembered realm', async () => {
    const auth = setup({ user: CLERK_USER });
    await auth.whenReady();
    await auth.signOut('/burg');
    expect(fakeKeycloak().logoutCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg' }]);
    expect(localStorage.getItem(AUTH_STORAGE_KEYS.realm)).toBeNull();
  });

  it('reports a failed return from the IdP as failed (no automatic redirect loop)', async () => {
    const auth = setup({ callback: true, init: 'error' });
    expect(await auth.whenReady()).toBe('failed');
  });

  it('goes on signed out when the IdP does not answer in time', async () => {
    const auth = setup({ init: 'never' });
    expect(await auth.whenReady()).toBe('signed-out');
  });
});
