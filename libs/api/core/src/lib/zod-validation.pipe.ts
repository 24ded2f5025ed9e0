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
      result.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          // Each unknown key by its full path (`items.0.colour`), like every other error.
          const reason = `unknown ${metadata.type === 'query' ? 'parameter' : 'field'}`;
          return issue.keys.map((key) => ({ name: [...issue.path, key].join('.'), reason }));
        }
        return [{ name: issue.path.join('.') || metadata.data || metadata.type, reason: issue.message }];
      }),
    );
  }
}
