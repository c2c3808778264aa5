/**
 * The run's own settings (its runner, threads and per-file hooks) for the one file here, without the run's database
 * set-up and teardown: the file starts no app that needs them, and the outer run that starts this one has them.
 */
const { join } = require('node:path');
const base = require('../../../jest.config');

module.exports = {
  ...base,
  rootDir: join(__dirname, '../../..'),
  testRegex: 'test/runner/leaky-suite/.*\\.fixture\\.ts$',
  globalSetup: undefined,
  globalTeardown: undefined,
  reporters: ['default'],
};
