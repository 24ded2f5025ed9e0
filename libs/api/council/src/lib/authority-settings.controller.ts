import { Body, Controller, Get, Put } from '@nestjs/common';
import { Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type AuthoritySettingsDto, type AuthoritySettingsInput, authoritySettingsInputSchema, authoritySettingsSchema } from '@ratsinfo/contracts';
import { AuthoritySettingsService } from './authority-settings.service';

/** An authority's own settings (member visibility, mail sender, reminders, open-data license), kept by its tenant admins (audited); clerks read them. */
@Controller('api/office/:tenant/settings')
export class AuthoritySettingsController {
  constructor(private readonly settings: AuthoritySettingsService) {}

  @Get()
  @Responds(authoritySettingsSchema)
  @TenantAccess(['tenant-admin', 'clerk'])
  get(): Promise<AuthoritySettingsDto> {
    return this.settings.get();
  }

  @Put()
  @Responds(authoritySettingsSchema)
  @TenantAccess(['tenant-admin'])
  put(@Body(new ZodValidationPipe(authoritySettingsInputSchema)) body: AuthoritySettingsInput): Promise<AuthoritySettingsDto> {
    return this.settings.set(body);
  }
}
