import { SetMetadata } from '@nestjs/common';
import type { ZodType } from 'zod';

/**
 * What an operation answers, for the OpenAPI document (`GET /api/openapi.json`). Request schemas
 * are read from the route's ZodValidationPipe instances; the response schema is declared here,
 * next to the handler, from the same zod contracts the web app uses.
 */
export interface ResponseContract {
  /** HTTP status of the success answer (200 unless given). */
  status: number;
  /** zod schema of the JSON body; null for an answer without a body (204) or a non-JSON one. */
  schema: ZodType | null;
  /** Media type when not JSON: a file download (`application/octet-stream`), a ZIP, … */
  contentType?: string;
  description?: string;
}

export const RESPONSE_CONTRACT = 'ratsinfo:response-contract';

/** Declares the success answer of an operation: `@Responds(paperSchema)`, `@Responds(null, { status: 204 })`. */
export const Responds = (schema: ZodType | null, options: Partial<Omit<ResponseContract, 'schema'>> = {}) =>
  SetMetadata(RESPONSE_CONTRACT, { status: options.status ?? 200, schema, contentType: options.contentType, description: options.description } satisfies ResponseContract);

/**
 * An operation whose request body is not JSON read through a ZodValidationPipe (a streaming
 * multipart upload): its media type and the schema of its form fields.
 */
export interface RequestBodyContract {
  contentType: string;
  schema: ZodType;
  description?: string;
}

export const REQUEST_BODY_CONTRACT = 'ratsinfo:request-body-contract';

export const AcceptsBody = (contract: RequestBodyContract) => SetMetadata(REQUEST_BODY_CONTRACT, contract);

export const IF_MATCH_CONTRACT = 'ratsinfo:if-match';

/**
 * The operation is a compare-and-set on a version and needs `If-Match` (428 without it, 412 when
 * stale). Handlers that take `@Headers('if-match')` are recognised without it; this is for those
 * that read the header from the request object.
 */
export const RequiresIfMatch = () => SetMetadata(IF_MATCH_CONTRACT, true);
