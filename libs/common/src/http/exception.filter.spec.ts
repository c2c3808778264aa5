import { HttpException, NotFoundException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { mapException } from './exception.filter';

function pgError(code: string): QueryFailedError {
  return new QueryFailedError(
    'INSERT INTO users ...',
    [],
    Object.assign(new Error('duplicate key value'), { code }),
  );
}

describe('mapException', () => {
  it('keeps an AppError as it is', () => {
    const mapped = mapException(new AppError(ErrorCode.POLICY_VIOLATION, 'Opted out', { rule: 'opted_out' }));
    expect(mapped).toEqual({
      status: 422,
      body: {
        success: false,
        error: { code: 'POLICY_VIOLATION', message: 'Opted out', details: { rule: 'opted_out' } },
      },
    });
  });

  it.each([
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'VALIDATION_ERROR'],
  ])('maps Fastify %s to %i %s', (code, status, errorCode) => {
    const mapped = mapException(Object.assign(new Error('x'), { code, statusCode: status }));
    expect(mapped.status).toBe(status);
    expect(mapped.body.error.code).toBe(errorCode);
  });

  it('maps client-provoked Postgres errors, never leaking SQL', () => {
    const unique = mapException(pgError('23505'));
    expect(unique.status).toBe(409);
    const badValue = mapException(pgError('22P02'));
    expect(badValue.status).toBe(400);
    expect(JSON.stringify([unique.body, badValue.body])).not.toMatch(/INSERT|duplicate key/);
  });

  it('maps the same errors from pg itself (queries that bypass TypeORM), and no other error with a code', () => {
    const raw = (code: string) =>
      Object.assign(new DatabaseError('value "1e+20" is out of range for type bigint', 90, 'error'), {
        code,
      });
    expect(mapException(raw('22003'))).toEqual({
      status: 400,
      body: {
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'A number is out of range', details: null },
      },
    });
    expect(mapException(raw('22021')).status).toBe(400);
    expect(mapException(raw('23505')).status).toBe(409);
    expect(mapException(raw('57014')).status).toBe(500);
    expect(mapException(Object.assign(new Error('x'), { code: '22003' })).status).toBe(500);
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(mapException(new NotFoundException()).body.error).toEqual({
      code: 'NOT_FOUND',
      message: 'Route not found',
      details: null,
    });
    expect(mapException(new HttpException('Forbidden', 403)).body.error.code).toBe('AUTHORIZATION_FAILED');
  });

  it('turns anything else into a 500 with an error id and no internals', () => {
    const mapped = mapException(new Error('connection string postgres://secret@db leaked'));
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.code).toBe('INTERNAL_ERROR');
    expect(mapped.body.error.message).toBe('Internal error');
    expect((mapped.body.error.details as { error_id: string }).error_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(mapped.body)).not.toContain('secret');
    expect(mapped.log).toBeDefined();
  });

  it('maps a validation AppError with its details', () => {
    const mapped = mapException(AppError.field('email', 'must be an email'));
    expect(mapped.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Invalid input: email must be an email',
      details: [{ field: 'email', reason: 'must be an email' }],
    });
  });
});
