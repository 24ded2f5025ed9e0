import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService, officeLink } from '@ratsinfo/web-auth';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import type { TenantSummary } from '@ratsinfo/contracts';
import { catchError, firstValueFrom, map, of } from 'rxjs';
import { OfficeState } from './office-context';

interface TenantLookup {
  summary: TenantSummary | null;
  error: unknown;
}

/**
 * Back office of `/:tenant/verwaltung`: the user must be signed in with the authority's login
 * realm (`TenantSummary.loginRealm`: the shared realm, or the authority's own). Signed out, or
 * signed in with another realm, the guard sends them to the identity provider and back to the
 * requested page. When sign-in is unavailable or the last attempt failed it shows the sign-in page
 * instead (no redirect loop). Whether the user has a role in the authority is the API's answer
 * to the session request (403: the layout's "Keine Berechtigung für diese Kommune").
 */
export const officeAccessGuard: CanActivateFn = async (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const portal = inject(PortalApi);
  const officeState = inject(OfficeState);
  const slug = route.paramMap.get('tenant') ?? '';

  const [status, { summary, error }] = await Promise.all([
    auth.whenReady(),
    firstValueFrom(
      portal.getTenant(slug).pipe(
        map((found): TenantLookup => ({ summary: found, error: null })),
        catchError((failure: unknown) => of<TenantLookup>({ summary: null, error: failure })),
      ),
    ),
  ]);
  if (isApiError(error) && (error.kind === 'tenant-not-found' || error.kind === 'tenant-suspended')) {
    // the public portal says "Kommune nicht gefunden" / "vorübergehend nicht verfügbar"
    return router.createUrlTree(['/', slug]);
  }
  officeState.tenant.set(summary);
  const realm = summary?.loginRealm ?? auth.sharedRealm;
  auth.setContextRealm(realm);

  if (auth.isSignedInTo(realm)) return true;
  if (status === 'signed-in' || status === 'signed-out') {
    await auth.signIn({ realm, returnUrl: state.url });
    return false;
  }
  return router.createUrlTree(officeLink(slug, 'anmeldung'), { queryParams: { ziel: state.url } });
};
