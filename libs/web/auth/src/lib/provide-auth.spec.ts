import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes } from '@ratsinfo/contracts';
import { KEYCLOAK_EVENT_SIGNAL, KeycloakEventType } from 'keycloak-angular';
import Keycloak from 'keycloak-js';
import { firstValueFrom } from 'rxjs';
import { CLERK_USER, provideFakeAuth } from '../testing';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AUTH_SETTINGS } from './auth-settings';
import { AuthService } from './auth.service';
import { authBearerInterceptor, provideRatsinfoAuth } from './provide-auth';

describe('bearer token interceptor', () => {
  function setup(user: typeof CLERK_USER | null) {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideHttpClient(withInterceptors([authBearerInterceptor])), provideHttpClientTesting(), provideFakeAuth({ user })],
    });
    return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
  }

  it('adds the token to office, operator and "me" calls only', async () => {
    const { http, backend } = setup(CLERK_USER);
    await TestBed.inject(AuthService).whenReady();

    const office = firstValueFrom(http.get(ApiRoutes.officeSession('burg')));
    await new Promise((resolve) => setTimeout(resolve));
    const officeRequest = backend.expectOne(ApiRoutes.officeSession('burg'));
    expect(officeRequest.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
    officeRequest.flush({});
    await office;

    const mine = firstValueFrom(http.get(ApiRoutes.meAuthorities));
    await new Promise((resolve) => setTimeout(resolve));
    const mineRequest = backend.expectOne(ApiRoutes.meAuthorities);
    expect(mineRequest.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
    mineRequest.flush({ data: [] });
    await mine;

    const portal = firstValueFrom(http.get(ApiRoutes.portalTenants));
    const portalRequest = backend.expectOne(ApiRoutes.portalTenants);
    expect(portalRequest.request.headers.has('Authorization')).toBe(false);
    portalRequest.flush({ data: [] });
    await portal;
    backend.verify();
  });

  it('sends office calls without a token when signed out (the API answers 401)', async () => {
    const { http, backend } = setup(null);
    await TestBed.inject(AuthService).whenReady();
    const call = firstValueFrom(http.get(ApiRoutes.operatorTenants));
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.expectOne(ApiRoutes.operatorTenants);
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({ data: [] });
    await call;
  });
});

describe('provideRatsinfoAuth', () => {
  it('provides keycloak-angular for the resolved realm and the settings', () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRatsinfoAuth(
          { auth: { url: 'http://localhost:8080', realm: 'ratsinfo', clientId: 'ratsinfo-web' } },
          { href: 'http://localhost:4200/burg', localStorage: null, sessionStorage: null },
        ),
      ],
    });
    expect(TestBed.inject(AUTH_SETTINGS)?.activeRealm).toBe('ratsinfo');
    expect(TestBed.inject(Keycloak)).toBeInstanceOf(Keycloak);
    // wired to a Keycloak instance (without one keycloak-angular reports KeycloakAngularNotInitialized)
    expect(TestBed.inject(KEYCLOAK_EVENT_SIGNAL)().type).toBe(KeycloakEventType.KeycloakAngularInit);
    expect(TestBed.inject(AuthService).available).toBe(true);
  });

  it('without configuration provides no Keycloak and a harmless interceptor', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideRatsinfoAuth(null), provideHttpClient(withInterceptors([authBearerInterceptor])), provideHttpClientTesting()],
    });
    expect(TestBed.inject(AuthService).available).toBe(false);
    const call = firstValueFrom(TestBed.inject(HttpClient).get(ApiRoutes.officeSession('burg')));
    const request = TestBed.inject(HttpTestingController).expectOne(ApiRoutes.officeSession('burg'));
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await call;
  });
});
