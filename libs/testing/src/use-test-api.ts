import { DataSource } from 'typeorm';
import { createTestApi, TestApi, TestAppOptions } from './test-api';

/** The API of a describe block's tests, and the DataSource it runs on. */
export interface UsedTestApi extends TestApi {
  readonly db: DataSource;
}

/**
 * The API (`createTestApi(options)`) for the tests of the calling describe block, in place of a `let api` that the
 * block's own hooks start and close: a beforeAll registered where this is called starts it, an afterAll registered
 * there closes it. Hooks run in the order they are declared, so the block's beforeAll hooks after the call see it
 * started, and its afterAll hooks after the call run once it is closed. Its fields answer inside hooks and tests.
 */
export function useTestApi(options: TestAppOptions = {}): UsedTestApi {
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await createTestApi(options);
  }, 60_000);
  afterAll(() => api?.close());
  return usedTestApi('useTestApi', () => api);
}

/** The fields of the API that `current` answers once a hook has started it; `by` names the helper that did. */
export function usedTestApi(by: string, current: () => TestApi | undefined): UsedTestApi {
  const started = (): TestApi => {
    const api = current();
    if (!api) throw new Error(`${by}: read the API inside hooks and tests`);
    return api;
  };
  return {
    get app() {
      return started().app;
    },
    get config() {
      return started().config;
    },
    get clock() {
      return started().clock;
    },
    get url() {
      return started().url;
    },
    get http() {
      return started().http;
    },
    get db() {
      return started().app.get(DataSource);
    },
    close: () => started().close(),
  };
}
