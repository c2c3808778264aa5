import { createTestApi, TestApi, TestAppOptions } from './test-api';
import { createTestWorker, TestWorker, TestWorkerOptions } from './test-worker';
import { UsedTestApi, usedTestApi } from './use-test-api';

export interface UsedTestApiAndWorker {
  readonly api: UsedTestApi;
  /** The worker on the API's config (its database and Redis prefix, so its queues) and, unless given one, clock. */
  readonly worker: TestWorker;
}

export interface TestApiAndWorkerOptions extends TestAppOptions {
  /**
   * The worker's own modules and overrides; `ownClock` gives it a clock of its own, started when it starts (after
   * the API's, which stands still), for a test that moves the worker's time alone.
   */
  worker?: Pick<TestWorkerOptions, 'imports' | 'configure'> & { ownClock?: boolean };
}

/**
 * useTestApi with a worker beside the API, in place of a `let api` and `let worker` that the block's own hooks
 * start and close: a beforeAll registered where this is called starts the API (`createTestApi(options)`), then the
 * worker on its config and clock with `options.worker` (modules, overrides, a clock of its own); options that
 * depend on what an earlier beforeAll started (a local server's URL) are given as a function that it calls. An
 * afterAll registered there stops the worker (letting its running jobs finish), then closes the API, even when the
 * worker failed to start or to stop. Hooks run in the order they are declared, so the block's beforeAll hooks after
 * the call see both started, its afterAll hooks before the call run while both still run, and those after it once
 * both are closed.
 */
export function useTestApiAndWorker(
  options: TestApiAndWorkerOptions | (() => TestApiAndWorkerOptions) = {},
): UsedTestApiAndWorker {
  let api: TestApi | undefined;
  let worker: TestWorker | undefined;
  beforeAll(async () => {
    const { worker: workerOptions, ...apiOptions } = typeof options === 'function' ? options() : options;
    api = await createTestApi(apiOptions);
    const { ownClock, ...modules } = workerOptions ?? {};
    worker = await createTestWorker({
      ...modules,
      config: api.config,
      clock: ownClock ? undefined : api.clock,
    });
  }, 60_000);
  afterAll(async () => {
    try {
      await worker?.close();
    } finally {
      await api?.close();
    }
  });
  const started = (): TestWorker => {
    if (!worker)
      throw new Error('useTestApiAndWorker: the worker is not started (read it inside hooks and tests)');
    return worker;
  };
  return {
    api: usedTestApi('useTestApiAndWorker', () => api),
    worker: {
      get app() {
        return started().app;
      },
      get config() {
        return started().config;
      },
      get clock() {
        return started().clock;
      },
      close: () => started().close(),
    },
  };
}
