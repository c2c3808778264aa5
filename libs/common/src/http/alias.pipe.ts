import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { applyInputAliases } from './input-aliases';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from './nesting-depth';

/** Renames the seeds' camelCase input spellings to ours before validation. */
@Injectable()
export class AliasPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    // First of the global pipes, and the renaming recurses (as Nest's ValidationPipe, after it, does): too deep a
    // value is refused before any walk of it.
    if (nestsDeeperThan(value, MAX_INPUT_DEPTH))
      throw AppError.validation(`Invalid input: body nests deeper than ${MAX_INPUT_DEPTH} levels`, [
        { field: 'body', reason: `nests deeper than ${MAX_INPUT_DEPTH} levels` },
      ]);
    // A request without a body validates as an empty object, so optional-only DTOs accept it.
    return applyInputAliases(value ?? {});
  }
}
