export * from './llm.port';
export * from './llm-tasks';
export * from './llm-answer.error';
