import { writeFileSync } from 'node:fs';
import { runEntry } from '../../../libs/testing/src/processes';
import { testEnv } from '../../../libs/testing/src/test-config';

/**
 * A file whose set-up starts a worker process and then throws before it holds it: its afterAll has nothing to stop.
 * Run by kill-started-processes.int-spec.ts, which reads the worker's pid from LEAKY_PID_FILE.
 */
describe('a set-up that fails after starting a process', () => {
  beforeAll(() => {
    const child = runEntry('worker', testEnv());
    writeFileSync(process.env.LEAKY_PID_FILE ?? '', String(child.pid));
    throw new Error('set-up failed after starting a worker');
  });

  it('never gets here', () => {
    expect(true).toBe(true);
  });
});
