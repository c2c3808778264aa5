import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldIssue } from '../errors/app-error';
import { unstorableText } from './storable-text';

function issues(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      reason:
        rule === 'whitelistValidation'
          ? 'is not an accepted field'
          : message.replace(new RegExp(`^${e.property} `), ''),
    }));
    return [...own, ...issues(e.children ?? [], field)];
  });
}

function failure(details: FieldIssue[]): AppError {
  const summary = details
    .map((d) => `${d.field} ${d.reason}`)
    .slice(0, 3)
    .join('; ');
  return AppError.validation(`Invalid input: ${summary}`, details);
}

/**
 * Text no field can hold (a NUL, a lone surrogate) is refused before class-validator reads it: validators that
 * URI-encode a value throw on a lone surrogate, and Postgres would refuse a NUL halfway through a write.
 */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && this.toValidate(metadata)) {
      const unstorable = unstorableText(value);
      if (unstorable.length) throw failure(unstorable.slice(0, 20));
    }
    return super.transform(value, metadata);
  }
}

/** class-validator on every DTO; failures become VALIDATION_ERROR with one detail per field and reason. */
export function createValidationPipe(): ValidationPipe {
  return new DtoValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => failure(issues(errors)),
  });
}
