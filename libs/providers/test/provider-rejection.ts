import { ProviderError } from '../src/provider-error';

/** The ProviderError a provider call rejected with (the assertion fails when it resolved or threw anything else). */
export async function providerRejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
