import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { OperatorOnly, Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type DeadLetterCountDto,
  deadLetterCountSchema,
  type DeadLetterDto,
  type DeadLetterQuery,
  deadLetterQuerySchema,
  deadLetterSchema,
  type OperatorDeadLetterDto,
  operatorDeadLetterSchema,
  type PagedResponse,
  pageOf,
  pathSegment,
  uuidSchema,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { DeadLettersService } from './dead-letters.service';

const idParams = z.object({ tenant: pathSegment(), id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;

/** An authority's failed jobs in its back office: clerks and tenant admins see and retry them. */
@Controller('api/office/:tenant/dead-letters')
export class OfficeDeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @Responds(pageOf(deadLetterSchema))
  @TenantAccess(['tenant-admin', 'clerk'])
  list(@Query(new ZodValidationPipe(deadLetterQuerySchema)) q: DeadLetterQuery): Promise<PagedResponse<DeadLetterDto>> {
    return this.deadLetters.tenantPage(q);
  }

  @Get('count')
  @Responds(deadLetterCountSchema)
  @TenantAccess(['tenant-admin', 'clerk'])
  async count(): Promise<DeadLetterCountDto> {
    return { count: await this.deadLetters.count() };
  }

  @Post(':id/retry')
  @HttpCode(204)
  @Responds(null, { status: 204 })
  @TenantAccess(['tenant-admin', 'clerk'])
  async retry(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<void> {
    await this.deadLetters.retry(p.id);
  }
}

/**
 * Every authority's failed jobs for the cooperative's operators: which authority, what kind of
 * job, when, how often, the kind of error. Never payload, message or names: operators administer
 * authorities, they do not read their content.
 */
@Controller('api/operator/dead-letters')
@OperatorOnly()
export class OperatorDeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @Responds(pageOf(operatorDeadLetterSchema))
  list(@Query(new ZodValidationPipe(deadLetterQuerySchema)) q: DeadLetterQuery): Promise<PagedResponse<OperatorDeadLetterDto>> {
    return this.deadLetters.operatorPage(q);
  }
}
