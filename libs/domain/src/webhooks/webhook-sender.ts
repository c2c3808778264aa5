import { AppConfig } from '@app/config';
import { EgressDeniedError } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { TenantEgress } from '../egress/tenant-egress';

/** How much of a receiver's answer is kept with the attempt. */
export const WEBHOOK_RESPONSE_EXCERPT_BYTES = 512;

export interface WebhookPostResult {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  /** The egress policy refused the address: trying again will not help. */
  refused: boolean;
}

/**
 * POSTs a delivery through the egress policy (a name resolving to a private, loopback or link-local address is
 * refused at connect time, every time), within WEBHOOK_TIMEOUT_MS, never following a redirect (a 3xx is a
 * failure), and reads at most WEBHOOK_RESPONSE_EXCERPT_BYTES of the answer.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly egress: TenantEgress,
    private readonly config: AppConfig,
  ) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookPostResult> {
    const refusal = this.egress.refusal(url);
    if (refusal) return { statusCode: null, error: refusal, excerpt: null, refused: true };
    const signal = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    try {
      const response = await this.egress.fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal,
      });
      const excerpt = await readExcerpt(response);
      const ok = response.status >= 200 && response.status < 300;
      const redirected = response.status >= 300 && response.status < 400;
      return {
        statusCode: response.status,
        error: ok
          ? null
          : redirected
            ? `The receiver answered ${response.status}: redirects are not followed`
            : `The receiver answered ${response.status}`,
        excerpt,
        refused: false,
      };
    } catch (err) {
      const refused = causes(err).some((e) => e instanceof EgressDeniedError);
      const timedOut = signal.aborted;
      return {
        statusCode: null,
        error: timedOut
          ? `No answer within ${this.config.webhooks.timeoutMs} ms`
          : refused
            ? (causes(err).find((e) => e instanceof EgressDeniedError) as Error).message
            : `Could not reach the receiver: ${causes(err).at(-1)?.message ?? String(err)}`,
        excerpt: null,
        refused,
      };
    }
  }
}

function causes(err: unknown): Error[] {
  const out: Error[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) out.push(e);
  return out;
}

/** The first bytes of the answer (then the rest is not read). */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < WEBHOOK_RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // An answer cut off or too slow: what came is kept.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (!size) return null;
  const text = Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_EXCERPT_BYTES).toString('utf8');
  return text.replace(/\uFFFD$/, '');
}
