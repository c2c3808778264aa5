import { isNetworkFailure, ProviderError } from '../provider-error';
import { egressRefusal, type FetchLike } from './egress-policy';

export interface JsonRequest {
  provider: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  /** The `fetch` to send it with (a tenant's endpoint: the egress policy's); default the global one. */
  fetch?: FetchLike;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
}

/**
 * One JSON request over the global `fetch`. A refused connection, a reset or a timeout becomes a network
 * `ProviderError`; any HTTP answer, error statuses included, is returned for the adapter to read its error body.
 */
export async function requestJson(request: JsonRequest): Promise<JsonResponse> {
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
      redirect: 'error',
    });
  } catch (error) {
    const refused = egressRefusal(request.provider, error);
    if (refused) throw refused;
    if (isNetworkFailure(error)) throw ProviderError.network(request.provider, error);
    throw new ProviderError({
      provider: request.provider,
      kind: 'network',
      message: `${request.provider} request failed: ${error instanceof Error ? error.message : String(error)}`,
      mayHaveBeenSent: true,
      cause: error,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw ProviderError.network(request.provider, error);
  }
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `base` + `path`, keeping any path prefix of `base` (`https://graph.facebook.com/v25.0` + `/123/messages`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
