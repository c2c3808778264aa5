import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { configureApp, createFastifyAdapter } from './app.setup';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    createFastifyAdapter(config),
    {
      rawBody: true,
      bufferLogs: true,
    },
  );
  configureApp(app, config);
  await app.listen(config.port, '0.0.0.0');
  const base = `http://localhost:${config.port}`;
  new Logger('Bootstrap').log(
    { port: config.port, docs: `${base}/api/docs` },
    `Reachline API listening; Swagger UI at ${base}/api/docs`,
  );
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`API failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
