import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { PaperReader } from './paper-reader';
import { PaperTypesController } from './paper-types.controller';
import { PaperTypesService } from './paper-types.service';
import { PapersController } from './papers.controller';
import { PapersService } from './papers.service';

/** Papers (Vorlagen), paper types with their numbering, and consultation paths. */
@Module({
  imports: [TenancyModule, CouncilModule],
  controllers: [PaperTypesController, PapersController],
  providers: [PaperTypesService, PapersService, PaperReader, MeetingBundleRequests],
  exports: [PaperReader],
})
export class PapersModule {}
