import { ProviderError } from '../provider-error';
import type { FetchLike } from './egress-policy';

/** An answer body past the limit: the read stops there. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';

  constructor(readonly maxBytes: number) {
    super(`The answer is larger than ${maxBytes} bytes`);
  }
}

/**
 * `fetch` whose answers are read to at most `maxBytes`: a declared Content-Length past it fails at once, and a body
 * that grows past it (chunked, or a length that lies) fails as soon as it does, so a server never makes the process
 * hold more than that of one answer. The failure is AnswerTooLargeError (see answerTooLarge).
 */
export function cappedFetch(fetch: FetchLike, maxBytes: number): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(maxBytes);
    }
    if (!response.body) return response;
    let read = 0;
    const capped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          read += chunk.byteLength;
          if (read > maxBytes) controller.error(new AnswerTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(capped, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * The ProviderError for an answer past its limit (found anywhere in `error`'s causes: the SDK wraps what `fetch` and
 * the body read throw), else undefined: `invalid_response`, not retried (the same request would be answered the same).
 */
export function answerTooLarge(provider: string, error: unknown): ProviderError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof AnswerTooLargeError)
      return new ProviderError({
        provider,
        kind: 'invalid_response',
        message: `${provider} answered more than ${e.maxBytes} bytes`,
        retryable: false,
        mayHaveBeenSent: true,
      });
  }
  return undefined;
}
