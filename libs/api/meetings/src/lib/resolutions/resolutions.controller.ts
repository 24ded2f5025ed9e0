import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AddResolutionNoteInput,
  addResolutionNoteSchema,
  type OfficeResolutionDto,
  type OfficeResolutionListDto,
  officeResolutionListSchema,
  officeResolutionSchema,
  pathSegment,
  type ResolutionListQuery,
  resolutionListQuerySchema,
  type UpdateResolutionInput,
  updateResolutionSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ResolutionsService } from './resolutions.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const resolutionParams = z.object({ tenant: pathSegment(), resolutionId: z.uuid({ message: 'must be a UUID' }) }).strict();
type ResolutionParams = z.infer<typeof resolutionParams>;

/** Clerks and tenant admins only: members do not see the administration's follow-up. */
const STAFF = ['tenant-admin', 'clerk'] as const;

/** Resolution tracking (Beschlusskontrolle) in the back office. */
@Controller('api/office/:tenant/resolutions')
export class ResolutionsController {
  constructor(private readonly resolutions: ResolutionsService) {}

  @Get()
  @TenantAccess(STAFF)
  @Responds(officeResolutionListSchema, { description: 'Resolutions, newest meeting first (with `overdue=true`: the overdue ones, oldest due date first), paged by `nextCursor`.' })
  list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Query(new ZodValidationPipe(resolutionListQuerySchema)) q: ResolutionListQuery): Promise<OfficeResolutionListDto> {
    return this.resolutions.list(q);
  }

  @Get(':resolutionId')
  @TenantAccess(STAFF)
  @Responds(officeResolutionSchema, { description: 'A resolution with its notes, newest first (ETag = version).' })
  async get(@Param(new ZodValidationPipe(resolutionParams)) p: ResolutionParams, @Res({ passthrough: true }) res: Response): Promise<OfficeResolutionDto> {
    return withEtag(res, await this.resolutions.get(p.resolutionId));
  }

  @Patch(':resolutionId')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(officeResolutionSchema)
  async update(
    @Param(new ZodValidationPipe(resolutionParams)) p: ResolutionParams,
    @Body(new ZodValidationPipe(updateResolutionSchema)) body: UpdateResolutionInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeResolutionDto> {
    return withEtag(res, await this.resolutions.update(p.resolutionId, expectedVersion(req.headers['if-match']), body));
  }

  @Post(':resolutionId/notes')
  @TenantAccess(STAFF)
  @Responds(officeResolutionSchema, { status: 201, description: 'The resolution with the new note.' })
  async addNote(
    @Param(new ZodValidationPipe(resolutionParams)) p: ResolutionParams,
    @Body(new ZodValidationPipe(addResolutionNoteSchema)) body: AddResolutionNoteInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeResolutionDto> {
    return withEtag(res, await this.resolutions.addNote(p.resolutionId, body));
  }
}

function withEtag<T extends { version: number }>(res: Response, dto: T): T {
  res.setHeader('ETag', versionEtag(dto.version));
  return dto;
}
