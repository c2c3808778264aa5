import { AsyncResource } from 'node:async_hooks';

type AnyFunction = (...args: unknown[]) => unknown;

/** Node's own `AsyncResource.prototype.bind`: what a call that is not given a function gets (Node's error). */
const nodeBind = AsyncResource.prototype.bind as (
  this: AsyncResource,
  fn: unknown,
  thisArg?: unknown,
) => unknown;

/**
 * `asyncResource.bind(fn, thisArg)` without the deprecated `asyncResource` property (DEP0172) Node 20 defines on
 * every bound function: a getter and a setter, each wrapped by `util.deprecate`, which sets the prototype of its
 * wrapper to a function made for that call. So each bind made V8 build new maps (old-space objects) and drop its
 * inline caches. Fastify binds the body parser's callback this way for every request with a body (one bind per
 * Twilio status callback) and Nest once per interceptor of each request; without it bench:webhooks-cpu measured
 * the API's CPU per callback at 0.209 ms instead of 0.277 (medians of 10 alternating rounds). The bound function is
 * otherwise Node's: it runs `fn` in the resource's async context (AsyncLocalStorage included) with the caller's
 * `this` (or `thisArg`), and has `fn.length`. Nothing we run reads the property; Node 24 stopped setting those
 * prototypes (nodejs/node#59195) and the property is on its way out (nodejs/node#58618).
 */
function leanBind(this: AsyncResource, fn: AnyFunction, thisArg?: unknown): unknown {
  if (typeof fn !== 'function') return nodeBind.call(this, fn, thisArg);
  const bound = thisArg === undefined ? callerBound(this, fn) : this.runInAsyncScope.bind(this, fn, thisArg);
  Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
  return bound;
}

/** `fn` run in `resource`'s async context with the `this` it is called with. */
function callerBound(resource: AsyncResource, fn: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    return resource.runInAsyncScope(fn, this, ...args);
  };
}

/** Installs leanBind as every AsyncResource's `bind` (and so `AsyncResource.bind`) in this process; idempotent. */
export function useLeanAsyncResourceBind(): void {
  AsyncResource.prototype.bind = leanBind as typeof AsyncResource.prototype.bind;
}
