import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@ratsinfo/api-database';
import { OutboxHandlerRegistry } from './handler-registry';
import { JobScope } from './job-scope';

/**
 * The registry handlers register with, and the job scope. Global, so that feature modules
 * imported by the worker can register without importing the worker.
 */
@Global()
@Module({
  imports: [DatabaseModule],
  providers: [OutboxHandlerRegistry, JobScope],
  exports: [OutboxHandlerRegistry, JobScope],
})
export class JobsModule {}
