import { Global, Module } from '@nestjs/common';
import { IDENTITY_PROVISIONER } from './identity-provisioner';
import { KeycloakProvisioner } from './keycloak-provisioner';

/** Provides the IdentityProvisioner port (Keycloak admin API) to onboarding and the back office. */
@Global()
@Module({
  providers: [{ provide: IDENTITY_PROVISIONER, useClass: KeycloakProvisioner }],
  exports: [IDENTITY_PROVISIONER],
})
export class IdentityModule {}
