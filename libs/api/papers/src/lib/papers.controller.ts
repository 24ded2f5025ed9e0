import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { AuthContext, expectedVersion, Responds, TenantAccess, ValidationError, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  createDerivativeSchema,
  createPaperSchema,
  IDEMPOTENCY_KEY_HEADER,
  type PaperDto,
  type PaperListDto,
  type PaperListQuery,
  paperListQuerySchema,
  paperListSchema,
  paperSchema,
  paperTransitionSchema,
  pathSegment,
  type PutConsultationsInput,
  putConsultationsSchema,
  type UpdatePaperInput,
  updatePaperSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { type Created, type CreateInput, type DerivativeInput, type IdempotentRequest, PapersService } from './papers.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const paperParams = z.object({ tenant: pathSegment(), paperId: uuidSchema }).strict();
type PaperParams = z.infer<typeof paperParams>;

/** Every answer that carries a paper also carries its version as ETag (the next If-Match). */
function withEtag(res: Response, paper: PaperDto): PaperDto {
  res.setHeader('ETag', versionEtag(paper.version));
  return paper;
}

/** The answer to a create: a repeated submit (same Idempotency-Key) is marked as such. */
function created(res: Response, c: Created): PaperDto {
  if (c.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return withEtag(res, c.paper);
}

/**
 * Papers (Vorlagen) in the back office. Clerks and tenant admins write; members read what the
 * visibility rule allows (never drafts). Not readable means 404, never 403.
 */
@Controller('api/office/:tenant/papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly auth: AuthContext,
  ) {}

  /** The optional `Idempotency-Key` of a create (visible ASCII, at most 200 characters). */
  private idempotency(raw: string | undefined): IdempotentRequest | undefined {
    if (raw === undefined) return undefined;
    if (!IDEMPOTENCY_KEY.test(raw)) throw new ValidationError([{ name: 'Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters, e.g. a UUID' }]);
    return { key: raw, actor: this.auth.principal()?.subject ?? null };
  }

  @Get()
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(paperListSchema)
  list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Query(new ZodValidationPipe(paperListQuerySchema)) q: PaperListQuery): Promise<PaperListDto> {
    return this.papers.list(q);
  }

  @Post()
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema, { status: 201 })
  async create(
    @Param(new ZodValidationPipe(tenantParams)) _p: unknown,
    @Body(new ZodValidationPipe(createPaperSchema)) body: CreateInput,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return created(res, await this.papers.create(body, this.idempotency(idempotencyKey)));
  }

  @Get(':paperId')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(paperSchema)
  async get(@Param(new ZodValidationPipe(paperParams)) p: PaperParams, @Res({ passthrough: true }) res: Response): Promise<PaperDto> {
    return withEtag(res, await this.papers.get(p.paperId));
  }

  @Patch(':paperId')
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema)
  async update(
    @Param(new ZodValidationPipe(paperParams)) p: PaperParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(updatePaperSchema)) body: UpdatePaperInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return withEtag(res, await this.papers.update(p.paperId, expectedVersion(ifMatch), body));
  }

  @Delete(':paperId')
  @HttpCode(204)
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(paperParams)) p: PaperParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.papers.remove(p.paperId, expectedVersion(ifMatch));
  }

  @Post(':paperId/derivatives')
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema, { status: 201 })
  async derivative(
    @Param(new ZodValidationPipe(paperParams)) p: PaperParams,
    @Body(new ZodValidationPipe(createDerivativeSchema)) body: DerivativeInput,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return created(res, await this.papers.createDerivative(p.paperId, body, this.idempotency(idempotencyKey)));
  }

  @Put(':paperId/consultations')
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema)
  async consultations(
    @Param(new ZodValidationPipe(paperParams)) p: PaperParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(putConsultationsSchema)) body: PutConsultationsInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return withEtag(res, await this.papers.putConsultations(p.paperId, expectedVersion(ifMatch), body));
  }

  @Post(':paperId/release')
  @HttpCode(200)
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema)
  async release(
    @Param(new ZodValidationPipe(paperParams)) p: PaperParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(paperTransitionSchema)) _body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return withEtag(res, await this.papers.release(p.paperId, expectedVersion(ifMatch)));
  }

  @Post(':paperId/withdraw')
  @HttpCode(200)
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperSchema)
  async withdraw(
    @Param(new ZodValidationPipe(paperParams)) p: PaperParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(paperTransitionSchema)) _body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperDto> {
    return withEtag(res, await this.papers.withdraw(p.paperId, expectedVersion(ifMatch)));
  }
}
