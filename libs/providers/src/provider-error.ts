/**
 * Why a provider call failed: `auth` (401/403, bad credentials), `rate_limited` (429 or a provider throttling code),
 * `unavailable` (5xx), `network` (no answer: refused, reset, timeout), `rejected` (the provider refused this message:
 * bad number, closed window...), `invalid_response` (an answer we could not read).
 */
export type ProviderErrorKind =
  'auth' | 'rate_limited' | 'unavailable' | 'network' | 'rejected' | 'invalid_response';

export interface ProviderErrorInit {
  provider: string;
  kind: ProviderErrorKind;
  message: string;
  /** Whether the same call may succeed later (429, 5xx, network). Defaults from `kind`. */
  retryable?: boolean;
  /** The provider's own error code (Twilio `21211`, Meta `131047`, SMTP `550`...). */
  providerCode?: string;
  httpStatus?: number;
  /** For a rate limit: how long the provider asked us to wait. */
  retryAfterMs?: number;
  /**
   * Whether the provider may have accepted the message despite the error (a timeout or a reset after the request
   * went out, an unreadable answer): the caller must look the send up, never blindly resend (DESIGN §7.6).
   * Defaults to false: an error answer means nothing was sent.
   */
  mayHaveBeenSent?: boolean;
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'unavailable', 'network']);

/** A failed provider call, carrying what a retry policy needs. Adapters throw nothing else from `send`. */
export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly providerCode?: string;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly mayHaveBeenSent: boolean;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind);
    this.providerCode = init.providerCode;
    this.httpStatus = init.httpStatus;
    this.retryAfterMs = init.retryAfterMs;
    this.mayHaveBeenSent = init.mayHaveBeenSent ?? false;
  }

  /**
   * An error built from an HTTP status: 401/403 auth, 429 rate limit, 408/5xx unavailable, other 4xx rejected.
   * A 4xx answer means nothing was sent; after a 5xx the send must be looked up before any retry.
   */
  static fromHttp(
    provider: string,
    httpStatus: number,
    detail: { message?: string; providerCode?: string; retryAfterMs?: number; kind?: ProviderErrorKind } = {},
  ): ProviderError {
    return new ProviderError({
      provider,
      kind: detail.kind ?? kindForStatus(httpStatus),
      message: detail.message || `${provider} answered HTTP ${httpStatus}`,
      providerCode: detail.providerCode,
      httpStatus,
      retryAfterMs: detail.retryAfterMs,
      // A server error says nothing of whether the message was taken before the failure.
      mayHaveBeenSent: httpStatus >= 500,
    });
  }

  /** The provider could not be reached or did not answer; refused connections and DNS failures sent nothing. */
  static network(provider: string, cause: unknown): ProviderError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ProviderError({
      provider,
      kind: 'network',
      message: `${provider} unreachable: ${reason}`,
      mayHaveBeenSent: !isConnectFailure(cause),
      cause,
    });
  }

  /** The provider answered 2xx with something we cannot read: the message may well have gone out. */
  static invalidResponse(provider: string, message: string): ProviderError {
    return new ProviderError({
      provider,
      kind: 'invalid_response',
      message,
      retryable: false,
      mayHaveBeenSent: true,
    });
  }

  /** A message this provider cannot carry (e.g. two attachments on Meta); nothing was sent. */
  static unsupported(provider: string, message: string): ProviderError {
    return new ProviderError({ provider, kind: 'rejected', message });
  }
}

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'rejected';
}

/**
 * A `Retry-After` header (delta-seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable.
 * `now` is the platform clock's time, for the date form.
 */
export function parseRetryAfter(value: unknown, now: Date): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (typeof header === 'number') return header >= 0 ? Math.round(header * 1000) : undefined;
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Network-level failure codes of Node sockets, undici (fetch) and axios. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_NETWORK',
  'ESOCKET',
  'ECONNECTION',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Failures before any byte of the request could reach the provider. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether an error thrown by a socket, `fetch` or axios means the provider was not reached or did not answer. */
export function isNetworkFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    const name = (e as { name?: unknown }).name;
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function isConnectFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECT_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
