import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiRoutes, type MyAuthorityDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { CLERK_USER, FakeAuthOptions, provideFakeAuth } from '../../testing';
import { AuthService } from '../auth.service';
import { AuthoritySwitcher } from './authority-switcher';
import { MyAuthorities } from './my-authorities';

const county: MyAuthorityDto = { slug: 'landkreis-jerichower-land', name: 'Landkreis Jerichower Land', kind: 'county', roles: ['member'] };
const burg: MyAuthorityDto = { slug: 'burg', name: 'Stadt Burg', kind: 'town', roles: ['member'] };

async function settle(fixture: { detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }
}

describe('AuthoritySwitcher', () => {
  async function render(auth: FakeAuthOptions, url = '/burg') {
    TestBed.configureTestingModule({
      imports: [AuthoritySwitcher, translocoTesting()],
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpClient(), provideHttpClientTesting(), provideFakeAuth(auth)],
    });
    await TestBed.inject(Router).navigateByUrl(url);
    await TestBed.inject(AuthService).whenReady();
    const fixture = TestBed.createComponent(AuthoritySwitcher);
    await settle(fixture);
    return { fixture, http: TestBed.inject(HttpTestingController), element: fixture.nativeElement as HTMLElement };
  }


  it('lists the authorities with a role, the current one marked, each leading to its back office', async () => {
    const { fixture, http, element } = await render({ user: CLERK_USER });
    http.expectOne(ApiRoutes.meAuthorities).flush({ data: [county, burg] });
    await settle(fixture);
    expect(element.querySelector('[data-switcher-label]')?.textContent?.trim()).toBe('Meine Kommunen (2)');
    const links = Array.from(element.querySelectorAll('nav a')) as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href'), a.getAttribute('aria-current')])).toEqual([
      ['Landkreis Jerichower Land', '/landkreis-jerichower-land/verwaltung', null],
      ['Stadt Burg', '/burg/verwaltung', 'true'],
    ]);
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Meine Kommunen: Verwaltungsbereich wechseln');
    expect(TestBed.inject(MyAuthorities).hasRoleIn('burg')).toBe(true);
    expect(TestBed.inject(MyAuthorities).hasRoleIn('genthin')).toBe(false);
    http.verify();
  });

  it('shows nothing and asks nothing when signed out', async () => {
    const { http, element } = await render({ user: null });
    http.expectNone(ApiRoutes.meAuthorities);
    expect(element.querySelector('[data-authority-switcher]')).toBeNull();
  });

  it('shows nothing for a signed-in person without any role (e.g. an operator)', async () => {
    const { fixture, http, element } = await render({ user: CLERK_USER });
    http.expectOne(ApiRoutes.meAuthorities).flush({ data: [] });
    await settle(fixture);
    expect(element.querySelector('[data-authority-switcher]')).toBeNull();
  });
});
