import { Module } from '@nestjs/common';
import { FilesModule } from '@ratsinfo/api-files';
import { OParlFileContentController } from './file-content.controller';
import { OPARL_CONTENT_SOURCES } from './sources';

/**
 * The OParl content objects: the list sources of meetings, agendaItems, papers, consultations and
 * files (exported: the OParl module puts them under OPARL_LIST_SOURCES) and the file bytes routes.
 */
@Module({
  imports: [FilesModule],
  controllers: [OParlFileContentController],
  providers: [...OPARL_CONTENT_SOURCES],
  exports: [...OPARL_CONTENT_SOURCES],
})
export class OParlContentModule {}
