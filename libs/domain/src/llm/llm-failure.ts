import { providerFailure, ProviderFailureMessages } from '../provider-failure';

const FAILURE_MESSAGES: ProviderFailureMessages = {
  auth: 'The LLM provider refused the API key',
  rate_limited: 'The LLM provider is rate limiting this key; try again later',
  unavailable: 'The LLM provider is unavailable; try again later',
  network: 'The LLM provider could not be reached or did not answer in time',
  rejected: 'The LLM provider rejected the request (check the model and base URL)',
  invalid_response: 'The LLM provider answered something that could not be read',
};

/**
 * A provider failure over HTTP (`POST llm/test-prompt`, AI agent runs, product-context chat): 503 SERVICE_UNAVAILABLE with the failure's
 * kind (never a 500). Anything else is rethrown as it is.
 */
export function llmFailure(err: unknown): unknown {
  return providerFailure(err, FAILURE_MESSAGES);
}
