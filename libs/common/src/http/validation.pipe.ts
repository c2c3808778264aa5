import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldIssue } from '../errors/app-error';

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

/** class-validator on every DTO; failures become VALIDATION_ERROR with one detail per field and reason. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = issues(errors);
      const summary = details
        .map((d) => `${d.field} ${d.reason}`)
        .slice(0, 3)
        .join('; ');
      return AppError.validation(`Invalid input: ${summary}`, details);
    },
  });
}
