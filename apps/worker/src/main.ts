import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobRunner } from '@app/queues';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM / SIGINT: stop taking jobs and let those in flight finish, then close Redis, Postgres, queues.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void app
        .get(JobRunner)
        .drain()
        .then(() => app.close())
        .finally(() => process.exit(0));
    });
  }
  await app.init();
  new NestLogger('Bootstrap').log({ health_port: config.workerHealthPort }, 'Reachline worker started');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`Worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
