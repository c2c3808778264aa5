export * from './llm.port';
export * from './messaging.port';
export * from './telephony.port';
