import { Readable } from 'node:stream';
import { RequestClient, Twilio } from 'twilio';
import type { TwilioCredentials } from './twilio-credentials';
import { isNetworkFailure, parseRetryAfter, ProviderError } from '../provider-error';
import { EgressDeniedError, egressRefusal, type EgressPolicy } from '../http/egress-policy';

/** A media file's answer: its status, headers and the body still to read. */
export interface MediaResponse {
  /** 200, 206 (the range asked for), or 416 (a range past the end: `body` is empty). */
  status: number;
  headers: Record<string, unknown>;
  body: Readable;
}

/** How much of an error answer to a media request is read for Twilio's error body. */
const ERROR_BODY_LIMIT = 64 * 1024;

type RequestOptions = Parameters<RequestClient['request']>[0];
type Response = Awaited<ReturnType<RequestClient['request']>>;

export interface TwilioRequestClientOptions {
  /** Replaces the scheme, host and port of every request (and prefixes its path), e.g. a local test server. */
  baseUrl?: string;
  timeoutMs?: number;
  now: () => Date;
  /** Set for a tenant's own endpoint: connections are checked against the egress policy. */
  egress?: EgressPolicy;
}

/**
 * The `twilio` SDK's own HTTP client (`httpClient` option), with two changes: requests can go to another origin
 * (tests point it at 127.0.0.1), and an error answer becomes a `ProviderError` carrying Twilio's code and the
 * `Retry-After` of a 429, which the SDK's RestException drops.
 */
export class TwilioRequestClient extends RequestClient {
  private readonly baseUrl?: URL;
  private readonly now: () => Date;
  private readonly egress?: EgressPolicy;

  constructor(options: TwilioRequestClientOptions) {
    super({ timeout: options.timeoutMs ?? 15_000, autoRetry: false });
    this.baseUrl = options.baseUrl ? new URL(options.baseUrl) : undefined;
    this.now = options.now;
    this.egress = options.egress;
    // Names are looked up through the policy; a literal address is checked before each request. axios takes a
    // callback-style look-up (it would call a Promise-returning one with a callback it never answers: every
    // request hung to its timeout, and a failed look-up rejected unhandled, ending the process).
    const egress = this.egress;
    if (egress)
      this.axios.defaults.lookup = (hostname, options, callback) =>
        egress.lookup(hostname, options, (err, address, family) =>
          callback(
            err,
            typeof address === 'string'
              ? address
              : address.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })),
            family === 6 ? 6 : 4,
          ),
        );
  }

  override async request<TData>(opts: RequestOptions): Promise<Response & { body: TData }> {
    const uri = this.rewrite(opts.uri);
    if (this.egress?.refusesHost(new URL(uri).hostname))
      throw egressRefusal('twilio', new EgressDeniedError(new URL(uri).hostname));
    let response: Response;
    try {
      response = await super.request({ ...opts, uri });
    } catch (error) {
      const refused = egressRefusal('twilio', error);
      if (refused) throw refused;
      if (isNetworkFailure(error)) throw ProviderError.network('twilio', error);
      throw error;
    }
    if (response.statusCode >= 200 && response.statusCode < 300)
      return response as Response & { body: TData };
    throw twilioErrorFromResponse(response.statusCode, response.body, response.headers, this.now());
  }

  /**
   * GETs a media file (a recording's audio) as a stream with basic auth, through the same origin rewrite, timeout and
   * egress policy as `request`. Twilio may redirect to its storage: the redirect is followed, and the Authorization
   * header is not sent on to another host. An error answer becomes a ProviderError as `request`'s do.
   */
  async media(
    uri: string,
    auth: { username: string; password: string },
    range?: string,
  ): Promise<MediaResponse> {
    const url = this.rewrite(uri);
    if (this.egress?.refusesHost(new URL(url).hostname))
      throw egressRefusal('twilio', new EgressDeniedError(new URL(url).hostname));
    let response: { status: number; headers: Record<string, unknown>; data: Readable };
    try {
      response = await this.axios.request({
        method: 'GET',
        url,
        headers: {
          Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
          ...(range ? { Range: range } : {}),
        },
        responseType: 'stream',
        maxRedirects: 5,
        proxy: false,
        timeout: this.defaultTimeout,
        validateStatus: () => true,
      });
    } catch (error) {
      const refused = egressRefusal('twilio', error);
      if (refused) throw refused;
      if (isNetworkFailure(error)) throw ProviderError.network('twilio', error);
      throw error;
    }
    if (response.status >= 200 && response.status < 300)
      return { status: response.status, headers: response.headers, body: response.data };
    if (response.status === 416 && range) {
      response.data.destroy();
      return { status: 416, headers: response.headers, body: Readable.from([]) };
    }
    const body = await readCapped(response.data, ERROR_BODY_LIMIT);
    throw twilioErrorFromResponse(response.status, body, response.headers, this.now());
  }

  private rewrite(uri: string): string {
    if (!this.baseUrl) return uri;
    const original = new URL(uri);
    const target = new URL(this.baseUrl.href);
    target.pathname = `${target.pathname.replace(/\/+$/, '')}${original.pathname}`;
    target.search = original.search;
    return target.href;
  }
}

/**
 * Twilio error codes that mean "too much, too fast" whatever the HTTP status: 20429 (too many requests), 14107 (the
 * account's message rate), 21611 (the sender's queue is full: answered 400, the fix is to slow down). The send is
 * retried later, not failed for good.
 */
const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['20429', '14107', '21611']);

/** Twilio's error body `{ code, message, more_info, status }` as a ProviderError. */
export function twilioErrorFromResponse(
  status: number,
  body: unknown,
  headers: Record<string, unknown> | undefined,
  now: Date,
): ProviderError {
  const parsed = readBody(body);
  const code = parsed?.code === undefined || parsed.code === null ? undefined : String(parsed.code);
  const retryAfterMs = status === 429 ? parseRetryAfter(headers?.['retry-after'], now) : undefined;
  return ProviderError.fromHttp('twilio', status, {
    message: typeof parsed?.message === 'string' ? `Twilio ${code ?? status}: ${parsed.message}` : undefined,
    providerCode: code,
    retryAfterMs,
    kind: code !== undefined && RATE_LIMIT_CODES.has(code) ? 'rate_limited' : undefined,
  });
}

/** The first `limit` bytes of a stream as text; the rest is discarded. */
async function readCapped(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (size >= limit) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function readBody(body: unknown): { code?: unknown; message?: unknown } | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as { code?: unknown; message?: unknown };
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? (body as { code?: unknown; message?: unknown }) : undefined;
}

/**
 * The `twilio` SDK client of one account (credentials checked by TwilioAccount): requests through TwilioRequestClient (its base URL, timeout and errors),
 * never retried by the SDK (a request repeated may send or ring twice), no settings read from process.env.
 */
export function createTwilioClient(
  credentials: TwilioCredentials,
  now: () => Date,
  egress?: EgressPolicy,
): Twilio {
  const httpClient = new TwilioRequestClient({
    baseUrl: credentials.base_url,
    timeoutMs: credentials.timeout_ms,
    now,
    egress,
  });
  // env: {} and explicit edge / region / logLevel keep the SDK from reading process.env for them.
  return new Twilio(credentials.account_sid, credentials.auth_token, {
    httpClient,
    env: {},
    edge: credentials.edge ?? '',
    region: credentials.region ?? '',
    logLevel: 'info',
    autoRetry: false,
  });
}
