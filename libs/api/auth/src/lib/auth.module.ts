import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AccessGuard } from './access.guard';
import { AuditLog } from './audit-log';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';
import { OfficeController } from './office.controller';
import { OfficeService } from './office.service';
import { AuthContext } from './principal';
import { TokenVerifier } from './token-verifier';
import { UserAccountsRepository } from './user-accounts.repository';

/** Authentication (Keycloak tokens via jose) and authorization (the app's own roles) for every route. */
@Global()
@Module({
  imports: [TenancyModule],
  controllers: [OfficeController, MeController],
  providers: [TokenVerifier, AuthContext, UserAccountsRepository, AuditLog, OfficeService, MeService, MeRepository, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthContext, AuditLog, TokenVerifier],
})
export class AuthModule {}
