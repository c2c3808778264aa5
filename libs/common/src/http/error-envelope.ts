import { ErrorCode } from '../errors/error-code';

/** DESIGN §3's error body: `details` is always there, null when the error has nothing more to say. */
export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; details: unknown };
}

export function errorEnvelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { success: false, error: { code, message, details: details ?? null } };
}
