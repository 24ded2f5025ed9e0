import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { PermanentJobError } from '@ratsinfo/api-jobs';
import type { z } from 'zod';
import { MailTemplates } from '../mail-templates';
import { absenceDataSchema, accessGrantedDataSchema, invitationDataSchema, reminderDataSchema } from './mail-data';
import { renderAbsenceNotice, renderAccessGranted, renderMeetingInvitation, renderMeetingReminder } from './meeting-templates';

/** The domain of the calendar UIDs: the cooperative's sender domain (not an authority's, which may change), else `ratsinfo`. */
export function uidDomain(address: string | undefined): string {
  const domain = address?.split('@')[1]?.toLowerCase() ?? '';
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'ratsinfo';
}

function parse<T>(schema: z.ZodType<T>, template: string, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new PermanentJobError('invalid-mail-data', `the record does not fit template ${template}`);
  return r.data;
}

/** Registers `meeting-invitation`, `meeting-reminder`, `absence-notice` and `access-granted`. */
@Injectable()
export class ContentTemplates implements OnModuleInit {
  constructor(
    private readonly templates: MailTemplates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const domain = uidDomain(this.config.MAIL_FROM_ADDRESS);
    this.templates.register('meeting-invitation', (data, ctx) =>
      renderMeetingInvitation(parse(invitationDataSchema, 'meeting-invitation', data), ctx, { uidDomain: domain, organizer: { name: ctx.sender.name, email: ctx.sender.address } }),
    );
    this.templates.register('meeting-reminder', (data, ctx) => renderMeetingReminder(parse(reminderDataSchema, 'meeting-reminder', data), ctx));
    this.templates.register('absence-notice', (data, ctx) => renderAbsenceNotice(parse(absenceDataSchema, 'absence-notice', data), ctx));
    this.templates.register('access-granted', (data, ctx) => renderAccessGranted(parse(accessGrantedDataSchema, 'access-granted', data), ctx));
  }
}
