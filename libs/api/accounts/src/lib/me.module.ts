import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';

/**
 * "My authorities" for the signed-in person. Apart from AccountsModule because it verifies the
 * token itself (a @Public route: the switcher asks before any tenant is chosen), so it needs
 * the AccessModule's TokenVerifier, which the accounts' own services do not.
 */
@Module({
  imports: [TenancyModule],
  controllers: [MeController],
  providers: [MeService, MeRepository],
})
export class MeModule {}
