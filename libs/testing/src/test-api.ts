import { Clock, ManualClock } from '@app/common';
import type { AppConfig } from '@app/config';
import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ApiModule } from '../../../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../../../apps/api/src/app.setup';
import { testConfig } from './test-config';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  clock: ManualClock;
  /** http://127.0.0.1:<port> of the listening app (for socket.io clients). */
  url: string;
  http: TestAgent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  config?: AppConfig;
  clock?: ManualClock;
  /** Test-only modules mounted beside the app's own (a fixture controller, say). */
  imports?: ModuleMetadata['imports'];
}

/** The real API (Fastify, guards, pipes, filter, socket.io) on a free port, with a clock the test drives. */
export async function createTestApi(options: TestAppOptions = {}): Promise<TestApi> {
  const config = options.config ?? testConfig(options.env);
  const clock = options.clock ?? new ManualClock();
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot(config), ...(options.imports ?? [])],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    rawBody: true,
    logger: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    clock,
    url: `http://127.0.0.1:${address.port}`,
    http: request(app.getHttpServer()),
    close: () => app.close(),
  };
}
