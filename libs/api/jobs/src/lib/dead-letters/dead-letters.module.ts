import { Module } from '@nestjs/common';
import { OfficeDeadLettersController, OperatorDeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';

/** Dead letters in the web app: the back office's failed jobs (see, retry) and the operators' overview. */
@Module({
  controllers: [OfficeDeadLettersController, OperatorDeadLettersController],
  providers: [DeadLettersService, DeadLettersRepository],
})
export class DeadLettersModule {}
