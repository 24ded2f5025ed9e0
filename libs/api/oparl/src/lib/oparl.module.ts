import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OParlContentModule } from './content/oparl-content.module';
import { OParlAgendaItemsSource, OParlConsultationsSource, OParlFilesSource, OParlMeetingsSource, OParlPapersSource } from './content/sources';
import { OPARL_LIST_SOURCES, type OParlListSource } from './list-source';
import { OParlController } from './oparl.controller';
import { OParlService } from './oparl.service';
import { LegislativeTermListSource, LocationListSource, MembershipListSource, OrganizationListSource, PersonListSource } from './structure/structure-sources';

/**
 * One source per OParl list, collected under OPARL_LIST_SOURCES. Add a list by adding its class
 * here, one class per line (the merge of another branch's lists is then a union of lines).
 */
const SOURCES = [
  OrganizationListSource,
  PersonListSource,
  MembershipListSource,
  LocationListSource,
  LegislativeTermListSource,
  OParlMeetingsSource,
  OParlAgendaItemsSource,
  OParlPapersSource,
  OParlConsultationsSource,
  OParlFilesSource,
];

@Module({
  imports: [TenancyModule, OParlContentModule],
  controllers: [OParlController],
  providers: [
    ...SOURCES,
    {
      provide: OPARL_LIST_SOURCES,
      useFactory: (...sources: OParlListSource[]) => sources,
      inject: SOURCES,
    },
    OParlService,
  ],
  exports: [OParlService],
})
export class OParlModule {}
