export * from './auth-context';
export * from './request-context';
