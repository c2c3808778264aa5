/**
 * jest-light-runner runs tests and hooks without a time limit: this puts jest's back (the config's testTimeout, or
 * the one a test or hook passes), so a test that hangs fails on its own instead of holding the whole run.
 */
const { TEST_TIMEOUT_MS } = require('./test-timeout');

/** fn, failing once it has run `ms` without settling. */
function limited(fn, ms, what) {
  if (typeof fn !== 'function') return fn;
  return function (...args) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Exceeded timeout of ${ms} ms for ${what}`)), ms);
    });
    return Promise.race([Promise.resolve().then(() => fn.apply(this, args)), expired]).finally(() =>
      clearTimeout(timer),
    );
  };
}

function limitTests(original) {
  const limit = (fn, timeout, name) => limited(fn, timeout ?? TEST_TIMEOUT_MS, `"${name}"`);
  const wrapped = (name, fn, timeout) => original(name, limit(fn, timeout, name), timeout);
  Object.assign(wrapped, original);
  wrapped.each = (...table) => {
    const bound = original.each(...table);
    return (name, fn, timeout) => bound(name, limit(fn, timeout, name), timeout);
  };
  return wrapped;
}

function limitHook(original, hook) {
  return (fn, timeout) => original(limited(fn, timeout ?? TEST_TIMEOUT_MS, `a ${hook} hook`), timeout);
}

module.exports = function limitTimes() {
  globalThis.it = limitTests(globalThis.it);
  globalThis.test = limitTests(globalThis.test);
  for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
    globalThis[hook] = limitHook(globalThis[hook], hook);
  }
};
