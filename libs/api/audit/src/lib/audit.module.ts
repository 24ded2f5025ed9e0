import { Global, Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditLog } from './audit-log';

/**
 * The audit trail, on its own so that code outside a request (jobs, the worker) can write it
 * without pulling in token verification or the AccessGuard.
 */
@Global()
@Module({
  providers: [AuditLog, AuditEventsRepository],
  exports: [AuditLog, AuditEventsRepository],
})
export class AuditModule {}
