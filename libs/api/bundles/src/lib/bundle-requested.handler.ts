import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BUNDLE_REQUESTED_TOPIC } from '@ratsinfo/api-files';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { z } from 'zod';
import { MeetingBundleGenerator } from './bundle-generator';

const payloadSchema = z.object({ meetingId: z.uuid() });

/**
 * `bundle.meeting-requested {meetingId}` (queue `files`): brings both bundles of the meeting up to
 * date. Idempotent by the sources' hash, so a repeated or duplicate event costs two reads.
 * Runs in the worker process itself: pdf-lib is plain JavaScript, and the bundle limits bound the
 * memory one job holds (the whole output plus one source document).
 */
@Injectable()
export class BundleRequestedHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly generator: MeetingBundleGenerator,
  ) {}

  onModuleInit(): void {
    this.registry.register(BUNDLE_REQUESTED_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = payloadSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${BUNDLE_REQUESTED_TOPIC} needs { meetingId }`);
    await this.generator.generate(p.data.meetingId);
  }
}
