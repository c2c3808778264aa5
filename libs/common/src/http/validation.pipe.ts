import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldIssue } from '../errors/app-error';
import { unstorableText } from './storable-text';

/**
 * The rules that say what a value is, in the order a reason is picked from: a value of the wrong kind is told so
 * ("must be a string"), not what a check meant for the right kind found ("must be shorter than 200 characters").
 * An array comes before the kinds its items are checked for (`each`): null sent for a list of strings must be an
 * array, not "each value ... must be a string".
 */
const KIND_RULES = [
  'whitelistValidation',
  'isDefined',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isObject',
  'isDate',
  'isDateString',
  'isIso8601',
  'isUuid',
  'isEmail',
  'isEnum',
  'isIn',
];

/** One reason per field: its kind rule that failed, else the first other rule that did. */
function reasonRule(constraints: Record<string, string>): [string, string] | undefined {
  const rule = KIND_RULES.find((r) => r in constraints) ?? Object.keys(constraints)[0];
  return rule === undefined ? undefined : [rule, constraints[rule]];
}

/** class-validator's errors as field issues, one reason per field, nested fields under `parent.` (dotted). */
export function validationIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const picked = reasonRule(e.constraints ?? {});
    const own = picked
      ? [
          {
            field,
            reason:
              picked[0] === 'whitelistValidation'
                ? 'is not an accepted field'
                : picked[1].replace(new RegExp(`^${e.property} `), ''),
          },
        ]
      : [];
    return [...own, ...validationIssues(e.children ?? [], field)];
  });
}

/**
 * The VALIDATION_ERROR of input refused field by field: "Invalid input: " and the first three fields with their
 * reasons, every one in details. For a check made after the pipe (a rule no decorator says), so its answer reads
 * as the pipe's.
 */
export function invalidInput(details: FieldIssue[]): AppError {
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
      if (unstorable.length) throw invalidInput(unstorable.slice(0, 20));
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
    exceptionFactory: (errors) => invalidInput(validationIssues(errors)),
  });
}
