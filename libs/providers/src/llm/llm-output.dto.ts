import { CharLength, MaxChars } from '@app/common';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { PRODUCT_FIELDS, REPLY_LABELS } from './llm-tasks';
import type { ProductMetadata, ReplyLabel } from './llm-tasks';

/**
 * The outputs of the LLM tasks (llm-tasks.ts) as class-validator DTOs: a model's answer is parsed and validated
 * against them before anyone reads it (STYLE rule 6). A nullable field must still be present (the JSON schemas
 * sent to the model make every field required), so `undefined` fails where `null` passes. A DTO may name
 * `forgiving` side fields: an unusable value there becomes null, with a warning, instead of failing the answer.
 */

/** The field must be present; null is a valid value. */
const Nullable = () => ValidateIf((_object: object, value: unknown) => value !== null);

export class ReferralDto {
  @Nullable() @IsString() @MaxChars(200) name!: string | null;
  @Nullable() @IsString() @MaxChars(320) email!: string | null;
  @Nullable() @IsString() @MaxChars(64) phone!: string | null;
}

export class ReplyClassificationDto {
  /**
   * A language the model wrote out ("English") or a return date it could not resolve ("next Monday") loses that
   * detail only: the label, confidence and reason (validated strictly) are kept.
   */
  static readonly forgiving = ['return_date', 'language'] as const;

  @IsIn(REPLY_LABELS) label!: ReplyLabel;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) confidence!: number;
  @IsString() @CharLength(1, 1000) reason!: string;
  @Nullable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'return_date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'return_date must be a real calendar date' })
  return_date!: string | null;
  @Nullable() @IsObject() @ValidateNested() @Type(() => ReferralDto) referral!: ReferralDto | null;
  @Nullable()
  @Matches(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/, { message: 'language must be an ISO 639-1 code' })
  language!: string | null;
}

export class WrittenMessageDto {
  @IsString() @Matches(/\S/, { message: 'body must not be blank' }) @MaxChars(20_000) body!: string;
  @Nullable() @IsString() @MaxChars(500) subject!: string | null;
}

export class ProductMetadataDto {
  @Nullable() @IsString() @MaxChars(500) product!: string | null;
  @Nullable() @IsString() @MaxChars(5000) description!: string | null;
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxChars(500, { each: true })
  value_propositions!: string[];
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxChars(200, { each: true })
  industries!: string[];
  @Nullable() @IsString() @MaxChars(2000) ideal_customer!: string | null;
  @Nullable() @IsString() @MaxChars(500) tone!: string | null;
}

export class ProductContextTurnDto {
  @IsString() @Matches(/\S/, { message: 'reply must not be blank' }) @MaxChars(5000) reply!: string;
  @IsIn(['clarifying', 'confirmed']) status!: 'clarifying' | 'confirmed';
  @IsObject() @ValidateNested() @Type(() => ProductMetadataDto) metadata!: ProductMetadataDto;
  @IsArray() @IsIn(PRODUCT_FIELDS, { each: true }) missing!: Array<keyof ProductMetadata>;
}

export class AgentActionDto {
  @IsString() @Matches(/\S/, { message: 'type must not be blank' }) @MaxChars(64) type!: string;
  @IsObject() parameters!: Record<string, unknown>;
}

export class AgentRunOutputDto {
  @IsString() @MaxChars(20_000) response!: string;
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AgentActionDto)
  actions!: AgentActionDto[];
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) confidence!: number;
  @Nullable() @IsBoolean() qualified!: boolean | null;
}

export type LlmOutputDtoClass<T extends object> = (new () => T) & {
  /** Top-level side fields whose unusable value becomes null (with a warning) rather than failing the answer. */
  readonly forgiving?: ReadonlyArray<keyof T & string>;
};

/**
 * Validates a parsed model answer against a DTO: the typed instance, or the reasons it failed
 * (`confidence must not be greater than 1`, `metadata.industries must be an array`...). When only the DTO's
 * `forgiving` fields fail, they become null and the reasons come back as warnings. Reasons name fields and rules,
 * never the values, so they are safe to log and store.
 */
export function validateLlmOutput<T extends object>(
  dto: LlmOutputDtoClass<T>,
  value: unknown,
): { ok: true; value: T; warnings: string[] } | { ok: false; reasons: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reasons: ['the answer is not a JSON object'] };
  }
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length === 0) return { ok: true, value: instance, warnings: [] };
  const forgiving = new Set<string>(dto.forgiving ?? []);
  if (!errors.every((error) => forgiving.has(error.property))) return { ok: false, reasons: flatten(errors) };
  for (const error of errors) (instance as Record<string, unknown>)[error.property] = null;
  return { ok: true, value: instance, warnings: flatten(errors) };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  const reasons: string[] = [];
  for (const error of errors) {
    const path = `${prefix}${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator starts its messages with the property name; give the full path instead.
      reasons.push(
        message.startsWith(error.property) ? `${path}${message.slice(error.property.length)}` : message,
      );
    }
    if (error.children?.length) reasons.push(...flatten(error.children, `${path}.`));
  }
  return reasons;
}
