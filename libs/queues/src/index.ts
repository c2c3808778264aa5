export * from './job-backoff';
export * from './job-payloads';
export * from './job-producer';
export * from './job-runner';
export * from './on-job.decorator';
export * from './queue-admin.service';
export * from './queue-names';
export * from './queues.module';
