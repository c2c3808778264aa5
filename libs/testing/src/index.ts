export * from './factories';
export * from './test-api';
export * from './test-config';
export * from './test-worker';
export * from './wait-for';
export * from './processes';
