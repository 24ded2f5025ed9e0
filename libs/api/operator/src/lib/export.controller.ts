import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Responds, TenantAccess, TenantContext, ZodValidationPipe } from '@ratsinfo/api-core';
import { type ExportRequest, exportRequestSchema } from '@ratsinfo/contracts';
import type { Response } from 'express';
import { OperatorTenantsService } from './operator-tenants.service';

export function sendZip(res: Response, r: { filename: string; zip: Uint8Array }): void {
  res
    .status(200)
    .type('application/zip')
    .setHeader('Content-Disposition', `attachment; filename="${r.filename}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(Buffer.from(r.zip));
}

/** A tenant admin takes the complete export of their own authority (audited in its log). */
@Controller('api/office/:tenant/export')
export class OfficeExportController {
  constructor(
    private readonly tenants: OperatorTenantsService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @HttpCode(200)
  @Responds(null, { contentType: 'application/zip', description: 'The complete export of the authority (ZIP).' })
  @TenantAccess(['tenant-admin'])
  async export(@Body(new ZodValidationPipe(exportRequestSchema)) body: ExportRequest, @Res() res: Response): Promise<void> {
    sendZip(res, await this.tenants.export(this.tenant.require().id, body.reason, 'tenant-admin'));
  }
}
