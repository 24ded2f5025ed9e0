import { Module } from '@nestjs/common';
import { IDENTITY_PROVISIONER } from './identity-provisioner';
import { KeycloakProvisioner } from './keycloak-provisioner';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';

@Module({
  controllers: [OperatorController],
  providers: [OperatorTenantsService, TenantExporter, { provide: IDENTITY_PROVISIONER, useClass: KeycloakProvisioner }],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
