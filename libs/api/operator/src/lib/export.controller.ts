import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type ExportRequest, exportRequestSchema, type ListResponse, listOf, type TenantExportDto, tenantExportSchema, uuidSchema } from '@ratsinfo/contracts';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { TenantExportsService } from './tenant-exports.service';

/** Streams a ready export's ZIP as an attachment (never cached: it holds non-public content). */
export async function sendExport(res: Response, d: { fileName: string; size: number; body: Readable }): Promise<void> {
  res
    .status(200)
    .type('application/zip')
    .setHeader('Content-Disposition', `attachment; filename="${d.fileName}"`)
    .setHeader('Content-Length', String(d.size))
    .setHeader('Cache-Control', 'no-store');
  try {
    await pipeline(d.body, res);
  } catch {
    // The client went away mid-download: nothing to answer any more.
  }
}

const exportParams = z.object({ tenant: z.string(), exportId: uuidSchema }).strict();
type ExportParams = z.infer<typeof exportParams>;

/**
 * A tenant admin exports their own authority: the request returns at once (202) with the export
 * record; the worker builds the ZIP; the list and the record show its state; the download streams
 * it while it is ready. Audited in the authority's log when it is ready.
 */
@Controller('api/office/:tenant')
export class OfficeExportController {
  constructor(private readonly exports: TenantExportsService) {}

  @Post('export')
  @HttpCode(202)
  @Responds(tenantExportSchema, { status: 202 })
  @TenantAccess(['tenant-admin'])
  request(@Body(new ZodValidationPipe(exportRequestSchema)) body: ExportRequest): Promise<TenantExportDto> {
    return this.exports.request(body.reason, 'tenant-admin');
  }

  @Get('exports')
  @Responds(listOf(tenantExportSchema))
  @TenantAccess(['tenant-admin'])
  async list(): Promise<ListResponse<TenantExportDto>> {
    return { data: await this.exports.list() };
  }

  @Get('exports/:exportId')
  @Responds(tenantExportSchema)
  @TenantAccess(['tenant-admin'])
  one(@Param(new ZodValidationPipe(exportParams)) p: ExportParams): Promise<TenantExportDto> {
    return this.exports.get(p.exportId);
  }

  @Get('exports/:exportId/download')
  @Responds(null, { contentType: 'application/zip', description: 'The ZIP of a ready export; 409 while it is being built, 410 once expired.' })
  @TenantAccess(['tenant-admin'])
  async download(@Param(new ZodValidationPipe(exportParams)) p: ExportParams, @Res() res: Response): Promise<void> {
    await sendExport(res, await this.exports.download(p.exportId));
  }
}
