export * from './task-prompt';
export * from './classify-reply.prompt';
export * from './write-message.prompt';
export * from './product-context-turn.prompt';
export * from './run-agent.prompt';
