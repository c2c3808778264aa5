import type { APIError } from 'openai';
import { answerTooLarge } from '../http/capped-fetch';
import { egressRefusal } from '../http/egress-policy';
import { kindForStatus, parseRetryAfter, ProviderError } from '../provider-error';
import type { ProviderErrorInit } from '../provider-error';
import { OutputFormatRefusedError, refusedFormat } from './openai-output-format';
import { openAiSdk } from './openai-sdk';

export const OPENAI = 'openai';

export interface OpenAiErrorContext {
  now: Date;
  timeoutMs: number;
  /** Our own deadline fired (the SDK then reports an abort, or a body read fails). */
  timedOut: boolean;
  /** Strings never to repeat in a message (the API key). */
  secrets: string[];
}

/**
 * A failure of one OpenAI(-compatible) request as a ProviderError, which carries no raw SDK error as its cause: the
 * logs print a cause's message, and a server's answer may echo the key (only the redacted text is kept): HTTP errors by status (401/403 auth, 429 rate
 * limit, 408/5xx unavailable, other 4xx rejected) with OpenAI's `error.code` (else `error.type`) as providerCode
 * and the wait the server asked for (`retry-after-ms`, `retry-after`); timeouts and connection failures as network
 * errors, and so is a connection closed while the answer is read; an answer past its size limit (cappedFetch) as invalid_response. A 429 `insufficient_quota` (no credit left) and an `x-should-retry: false` answer are not retryable. A 400
 * refusing the response format for the model is OutputFormatRefusedError (the adapter asks again in another format).
 */
export function openAiErrorFrom(error: unknown, context: OpenAiErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const tooLarge = answerTooLarge(OPENAI, error);
  if (tooLarge) return tooLarge;
  const sdk = openAiSdk.loaded();
  if (context.timedOut || (sdk && error instanceof sdk.APIConnectionTimeoutError)) {
    return new ProviderError({
      provider: OPENAI,
      kind: 'network',
      message: `${OPENAI} did not answer within ${context.timeoutMs} ms`,
      providerCode: 'timeout',
      mayHaveBeenSent: true,
      cause: error,
    });
  }
  if (sdk && error instanceof sdk.APIConnectionError)
    return egressRefusal(OPENAI, error) ?? ProviderError.network(OPENAI, error);
  if (connectionLost(error)) {
    return new ProviderError({
      provider: OPENAI,
      kind: 'network',
      message: `${OPENAI} closed the connection before its answer ended`,
      providerCode: 'connection_lost',
      mayHaveBeenSent: true,
    });
  }
  if (sdk && error instanceof sdk.APIError && typeof error.status === 'number') {
    return fromHttpError(error, error.status, context);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    provider: OPENAI,
    kind: 'invalid_response',
    message: `${OPENAI} answered something unreadable: ${redact(reason, context.secrets)}`,
    retryable: false,
    mayHaveBeenSent: true,
  });
}

/** Socket errors that end a connection (undici's `terminated`, caused by one of them, while a body is read). */
const LOST_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * Whether `error` (or one of its causes) is the connection closing while the answer was read: the headers came, the
 * body did not end. The SDK lets that through as fetch's own error (TypeError `terminated`), not a connection error.
 */
function connectionLost(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && LOST_CONNECTION_CODES.has(code)) return true;
  }
  return false;
}

function fromHttpError(error: APIError, status: number, context: OpenAiErrorContext): ProviderError {
  const code = error.code ?? error.type ?? undefined;
  const headers = error.headers;
  const retryAfterMs = retryAfterFrom(headers, context.now);
  const kind = kindForStatus(status);
  const shouldRetry = headers?.get('x-should-retry');
  const retryable =
    code === 'insufficient_quota' || shouldRetry === 'false'
      ? false
      : shouldRetry === 'true'
        ? true
        : undefined;
  const text = serverText(error.error, context.secrets) ?? `HTTP ${status}`;
  const init: ProviderErrorInit = {
    provider: OPENAI,
    kind,
    retryable,
    message: `${OPENAI} ${status}${code ? ` ${code}` : ''}: ${text}`,
    providerCode: code ?? undefined,
    httpStatus: status,
    retryAfterMs,
    mayHaveBeenSent: status >= 500,
  };
  const refused = refusedFormat(error);
  return refused ? new OutputFormatRefusedError(init, refused) : new ProviderError(init);
}

/** How much of a server's own error text a message keeps. */
const SERVER_TEXT_MAX = 300;

/**
 * The server's own words for an error body's `error`: OpenAI's `{ error: { message } }`, or the plain string some
 * OpenAI-compatible servers answer (LM Studio: `{ "error": "..." }`). Redacted, then whitespace collapsed and cut to
 * SERVER_TEXT_MAX (redacted first, so a cut never leaves part of a key); undefined when there is none.
 */
function serverText(body: unknown, secrets: string[]): string | undefined {
  const given =
    typeof body === 'string'
      ? body
      : body && typeof body === 'object'
        ? (body as { message?: unknown }).message
        : undefined;
  if (typeof given !== 'string') return undefined;
  const text = redact(given, secrets).replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > SERVER_TEXT_MAX ? `${text.slice(0, SERVER_TEXT_MAX - 1)}…` : text;
}

/** The wait a response asks for: OpenAI's `retry-after-ms`, else the standard `Retry-After`. */
export function retryAfterFrom(headers: Headers | undefined, now: Date): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  return parseRetryAfter(headers.get('retry-after') ?? undefined, now);
}

/** A message without the API key or anything shaped like one (OpenAI echoes part of a wrong key on 401). */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.replace(/\bsk-[A-Za-z0-9*_-]{4,}/g, 'sk-[redacted]');
}
