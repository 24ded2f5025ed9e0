import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AccessGuard } from './access.guard';
import { LastSeenRecorder } from './last-seen.recorder';
import { TokenVerifier } from './token-verifier';
import { UserAccountsRepository } from './user-accounts.repository';

/** Authentication (Keycloak tokens via jose) and authorization (the app's own roles) for every route. */
@Global()
@Module({
  imports: [TenancyModule],
  providers: [TokenVerifier, UserAccountsRepository, LastSeenRecorder, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenVerifier, LastSeenRecorder],
})
export class AccessModule {}
