import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AccessModule } from '@ratsinfo/api-access';
import { AccountsModule, MeModule } from '@ratsinfo/api-accounts';
import { AuditModule } from '@ratsinfo/api-audit';
import { BundleDownloadsModule } from '@ratsinfo/api-bundles';
import { AppConfig, CoreModule } from '@ratsinfo/api-core';
import { CouncilModule } from '@ratsinfo/api-council';
import { DatabaseModule } from '@ratsinfo/api-database';
import { FilesModule } from '@ratsinfo/api-files';
import { IdentityModule } from '@ratsinfo/api-identity';
import { DeadLettersModule } from '@ratsinfo/api-jobs';
import { MailApiModule } from '@ratsinfo/api-mail';
import { MeetingsModule, ResolutionsModule } from '@ratsinfo/api-meetings';
import { MembersModule } from '@ratsinfo/api-members';
import { OperatorModule } from '@ratsinfo/api-operator';
import { OParlContentModule } from '@ratsinfo/api-oparl';
import { PapersModule } from '@ratsinfo/api-papers';
import { StructureModule } from '@ratsinfo/api-structure';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { HealthController, RedisHealth } from './health.controller';
import { OpenApiModule } from './openapi/openapi.module';
import { PersonRateLimitInterceptor } from './rate-limit.interceptor';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule,
        TenancyModule,
        IdentityModule,
        AuditModule,
        AccessModule,
        AccountsModule,
        MeModule,
        CouncilModule,
        MeetingsModule,
        ResolutionsModule,
        MailApiModule,
        MembersModule,
        OperatorModule,
        OpenApiModule,
        FilesModule,
        BundleDownloadsModule,
        PapersModule,
        StructureModule,
        DeadLettersModule,
        OParlContentModule,
        // The built web app, when configured: one process can then serve the whole product.
        ...(config.WEB_DIST_DIR
          ? [ServeStaticModule.forRoot({ rootPath: config.WEB_DIST_DIR, exclude: ['/api/{*path}', '/oparl/{*path}', '/health/{*path}'] })]
          : []),
      ],
      controllers: [HealthController],
      providers: [RedisHealth, { provide: APP_INTERCEPTOR, useClass: PersonRateLimitInterceptor }],
    };
  }
}
