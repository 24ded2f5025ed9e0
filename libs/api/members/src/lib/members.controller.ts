import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AnnotationDto,
  type AnnotationExportDto,
  annotationExportSchema,
  type AnnotationListDto,
  type AnnotationListQuery,
  annotationListQuerySchema,
  annotationListSchema,
  annotationSchema,
  type CreateAnnotationInput,
  createAnnotationSchema,
  type MyBodyListDto,
  myBodyListSchema,
  type MyDocumentPageDto,
  myDocumentPageSchema,
  type MyDocumentsQuery,
  myDocumentsQuerySchema,
  type MyMeetingPageDto,
  myMeetingPageSchema,
  type MyMeetingsQuery,
  myMeetingsQuerySchema,
  pathSegment,
  type UpdateAnnotationInput,
  updateAnnotationSchema,
} from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AnnotationsService } from './annotations.service';
import { MembersService } from './members.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
type TenantParams = z.infer<typeof tenantParams>;
const annotationParams = z.object({ tenant: pathSegment(), id: z.uuid({ message: 'must be a UUID' }) }).strict();
type AnnotationParams = z.infer<typeof annotationParams>;

/** Every role of the authority; the data is always the caller's own (their person, their account). */
const EVERYONE = ['tenant-admin', 'clerk', 'member'] as const;

/** Personal answers: never from a shared cache. */
function privateAnswer(res: Response): void {
  res.setHeader('Cache-Control', 'private, no-store');
}

/**
 * The members' area: the caller's bodies, meetings and documents, and their private
 * annotations (readable by their own account only — row-level security, not this code, says so).
 */
@Controller('api/office/:tenant/me')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly annotations: AnnotationsService,
  ) {}

  @Get('bodies')
  @TenantAccess(EVERYONE)
  @Responds(myBodyListSchema)
  bodies(@Param(new ZodValidationPipe(tenantParams)) _p: TenantParams, @Res({ passthrough: true }) res: Response): Promise<MyBodyListDto> {
    privateAnswer(res);
    return this.members.bodies();
  }

  @Get('meetings')
  @TenantAccess(EVERYONE)
  @Responds(myMeetingPageSchema)
  meetings(
    @Param(new ZodValidationPipe(tenantParams)) _p: TenantParams,
    @Query(new ZodValidationPipe(myMeetingsQuerySchema)) q: MyMeetingsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MyMeetingPageDto> {
    privateAnswer(res);
    return this.members.meetings(q);
  }

  @Get('documents')
  @TenantAccess(EVERYONE)
  @Responds(myDocumentPageSchema)
  documents(
    @Param(new ZodValidationPipe(tenantParams)) _p: TenantParams,
    @Query(new ZodValidationPipe(myDocumentsQuerySchema)) q: MyDocumentsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MyDocumentPageDto> {
    privateAnswer(res);
    return this.members.documents(q);
  }

  @Get('annotations')
  @TenantAccess(EVERYONE)
  @Responds(annotationListSchema)
  listAnnotations(
    @Param(new ZodValidationPipe(tenantParams)) _p: TenantParams,
    @Query(new ZodValidationPipe(annotationListQuerySchema)) q: AnnotationListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnnotationListDto> {
    privateAnswer(res);
    return this.annotations.list(q);
  }

  /** Declared before `annotations/:id`, which would otherwise take "export" for an id. */
  @Get('annotations/export')
  @TenantAccess(EVERYONE)
  @Responds(annotationExportSchema, { description: 'A JSON download (Content-Disposition: attachment) of all of the caller’s annotations in this authority.' })
  async exportAnnotations(@Param(new ZodValidationPipe(tenantParams)) p: TenantParams, @Res({ passthrough: true }) res: Response): Promise<AnnotationExportDto> {
    const body = await this.annotations.export();
    privateAnswer(res);
    res.setHeader('Content-Disposition', `attachment; filename="ratsinfo-notizen-${body.tenant.slug}-${body.exportedAt.slice(0, 10)}.json"`);
    void p;
    return body;
  }

  @Get('annotations/:id')
  @TenantAccess(EVERYONE)
  @Responds(annotationSchema)
  async getAnnotation(@Param(new ZodValidationPipe(annotationParams)) p: AnnotationParams, @Res({ passthrough: true }) res: Response): Promise<AnnotationDto> {
    const a = await this.annotations.get(p.id);
    privateAnswer(res);
    res.setHeader('ETag', versionEtag(a.version));
    return a;
  }

  @Post('annotations')
  @TenantAccess(EVERYONE)
  @Responds(annotationSchema, { status: 201 })
  async createAnnotation(
    @Param(new ZodValidationPipe(tenantParams)) _p: TenantParams,
    @Body(new ZodValidationPipe(createAnnotationSchema)) body: CreateAnnotationInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnnotationDto> {
    const a = await this.annotations.create(body);
    res.setHeader('ETag', versionEtag(a.version));
    return a;
  }

  @Patch('annotations/:id')
  @RequiresIfMatch()
  @TenantAccess(EVERYONE)
  @Responds(annotationSchema)
  async updateAnnotation(
    @Param(new ZodValidationPipe(annotationParams)) p: AnnotationParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(updateAnnotationSchema)) body: UpdateAnnotationInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnnotationDto> {
    const a = await this.annotations.update(p.id, expectedVersion(ifMatch), body);
    res.setHeader('ETag', versionEtag(a.version));
    return a;
  }

  @Delete('annotations/:id')
  @HttpCode(204)
  @TenantAccess(EVERYONE)
  @Responds(null, { status: 204 })
  async deleteAnnotation(@Param(new ZodValidationPipe(annotationParams)) p: AnnotationParams): Promise<void> {
    await this.annotations.remove(p.id);
  }
}
