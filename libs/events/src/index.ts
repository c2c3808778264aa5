export * from './events.module';
export * from './live-events';
export * from './rooms';
export * from './room-presence';
