export * from './simulator-callbacks';
export * from './simulator-ledger';
export * from './simulator-messaging.adapter';
export * from './simulator-plan';
export * from './simulator-rate-limit';
export * from './simulator-scheduler';
