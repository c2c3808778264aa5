import { ERROR_STATUS, ErrorCode } from './error-code';

export interface FieldIssue {
  field: string;
  reason: string;
}

/** The one error type services throw; the exception filter turns it into the DESIGN §3 envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(message: string, details: FieldIssue[] = []): AppError {
    return new AppError(ErrorCode.VALIDATION_ERROR, message, details);
  }

  /** One refused field, worded as every refused input is (the validation pipe's "Invalid input: <field> <reason>"). */
  static field(field: string, reason: string): AppError {
    return new AppError(ErrorCode.VALIDATION_ERROR, `Invalid input: ${field} ${reason}`, [{ field, reason }]);
  }

  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.AUTHENTICATION_REQUIRED, message);
  }

  static forbidden(message = 'You do not have permission to do this'): AppError {
    return new AppError(ErrorCode.AUTHORIZATION_FAILED, message);
  }

  static notFound(resource: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${resource} not found`);
  }

  static conflict(message: string, details?: unknown): AppError {
    return new AppError(ErrorCode.CONFLICT, message, details);
  }
}
