import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ValidationError } from './errors';

/**
 * Validates one argument (query, params or body) against a zod schema from @ratsinfo/contracts,
 * the same schema the web app uses. Errors name the parameter or field.
 */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  // Public so that tests can walk every route's input schema and aim bad input at each field.
  constructor(readonly schema: ZodType<T>) {}

  transform(value: unknown, metadata: ArgumentMetadata): T {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new ValidationError(
      result.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          // Named with their path (`items.2.colour`), so a nested unknown field is found as easily as a top-level one.
          return { name: issue.keys.map((k) => [...issue.path, k].join('.')).join(', '), reason: `unknown ${metadata.type === 'query' ? 'parameter' : 'field'}` };
        }
        return { name: issue.path.join('.') || metadata.data || metadata.type, reason: issue.message };
      }),
    );
  }
}
