import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';

/** A timestamp as the API writes it: UTC, milliseconds, `Z`. */
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A UUID, any case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Eight hex characters, to keep names, emails and usernames apart between tests. */
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** The error envelope with exactly `status` and `code`, and `message` when given (any string otherwise). */
export function expectError(res: Response, status: number, code: string, message?: string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { success: false, error: { code, message: message ?? expect.any(String), details: null } },
  });
}

/** A 400 VALIDATION_ERROR whose details name exactly `fields` (in any order, each once or more). */
export function expectValidation(res: Response, fields: string[]): void {
  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    success: false,
    error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: expect.any(Array) },
  });
  const got = (res.body.error.details as { field: string; reason: string }[]).map((d) => d.field);
  expect([...new Set(got)].sort()).toEqual([...fields].sort());
}
