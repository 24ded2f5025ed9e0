import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { AcceptsBody, expectedVersion, Public, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type FileContentQuery,
  fileContentQuerySchema,
  type FileDetailDto,
  fileDetailSchema,
  type FileDto,
  type FileListDto,
  fileListSchema,
  type FileOwnerKind,
  fileSchema,
  type FileUpdateInput,
  fileUpdateSchema,
  fileUploadFieldsSchema,
  pathSegment,
  uuidSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { FilesService } from './files.service';

const params = z.object({ tenant: pathSegment(), id: uuidSchema }).strict();
type Params = z.infer<typeof params>;
const binary = z.string().meta({ format: 'binary', description: 'The file (one part).' });
const uploadBody = fileUploadFieldsSchema.extend({ file: binary });
const versionBody = z.object({ file: binary }).strict();

const READERS = ['tenant-admin', 'clerk', 'member'] as const;
const WRITERS = ['tenant-admin', 'clerk'] as const;

/** Files in the back office: list, upload (streaming multipart), versions, metadata, download. */
@Controller('api/office/:tenant')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get('papers/:id/files')
  @TenantAccess(READERS)
  @Responds(fileListSchema)
  paperFiles(@Param(new ZodValidationPipe(params)) p: Params): Promise<FileListDto> {
    return this.list('paper', p);
  }

  @Get('meetings/:id/files')
  @TenantAccess(READERS)
  @Responds(fileListSchema)
  meetingFiles(@Param(new ZodValidationPipe(params)) p: Params): Promise<FileListDto> {
    return this.list('meeting', p);
  }

  @Get('agenda-items/:id/files')
  @TenantAccess(READERS)
  @Responds(fileListSchema)
  agendaItemFiles(@Param(new ZodValidationPipe(params)) p: Params): Promise<FileListDto> {
    return this.list('agenda-item', p);
  }

  @Get('persons/:id/files')
  @TenantAccess(READERS)
  @Responds(fileListSchema)
  personFiles(@Param(new ZodValidationPipe(params)) p: Params): Promise<FileListDto> {
    return this.list('person', p);
  }

  @Post('papers/:id/files')
  @TenantAccess(WRITERS)
  @AcceptsBody({ contentType: 'multipart/form-data', schema: uploadBody, description: 'One file part and the fields name, public, main (main file of the paper).' })
  @Responds(fileSchema, { status: 201 })
  uploadToPaper(@Param(new ZodValidationPipe(params)) p: Params, @Req() req: Request): Promise<FileDto> {
    return this.files.upload({ kind: 'paper', id: p.id }, req);
  }

  @Post('meetings/:id/files')
  @TenantAccess(WRITERS)
  @AcceptsBody({ contentType: 'multipart/form-data', schema: uploadBody })
  @Responds(fileSchema, { status: 201 })
  uploadToMeeting(@Param(new ZodValidationPipe(params)) p: Params, @Req() req: Request): Promise<FileDto> {
    return this.files.upload({ kind: 'meeting', id: p.id }, req);
  }

  @Post('agenda-items/:id/files')
  @TenantAccess(WRITERS)
  @AcceptsBody({ contentType: 'multipart/form-data', schema: uploadBody })
  @Responds(fileSchema, { status: 201 })
  uploadToAgendaItem(@Param(new ZodValidationPipe(params)) p: Params, @Req() req: Request): Promise<FileDto> {
    return this.files.upload({ kind: 'agenda-item', id: p.id }, req);
  }

  @Post('persons/:id/photo')
  @TenantAccess(WRITERS)
  @AcceptsBody({ contentType: 'multipart/form-data', schema: versionBody, description: 'The photo (PNG or JPEG); a later upload becomes its new version.' })
  @Responds(fileSchema, { status: 201 })
  uploadPhoto(@Param(new ZodValidationPipe(params)) p: Params, @Req() req: Request): Promise<FileDto> {
    return this.files.uploadPhoto(p.id, req);
  }

  @Post('files/:id/versions')
  @TenantAccess(WRITERS)
  @AcceptsBody({ contentType: 'multipart/form-data', schema: versionBody, description: 'The new version (one file part); If-Match: the file version read.' })
  @Responds(fileSchema, { status: 201 })
  addVersion(@Param(new ZodValidationPipe(params)) p: Params, @Headers('if-match') ifMatch: string | undefined, @Req() req: Request): Promise<FileDto> {
    return this.files.addVersion(p.id, expectedVersion(ifMatch), req);
  }

  @Get('files/:id')
  @TenantAccess(READERS)
  @Responds(fileDetailSchema)
  async file(@Param(new ZodValidationPipe(params)) p: Params, @Res({ passthrough: true }) res: Response): Promise<FileDetailDto> {
    const file = await this.files.get(p.id);
    res.setHeader('ETag', versionEtag(file.version));
    return file;
  }

  @Patch('files/:id')
  @TenantAccess(WRITERS)
  @Responds(fileSchema)
  update(@Param(new ZodValidationPipe(params)) p: Params, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(fileUpdateSchema)) body: FileUpdateInput): Promise<FileDto> {
    return this.files.update(p.id, expectedVersion(ifMatch), body);
  }

  @Delete('files/:id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(params)) p: Params, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.files.remove(p.id, expectedVersion(ifMatch));
  }

  @Get('files/:id/content')
  @TenantAccess(READERS)
  @Responds(null, { contentType: 'application/octet-stream', description: 'The bytes (sniffed media type), inline or with ?download=1 as attachment; Range and If-None-Match supported.' })
  content(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(fileContentQuerySchema)) q: FileContentQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.files.sendOfficeContent(p.id, q, req, res);
  }

  private list(kind: FileOwnerKind, p: Params): Promise<FileListDto> {
    return this.files.list({ kind, id: p.id });
  }
}

/** Public files on the portal (public file of a public owner): anyone may download them. */
@Controller('api/portal/:tenant/files')
@Public()
export class PortalFilesController {
  constructor(private readonly files: FilesService) {}

  @Get(':id/content')
  @Responds(null, { contentType: 'application/octet-stream', description: 'The bytes of a public file; Range and If-None-Match supported.' })
  content(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(fileContentQuerySchema)) q: FileContentQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.files.sendPortalContent(p.id, q, req, res);
  }
}
