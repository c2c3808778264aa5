import { loadConfig } from '@app/config';
import { JobProducer, QUEUE_NAMES } from '@app/queues';
import { DataSource } from 'typeorm';
import { publicUrl } from './public-url';
import { RunningClock } from './running-clock';
import { createTestApi, TestApi } from './test-api';
import { testEnv } from './test-config';
import { createTestWorker, TestWorker } from './test-worker';

export interface VoicePlatform {
  api: TestApi;
  workers: TestWorker[];
  db: DataSource;
  clock: RunningClock;
  close(): Promise<void>;
}

/** 15:00 UTC: 10:00 in New York, inside any calling window. */
export const VOICE_TEST_START = '2026-03-04T15:00:00Z';

/**
 * The API and two workers in this process behind PUBLIC_BASE_URL, on a running clock that starts inside calling
 * hours, with the telephony simulator's times scaled down 50 times (every talk lasts 180 s, 3.6 s here; a person alone
 * on the line still waits 20 s) and its outcome mix and other settings from `env` (e.g. `SIMULATOR_CALL_MIX: 'human:1'`).
 */
export async function startVoicePlatform(env: Record<string, string> = {}): Promise<VoicePlatform> {
  const clock = new RunningClock(VOICE_TEST_START);
  const proxy = await publicUrl();
  const config = loadConfig(
    testEnv({
      PUBLIC_BASE_URL: proxy.url,
      SIMULATOR_CALL_TIME_SCALE: '0.02',
      // A person alone on the line waits 20 s, not 0.4 s: a loaded machine may take longer than that to bridge.
      SIMULATOR_CALL_PATIENCE_MS: '1000000',
      // Every person talks the mean 180 s (3.6 s here). Drawn log-normal (SD 120 s) per random call id, about 1
      // talk in 1,100 passed 1,000 s (20 s here) and 1 in 4,300 passed 1,250 s: a bridged call then outlasted a
      // test's 30 s wait for its end on a loaded machine.
      SIMULATOR_CALL_TALK_SD_MS: '0',
      // Messages (a step or a workflow may send one) never fail and draw no reply, as on the scheduler platform: the
      // simulator's defaults failed 3 % and replied to 20 %, which no voice test asks for.
      SIMULATOR_FAILURE_RATE: '0',
      SIMULATOR_REPLY_RATE: '0',
      ...env,
    }),
  );
  const api = await createTestApi({ config, clock });
  proxy.target.port = Number(new URL(api.url).port);
  const workers = [await createTestWorker({ config, clock }), await createTestWorker({ config, clock })];
  return {
    api,
    workers,
    db: api.app.get(DataSource),
    clock,
    close: async () => {
      // Simulated calls keep calling back: let the running jobs finish, take no more.
      const producer = workers[0].app.get(JobProducer);
      await Promise.all(QUEUE_NAMES.map((name) => producer.queue(name).pause(true)));
      for (const w of workers) await w.close().catch(closedAlready);
      await api.close().catch(closedAlready);
      await proxy.close();
    },
  };
}

/** A Redis command still in flight when its connection closes at shutdown: the platform is going away anyway. */
function closedAlready(err: unknown): void {
  if (err instanceof Error && err.message === 'Connection is closed.') return;
  throw err;
}
