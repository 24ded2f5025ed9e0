import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AccessGuard } from './access.guard';
import { TokenVerifier } from './token-verifier';
import { UserAccountsRepository } from './user-accounts.repository';

/** Authentication (Keycloak tokens via jose) and authorization (the app's own roles) for every route. */
@Global()
@Module({
  imports: [TenancyModule],
  providers: [TokenVerifier, UserAccountsRepository, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenVerifier],
})
export class AccessModule {}
