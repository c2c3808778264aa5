import { lazyPackage } from '@app/common';
import type { Twilio } from 'twilio';
import type { EgressPolicy } from '../http/egress-policy';
import { ProviderError } from '../provider-error';
import type { TwilioCredentials } from './twilio-credentials';

/**
 * The `twilio` SDK with its HTTP stack (axios; some 160 modules, over 4 MB of heap), loaded by the first call an
 * account makes rather than when the API or worker starts: webhooks only check signatures and write TwiML.
 */
const sdk = lazyPackage(() => import('./twilio-request.client'));

/** One Twilio account: its credentials checked now, its SDK client (createTwilioClient) made at its first call. */
export class TwilioAccount {
  private client?: Promise<Twilio>;

  constructor(
    private readonly credentials: TwilioCredentials,
    private readonly now: () => Date,
    private readonly egress?: EgressPolicy,
  ) {
    if (!credentials.account_sid || !credentials.auth_token) {
      throw new Error('Twilio credentials need account_sid and auth_token');
    }
  }

  /** The account's SDK client. */
  sdk(): Promise<Twilio> {
    return (this.client ??= sdk
      .load()
      .then(({ createTwilioClient }) => createTwilioClient(this.credentials, this.now, this.egress)));
  }

  /** Runs an SDK call on the account's client (callTwilio). */
  async call<T>(fn: (client: Twilio) => Promise<T>): Promise<T> {
    const client = await this.sdk();
    return callTwilio(() => fn(client));
  }
}

/** Runs an SDK call; anything but a ProviderError (a RestException from another path, a bug) is wrapped. */
export async function callTwilio<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') {
      const code = (error as { code?: unknown }).code;
      throw ProviderError.fromHttp('twilio', status, {
        message: (error as Error).message,
        providerCode: code === undefined ? undefined : String(code),
      });
    }
    throw new ProviderError({
      provider: 'twilio',
      kind: 'invalid_response',
      message: `Twilio call failed: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
      mayHaveBeenSent: true,
      cause: error,
    });
  }
}
