/**
 * Kills, after each test file and after its own afterAll hooks, every API or worker process the test kit started for
 * it (libs/testing processes.ts) that still runs. A file whose set-up threw or ran out of time before it held them
 * could not stop them itself, and they ran on beside the rest of the run, or after it.
 *
 * jest-light-runner has no per-file hook: it resets jest-circus's state, loads the file (which declares its tests
 * and hooks) and runs them, in a thread that keeps its modules from one file to the next. So the first test, hook or
 * describe a file declares also adds a beforeAll at its root; that runs once the whole file is declared, and adds the
 * afterAll after all of the file's own.
 */
const { getState } = require('jest-circus');
const { killStartedProcesses } = require('../../libs/testing/src/processes');

module.exports = function killStartedProcessesAfterEachFile() {
  const { beforeAll, afterAll } = globalThis;
  let armedFor;

  const arm = () => {
    const root = getState().rootDescribeBlock;
    if (root === armedFor) return;
    armedFor = root;
    beforeAll(() => {
      afterAll(killStartedProcesses);
    });
  };
  const armed = (declare) => {
    const wrapped = (...args) => {
      arm();
      return declare(...args);
    };
    return Object.assign(wrapped, declare);
  };
  const armedWithVariants = (declare) => {
    const wrapped = armed(declare);
    for (const variant of ['each', 'only', 'skip']) {
      if (declare[variant]) wrapped[variant] = armed(declare[variant]);
    }
    return wrapped;
  };

  for (const name of ['describe', 'it', 'test']) globalThis[name] = armedWithVariants(globalThis[name]);
  for (const name of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'])
    globalThis[name] = armed(globalThis[name]);
};
