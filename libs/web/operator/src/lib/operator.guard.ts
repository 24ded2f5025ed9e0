import { EnvironmentInjector, inject, runInInjectionContext } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { OPERATOR_ROLE } from '@ratsinfo/contracts';
import { AuthService, operatorLink } from '@ratsinfo/web-auth';
import { createAuthGuard } from 'keycloak-angular';
import { firstValueFrom, isObservable } from 'rxjs';

/** keycloak-angular's guard on the token's realm roles (`realm_access.roles`): the `operator` role. */
const hasOperatorRole = createAuthGuard<CanActivateFn>(async (_route, _state, { authenticated, grantedRoles }) => {
  if (authenticated && grantedRoles.realmRoles.includes(OPERATOR_ROLE)) return true;
  return inject(Router).createUrlTree(operatorLink('keine-berechtigung'));
});

/**
 * Operator console `/betrieb`: signed in with the shared realm (else off to the identity
 * provider and back) and holding the realm role `operator` (else "Keine Berechtigung"). When
 * sign-in is unavailable or the last attempt failed, the sign-in page explains it instead.
 */
export const operatorGuard: CanActivateFn = async (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const injector = inject(EnvironmentInjector);
  auth.setContextRealm(null);
  const status = await auth.whenReady();
  if (!auth.isSignedInTo(auth.sharedRealm)) {
    if (status === 'signed-in' || status === 'signed-out') {
      await auth.signIn({ realm: auth.sharedRealm, returnUrl: state.url });
      return false;
    }
    return router.createUrlTree(operatorLink('anmeldung'), { queryParams: { ziel: state.url } });
  }
  const result = runInInjectionContext(injector, () => hasOperatorRole(route, state));
  return isObservable(result) ? firstValueFrom(result) : result;
};
