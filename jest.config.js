/**
 * One jest run: unit (.spec), integration (.int-spec) and e2e (.e2e-spec) tests, on a database of its own.
 *
 * Test files run under jest-light-runner in two worker threads that keep their modules from one file to the next:
 * jest's own runner loads the whole app afresh for each file (about 2.5 s of CPU each, over half the run's time).
 * A file still gets its own API, worker, tenants and Redis prefix; what it must not do is change what other files
 * share in its thread (globals, a spy on a shared class, module state). The threads compile TypeScript with
 * @swc-node/register (tsconfig.json's decorators and paths), which `npm test` preloads; jest's transform below is
 * for the global setup and teardown, which run in jest's own thread.
 *
 * Worker threads, not jest-light-runner's child processes: with two of those, a child can miss the message that
 * hands it its settings and wait for good.
 */
const { TEST_TIMEOUT_MS } = require('./test/runner/test-timeout');

if (!(process.env.NODE_OPTIONS ?? '').includes('@swc-node/register')) {
  throw new Error(
    'Run the tests with `npm test` (`npm test -- <paths>` for some): it preloads the TypeScript compiler the test threads need',
  );
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  runner: 'jest-light-runner',
  testEnvironment: 'node',
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.ab/'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFilesAfterEnv: [
    '<rootDir>/test/runner/timeouts.js',
    '<rootDir>/test/runner/kill-started-processes.js',
  ],
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
  maxWorkers: 2,
  testTimeout: TEST_TIMEOUT_MS,
  cacheDirectory: '<rootDir>/.jest-cache',
};
