import { Clock, ManualClock } from '@app/common';
import type { AppConfig } from '@app/config';
import type { INestApplicationContext } from '@nestjs/common';
import { JobRunner } from '@app/queues';
import { Test } from '@nestjs/testing';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import type { TestAppOptions } from './test-api';
import { testConfig } from './test-config';

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestWorkerOptions extends TestAppOptions {
  /** Changes to the worker's module before it compiles (a provider overridden, say). */
  configure?: (builder: ReturnType<typeof Test.createTestingModule>) => void;
}

/** The real worker (job discovery, queue consumers, health server) in this process. */
export async function createTestWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  const config = options.config ?? testConfig(options.env);
  const clock = options.clock ?? new ManualClock();
  const builder = Test.createTestingModule({
    imports: [WorkerModule.forRoot(config), ...(options.imports ?? [])],
  });
  options.configure?.(builder);
  const moduleRef = await builder.overrideProvider(Clock).useValue(clock).compile();
  moduleRef.useLogger(false);
  try {
    await moduleRef.init();
    // Stopping a worker whose queues are still connecting leaves a rejection inside Bull; tests start fully.
    await moduleRef.get(JobRunner).whenStarted();
  } catch (err) {
    // Nest's close() awaits the failed start-up first and so would throw before releasing anything: forget the
    // failed start-up, then close, so a refused worker leaves no connection or server open.
    Object.assign(moduleRef, { initializationPromise: Promise.resolve() });
    await moduleRef.close();
    throw err;
  }
  const close = async () => {
    await moduleRef.get(JobRunner).drain();
    await moduleRef.close();
  };
  return { app: moduleRef, config, clock, close };
}
