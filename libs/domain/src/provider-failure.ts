import { AppError, ErrorCode } from '@app/common';
import { ProviderError } from '@app/providers';

/** What to tell the caller for each kind of provider failure. */
export type ProviderFailureMessages = Record<ProviderError['kind'], string>;

/**
 * A provider's failure over HTTP as 503 SERVICE_UNAVAILABLE naming its kind (never a 500), worded by `messages`;
 * anything else is answered as it is (to be rethrown).
 */
export function providerFailure(err: unknown, messages: ProviderFailureMessages): unknown {
  if (!(err instanceof ProviderError)) return err;
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, messages[err.kind], {
    provider: err.provider,
    kind: err.kind,
    provider_status: err.httpStatus ?? null,
    retryable: err.retryable,
  });
}
