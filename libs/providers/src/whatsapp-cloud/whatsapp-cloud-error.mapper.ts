import { parseRetryAfter, ProviderError, ProviderErrorKind } from '../provider-error';

/** Graph API error body: `{ error: { message, type, code, error_subcode, error_data: { details }, fbtrace_id } }`. */
interface GraphError {
  message?: string;
  type?: string;
  code?: number | string;
  error_subcode?: number;
  is_transient?: boolean;
  error_data?: { details?: string };
  fbtrace_id?: string;
}

/** Throttling codes: API too many calls (4, 17, 32, 613), 80007, throughput (130429), pair rate limit (131056). */
const RATE_LIMIT_CODES = new Set(['4', '17', '32', '613', '80007', '130429', '131056']);
/** Temporary failures Meta says to retry: API unknown / service (1, 2), 131000, service unavailable (131016, 133004). */
const TRANSIENT_CODES = new Set(['1', '2', '131000', '131016', '133004']);
/** Token and permission failures: expired or invalid token (0, 190), permission (3, 10, 200-299). */
function isAuthCode(code: string): boolean {
  const n = Number(code);
  return code === '0' || code === '190' || code === '3' || code === '10' || (n >= 200 && n <= 299);
}

/** A Graph API error answer as a ProviderError, by Meta's error code first and the HTTP status second. */
export function whatsappCloudError(
  status: number,
  body: unknown,
  headers: Headers,
  now: Date,
): ProviderError {
  const error = (body as { error?: GraphError } | undefined)?.error;
  const code = error?.code === undefined ? undefined : String(error.code);
  let kind: ProviderErrorKind | undefined;
  if (code && RATE_LIMIT_CODES.has(code)) kind = 'rate_limited';
  else if (code && (TRANSIENT_CODES.has(code) || error?.is_transient === true)) kind = 'unavailable';
  else if (code && isAuthCode(code)) kind = 'auth';
  const details = error?.error_data?.details;
  const text = error?.message ? `${error.message}${details ? ` (${details})` : ''}` : undefined;
  return ProviderError.fromHttp('whatsapp_cloud', status, {
    kind,
    message: text ? `WhatsApp Cloud ${code ?? status}: ${text}` : undefined,
    providerCode: code,
    retryAfterMs: parseRetryAfter(headers.get('retry-after') ?? undefined, now),
  });
}
