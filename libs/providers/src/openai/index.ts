export * from './openai-llm.adapter';
export { openAiCostUsd, openAiPrice } from './openai-pricing';
export { isReasoningModel } from './openai-api-styles';
