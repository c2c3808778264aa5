import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { applyInputAliases } from './input-aliases';

/** Renames the seeds' camelCase input spellings to ours before validation. */
@Injectable()
export class AliasPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    // A request without a body validates as an empty object, so optional-only DTOs accept it.
    return applyInputAliases(value ?? {});
  }
}
