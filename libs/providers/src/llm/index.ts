export * from './llm.port';
export * from './llm-tasks';
