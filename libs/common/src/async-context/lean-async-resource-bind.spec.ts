import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { useLeanAsyncResourceBind } from './lean-async-resource-bind';

describe('useLeanAsyncResourceBind', () => {
  const nodeBind = AsyncResource.prototype.bind;
  const store = new AsyncLocalStorage<string>();
  beforeAll(() => useLeanAsyncResourceBind());
  afterAll(() => {
    AsyncResource.prototype.bind = nodeBind;
  });

  it('binds without the deprecated asyncResource property (DEP0172), whose getter and setter cost each bind', () => {
    const bound = new AsyncResource('test').bind(() => 1);
    expect(Object.getOwnPropertyNames(bound)).not.toContain('asyncResource');
    expect(AsyncResource.bind(() => 1)).not.toHaveProperty('asyncResource');
  });

  it("runs the function in the async context it was bound in, with the caller's this, its arguments and result", () => {
    const bound = store.run('bound here', () =>
      new AsyncResource('test').bind(function (this: unknown, a: number, b: number) {
        return { context: store.getStore(), self: this, sum: a + b };
      }),
    );
    const self = { name: 'caller' };
    const answer = store.run('called here', () => bound.call(self, 2, 3));
    expect(answer).toEqual({ context: 'bound here', self, sum: 5 });
    expect(bound).toHaveLength(2);
  });

  it('binds to thisArg when given one, and AsyncResource.bind binds to the context it is called in', () => {
    const target = { name: 'target' };
    // Node's types leave thisArg out of the instance method.
    const bindTo = (fn: () => unknown, thisArg: unknown) => {
      const resource = new AsyncResource('test');
      return (resource.bind as (f: () => unknown, t: unknown) => () => unknown).call(resource, fn, thisArg);
    };
    const bound = store.run('bound here', () =>
      bindTo(function (this: unknown) {
        return [store.getStore(), this];
      }, target),
    );
    expect(bound()).toEqual(['bound here', target]);
    const staticBound = store.run('static', () => AsyncResource.bind(() => store.getStore()));
    expect(staticBound()).toBe('static');
  });

  it('refuses what is not a function as Node does', () => {
    expect(() => new AsyncResource('test').bind(42 as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('keeps the async context of a body parsed by Fastify (its parser callback is bound this way)', async () => {
    const Fastify = (await import('fastify')).default;
    const app = Fastify();
    const seen: (string | undefined)[] = [];
    app.addHook('onRequest', (_req, _reply, done) => store.run('request', done));
    app.post('/', (req) => {
      seen.push(store.getStore());
      return req.body;
    });
    const res = await app.inject({ method: 'POST', url: '/', payload: { a: 1 } });
    await app.close();
    expect(res.json()).toEqual({ a: 1 });
    expect(seen).toEqual(['request']);
  });
});
