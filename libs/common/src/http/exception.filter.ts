import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { codeForStatus, ERROR_STATUS, ErrorCode } from '../errors/error-code';
import { errorEnvelope, ErrorEnvelope } from './error-envelope';

/** Fastify's own error codes for what a client sent, with the message we answer instead of Fastify's. */
const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported content type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [ErrorCode.VALIDATION_ERROR, 'Content-Length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [ErrorCode.VALIDATION_ERROR, 'Request body is empty but Content-Type is JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [ErrorCode.VALIDATION_ERROR, 'Malformed JSON body'],
  FST_ERR_CTP_INVALID_TYPE: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Invalid Content-Type header'],
  FST_ERR_CTP_INVALID_CONTENT_TYPE: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Invalid Content-Type header'],
  FST_ERR_BAD_URL: [ErrorCode.VALIDATION_ERROR, 'Malformed URL'],
  FST_ERR_ASYNC_CONSTRAINT: [ErrorCode.VALIDATION_ERROR, 'Malformed request'],
};

const FRAMEWORK_MESSAGES: Record<number, string> = {
  400: 'Malformed request',
  404: 'Route not found',
  413: 'Request body is too large',
  415: 'Unsupported content type',
};

/** Postgres errors a client can provoke, mapped so they are never a 500. */
const PG_ERRORS: Record<string, [ErrorCode, string]> = {
  '23505': [ErrorCode.CONFLICT, 'A resource with these values already exists'],
  '22P02': [ErrorCode.VALIDATION_ERROR, 'A value has the wrong format'],
  '22001': [ErrorCode.VALIDATION_ERROR, 'A value is too long'],
  '22003': [ErrorCode.VALIDATION_ERROR, 'A number is out of range'],
  '22007': [ErrorCode.VALIDATION_ERROR, 'A date has the wrong format'],
  '22008': [ErrorCode.VALIDATION_ERROR, 'A date is out of range'],
  '22021': [ErrorCode.VALIDATION_ERROR, 'A value contains a character that cannot be stored (such as NUL)'],
  '22P05': [ErrorCode.VALIDATION_ERROR, 'A value contains a character that cannot be stored'],
  '54000': [ErrorCode.VALIDATION_ERROR, 'A value is too large'],
};

interface Mapped {
  status: number;
  body: ErrorEnvelope;
  log?: unknown;
}

export function mapException(exception: unknown): Mapped {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      body: errorEnvelope(exception.code, exception.message, exception.details),
    };
  }
  const fastifyCode = (exception as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    const [code, message] = FASTIFY_ERRORS[fastifyCode];
    return { status: ERROR_STATUS[code], body: errorEnvelope(code, message) };
  }
  if (exception instanceof SyntaxError && (exception as { statusCode?: number }).statusCode === 400) {
    return { status: 400, body: errorEnvelope(ErrorCode.VALIDATION_ERROR, 'Malformed JSON body') };
  }
  // Through TypeORM a driver error comes wrapped; through pg directly (fastSql, cursors) it comes as it is.
  const driverError = exception instanceof QueryFailedError ? exception.driverError : exception;
  const pg =
    exception instanceof QueryFailedError || exception instanceof DatabaseError
      ? PG_ERRORS[(driverError as { code?: string })?.code ?? '']
      : undefined;
  if (pg) return { status: ERROR_STATUS[pg[0]], body: errorEnvelope(pg[0], pg[1]) };
  if (exception instanceof HttpException) {
    // Our code throws AppError only; an HttpException comes from Nest or Fastify (routing, body parsing).
    const status = exception.getStatus();
    if (status < 500) {
      const code = codeForStatus(status);
      const message =
        status === 400 && /json/i.test(exception.message)
          ? 'Malformed JSON body'
          : (FRAMEWORK_MESSAGES[status] ?? exception.message);
      return { status: ERROR_STATUS[code], body: errorEnvelope(code, message) };
    }
  }
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = codeForStatus(statusCode);
    return { status: ERROR_STATUS[code], body: errorEnvelope(code, 'Malformed request') };
  }
  const errorId = randomUUID();
  return {
    status: 500,
    body: errorEnvelope(ErrorCode.INTERNAL_ERROR, 'Internal error', { error_id: errorId }),
    log: { error_id: errorId, err: exception },
  };
}

/** The wait a 429 or a 503 names in its details (`retry_after_seconds`), for its Retry-After header. */
function retryAfterOf(body: ErrorEnvelope): number | undefined {
  const seconds = (body.error.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * A 429's headers describe the limit that refused it. A limit of its own (the per-account login throttle) is
 * judged after the per-IP guard set X-RateLimit-* from a budget with room left ("Remaining: 3" on a refusal), so
 * when the details name the limit and the wait, the headers are made to say that limit, none left, and its reset.
 */
function rateLimitHeaders(reply: FastifyReply, body: ErrorEnvelope): void {
  const retryAfter = retryAfterOf(body);
  const limit = (body.error.details as { limit?: unknown } | undefined)?.limit;
  if (retryAfter === undefined) {
    if (!reply.getHeader('retry-after')) reply.header('Retry-After', '60');
    return;
  }
  reply.header('Retry-After', String(retryAfter));
  if (typeof limit !== 'number') return;
  reply.header('X-RateLimit-Limit', String(limit));
  reply.header('X-RateLimit-Remaining', '0');
  reply.header('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000) + retryAfter));
}

/** Maps every exception to the DESIGN §3 envelope; a 500 gets an error id and is logged once. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const mapped = mapException(exception);
    if (mapped.log) this.logger.error(mapped.log, 'Unhandled error');
    if (mapped.status === 429) rateLimitHeaders(reply, mapped.body);
    // A 503 that knows when to come back (a full upload slot) says so as HTTP clients read it.
    const retryAfter = mapped.status === 503 ? retryAfterOf(mapped.body) : undefined;
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    void reply.status(mapped.status).send(mapped.body);
  }
}
