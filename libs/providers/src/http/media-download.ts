import { isNetworkFailure, ProviderError } from '../provider-error';
import { egressRefusal, type FetchLike } from './egress-policy';

/** A file a provider keeps for an inbound message, downloaded. */
export interface FetchedMedia {
  content: Buffer;
  /** Its type as the provider gave it (without parameters), when it gave one. */
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
 * Downloads one file over the global `fetch`, reading at most `maxBytes`. A refused connection, a reset or a timeout
 * is a network ProviderError; an error status is a ProviderError of its kind (404: `rejected`, the file is gone).
 */
export async function downloadMedia(request: MediaRequest): Promise<FetchedMedia> {
  const { provider } = request;
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
      redirect: request.followRedirects ? 'follow' : 'error',
    });
  } catch (error) {
    const refused = egressRefusal(provider, error);
    if (refused) throw refused;
    throw isNetworkFailure(error) ? ProviderError.network(provider, error) : networkError(provider, error);
  }
  if (response.status < 200 || response.status >= 300) {
    await response.body?.cancel().catch(() => undefined);
    throw ProviderError.fromHttp(provider, response.status, {
      message: `${provider} answered ${response.status} for a media file`,
    });
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > request.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(provider, request.maxBytes);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response.body ?? []) {
      bytes += chunk.length;
      if (bytes > request.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge(provider, request.maxBytes);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw ProviderError.network(provider, error);
  }
  const type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return { content: Buffer.concat(chunks, bytes), content_type: type || null };
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
