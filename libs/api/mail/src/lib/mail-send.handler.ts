import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { z } from 'zod';
import { MAIL_SEND_TOPIC } from './mail-outbox';
import { MailSender } from './mail-sender';

const payloadSchema = z.object({ mailId: z.uuid() });

/** `mail.send {mailId}`: sends one recorded mail (idempotent: a sent mail is not sent again). */
@Injectable()
export class MailSendHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly sender: MailSender,
  ) {}

  onModuleInit(): void {
    this.registry.register(MAIL_SEND_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = payloadSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `mail.send needs { mailId }`);
    await this.sender.send(p.data.mailId);
  }
}
