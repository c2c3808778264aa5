import { attachmentType } from '../attachment-names';
import { isNetworkFailure, ProviderError } from '../provider-error';
import { AnswerTooLargeError, cappedFetch } from './capped-fetch';
import { egressRefusal, type FetchLike } from './egress-policy';

/** A file a provider keeps for an inbound message, downloaded. */
export interface FetchedMedia {
  content: Buffer;
  /** Its type as the provider gave it (attachmentType: without parameters, octet-stream if no MIME type), if any. */
  content_type: string | null;
}

export interface MediaRequest {
  provider: string;
  url: string;
  headers?: Record<string, string>;
  /** Larger files are refused (a `rejected` ProviderError): they are not read past this. */
  maxBytes: number;
  timeoutMs?: number;
  /** Follow redirects (Twilio's media URL answers 307 to where the file is). Default: refuse them. */
  followRedirects?: boolean;
  /** The `fetch` to download with (a tenant's endpoint: the egress policy's); default the global one. */
  fetch?: FetchLike;
}

/**
 * Downloads one file over the global `fetch`, reading at most `maxBytes` (cappedFetch). A refused connection, a
 * reset or a timeout is a network ProviderError; an error status is a ProviderError of its kind (404: `rejected`, the
 * file is gone), whatever length it declares: the status is read before the cap looks at the length.
 */
export async function downloadMedia(request: MediaRequest): Promise<FetchedMedia> {
  const { provider } = request;
  const get = cappedFetch(statusChecked(provider, request.fetch ?? fetch), request.maxBytes);
  let response: Response;
  try {
    response = await get(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
      redirect: request.followRedirects ? 'follow' : 'error',
    });
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (error instanceof AnswerTooLargeError) throw tooLarge(provider, request.maxBytes);
    const refused = egressRefusal(provider, error);
    if (refused) throw refused;
    throw isNetworkFailure(error) ? ProviderError.network(provider, error) : networkError(provider, error);
  }
  let content: Buffer;
  try {
    content = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw tooLargeIn(error) ? tooLarge(provider, request.maxBytes) : ProviderError.network(provider, error);
  }
  // Stored as the file's type: a header that is no MIME type (or one longer than the column) is octet-stream.
  const type = response.headers.get('content-type');
  return { content, content_type: type ? attachmentType(type) : null };
}

/** `fetch` that fails with the status's ProviderError on an answer that is no 2xx, its body left unread. */
function statusChecked(provider: string, fetch: FetchLike): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (response.status >= 200 && response.status < 300) return response;
    await response.body?.cancel().catch(() => undefined);
    throw ProviderError.fromHttp(provider, response.status, {
      message: `${provider} answered ${response.status} for a media file`,
    });
  };
}

/** The cap's AnswerTooLargeError, as the body read throws it or as its cause. */
function tooLargeIn(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e instanceof AnswerTooLargeError) return true;
  return false;
}

function tooLarge(provider: string, maxBytes: number): ProviderError {
  return new ProviderError({
    provider,
    kind: 'rejected',
    message: `The media file is larger than ${maxBytes} bytes`,
  });
}

function networkError(provider: string, error: unknown): ProviderError {
  return new ProviderError({
    provider,
    kind: 'network',
    message: `${provider} media request failed: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
