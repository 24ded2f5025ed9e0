import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { FilesRepository } from '@ratsinfo/api-files';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AnnotationsService } from './annotations.service';
import { MembersController } from './members.controller';
import { CallerResolver, MembersService } from './members.service';

/** The members' area of the back office (`/api/office/:tenant/me/…`): my bodies, meetings, documents, private annotations. */
@Module({
  imports: [TenancyModule, CouncilModule],
  controllers: [MembersController],
  providers: [CallerResolver, MembersService, AnnotationsService, FilesRepository],
})
export class MembersModule {}
