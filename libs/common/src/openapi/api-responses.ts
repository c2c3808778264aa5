import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors/error-code';

export class PageMetaDto {
  @ApiProperty({ example: 120 }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

const ERROR_EXAMPLES: Record<ErrorCode, { message: string; details?: unknown }> = {
  [ErrorCode.VALIDATION_ERROR]: {
    message: 'Invalid input: email must be an email',
    details: [{ field: 'email', reason: 'must be an email' }],
  },
  [ErrorCode.AUTHENTICATION_REQUIRED]: { message: 'Authentication required' },
  [ErrorCode.AUTHORIZATION_FAILED]: { message: 'This needs the admin role' },
  [ErrorCode.NOT_FOUND]: { message: 'User not found' },
  [ErrorCode.CONFLICT]: { message: 'A user with this email already exists' },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { message: 'Request body is too large' },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: { message: 'Unsupported content type' },
  [ErrorCode.RANGE_NOT_SATISFIABLE]: {
    message: 'The range asked for starts past the end of the recording (48044 bytes)',
    details: { length: 48044 },
  },
  [ErrorCode.POLICY_VIOLATION]: {
    message: 'The lead opted out of this channel',
    details: { rule: 'opted_out' },
  },
  [ErrorCode.RATE_LIMIT_EXCEEDED]: {
    message: 'Too many requests; retry in 42 s',
    details: { limit: 100, retry_after_seconds: 42 },
  },
  [ErrorCode.HEADERS_TOO_LARGE]: { message: 'The request line and headers are too large' },
  [ErrorCode.INTERNAL_ERROR]: {
    message: 'Internal error',
    details: { error_id: '3f1c2d7e-9a7b-4c1e-8f55-0d5c1b2a3e4f' },
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: {
    message: 'Not ready',
    details: { database: 'online', redis: 'offline' },
  },
};

function errorSchema(code: ErrorCode) {
  return {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { type: 'boolean', example: false },
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: [code], example: code },
          message: { type: 'string', example: ERROR_EXAMPLES[code].message },
          details: {
            nullable: true,
            description: 'What more the error says (the fields refused, the rule); null when nothing',
            example: ERROR_EXAMPLES[code].details ?? null,
          },
        },
      },
    },
  };
}

/** An error a route answers: its code, or its code and when the route answers it (said in its description). */
export type DocumentedError = ErrorCode | { code: ErrorCode; when: string };

/** Documents the error envelopes a route can answer, one per code. */
export function ApiErrors(...errors: DocumentedError[]) {
  const described = new Map<ErrorCode, string>();
  for (const e of errors) {
    if (typeof e === 'string') described.set(e, described.get(e) ?? e);
    else described.set(e.code, `${e.code}: ${e.when}`);
  }
  return applyDecorators(
    ...[...described].map(([code, description]) =>
      ApiResponse({ status: ERROR_STATUS[code], description, schema: errorSchema(code) }),
    ),
  );
}

interface EnvelopeOptions {
  status?: number;
  description?: string;
  isArray?: boolean;
}

/** Documents `{ success: true, data: <model> }`. */
export function ApiEnvelope(model: Type<unknown> | null, options: EnvelopeOptions = {}) {
  const ref = model ? { $ref: getSchemaPath(model) } : { type: 'object', nullable: true, example: null };
  const data = options.isArray ? { type: 'array', items: ref } : ref;
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? 'Success',
      schema: {
        type: 'object',
        required: ['success', 'data'],
        properties: { success: { type: 'boolean', example: true }, data },
      },
    }),
  );
}

/** Documents `{ success: true, data: [<model>], meta: { total, limit, offset } }`. */
export function ApiPage(
  model: Type<unknown>,
  description = 'A page of results',
  meta: Type<PageMetaDto> = PageMetaDto,
) {
  return applyDecorators(
    ApiExtraModels(model, meta),
    ApiResponse({
      status: 200,
      description,
      schema: {
        type: 'object',
        required: ['success', 'data', 'meta'],
        properties: {
          success: { type: 'boolean', example: true },
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          meta: { $ref: getSchemaPath(meta) },
        },
      },
    }),
  );
}
