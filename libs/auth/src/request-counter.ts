import type { ExecutionContext } from '@nestjs/common';
import type { CounterReading, CounterStep } from './request-check';

/**
 * A request counter the app may provide (the API's rate limiter): when it does, AuthenticationGuard counts each
 * request in the same Redis round trip that checks its token, and leaves the reading on the request.
 */
export abstract class RequestCounter {
  /**
   * The counter this request counts against, given the principal its credentials name (`user:<id>`,
   * `key:<id>`) or null when they name none; null when the request is not counted.
   */
  abstract counterFor(context: ExecutionContext, principal: string | null): CounterStep | null;
}

/** What the authentication guard leaves on the request about its count. */
export type RequestCount =
  | { step: CounterStep; reading: CounterReading }
  /** Redis did not answer: the request was not counted. */
  | { step: CounterStep; reading: null; error: unknown };
