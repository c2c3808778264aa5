import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { applyInputAliases } from './input-aliases';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from './nesting-depth';
import { createValidationPipe } from './validation.pipe';

/**
 * A value ValidationPipe hands back as it came: a custom decorator's (validateCustomDecorators is off), and a path
 * parameter typed string.
 */
function untouched(metadata: ArgumentMetadata): boolean {
  return metadata.type === 'custom' || (metadata.type === 'param' && metadata.metatype === String);
}

/**
 * The API's one global pipe: renames the seeds' camelCase input spellings to ours, then validates with
 * class-validator (createValidationPipe). One pipe rather than two: Nest runs every global pipe on every parameter
 * of every route, the caller's auth context included, each through its own chain of promises; a parameter neither
 * step reads (a custom decorator's) passes through at once.
 */
@Injectable()
export class InputPipe implements PipeTransform {
  private readonly validation = createValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (untouched(metadata)) return value;
    if (metadata.type !== 'body' && metadata.type !== 'query')
      return this.validation.transform(value, metadata);
    // The renaming recurses (as the validation after it does): too deep a value is refused before any walk of it.
    if (nestsDeeperThan(value, MAX_INPUT_DEPTH))
      throw AppError.validation(`Invalid input: body nests deeper than ${MAX_INPUT_DEPTH} levels`, [
        { field: 'body', reason: `nests deeper than ${MAX_INPUT_DEPTH} levels` },
      ]);
    // A request without a body validates as an empty object, so optional-only DTOs accept it.
    return this.validation.transform(applyInputAliases(value ?? {}), metadata);
  }
}
