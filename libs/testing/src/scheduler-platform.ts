import type { ManualClock } from '@app/common';
import { loadConfig } from '@app/config';
import { isolatedDatabase } from './isolated-database';
import { publicUrl } from './public-url';
import { createTestApi, TestApi } from './test-api';
import { testEnv } from './test-config';
import { createTestWorker, TestWorker } from './test-worker';

export interface SchedulerPlatform {
  api: TestApi;
  workers: TestWorker[];
  /** PUBLIC_BASE_URL: where the simulator's signed callbacks arrive. */
  publicBaseUrl: string;
  close(): Promise<void>;
}

/**
 * The API and two workers in this process on one platform clock, with the campaign scheduler's tick on: on a
 * database of the file's own (the tick claims every active campaign's due enrollments), behind PUBLIC_BASE_URL,
 * with the simulator answering at once, never failing and never replying unless asked.
 */
export async function startSchedulerPlatform(
  clock: ManualClock,
  env: Record<string, string> = {},
): Promise<SchedulerPlatform> {
  const proxy = await publicUrl();
  const database = await isolatedDatabase();
  const vars = testEnv({
    DATABASE_URL: database.url,
    PUBLIC_BASE_URL: proxy.url,
    SIMULATOR_DELAY_MS: '0',
    SIMULATOR_FAILURE_RATE: '0',
    SIMULATOR_REPLY_RATE: '0',
    CAMPAIGN_TICK_MS: '100',
    ...env,
  });
  const api = await createTestApi({ config: loadConfig({ ...vars, WORKER_QUEUES: 'system' }), clock });
  proxy.target.port = Number(new URL(api.url).port);
  const config = loadConfig(vars);
  const workers = await Promise.all([1, 2].map(() => createTestWorker({ config, clock })));
  return {
    api,
    workers,
    publicBaseUrl: proxy.url,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await api.close();
      await proxy.close();
      await database.drop();
    },
  };
}
