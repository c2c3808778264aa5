export * from './local-llm.provider';
