import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

type MultipartOptions = Parameters<typeof fastifyMultipart>[1];
type RequestHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
type HookDone = (err?: Error) => void;

/** A body @fastify/multipart may read (its parser takes `multipart/form-data`; any multipart is counted, to be safe). */
const MULTIPART = /^\s*multipart\//i;

/**
 * One of @fastify/multipart's request hooks, run only for a multipart request: they clean up the temporary files
 * `saveRequestFiles` writes, which only a multipart body can have. Every other request (a provider's webhook, a
 * JSON call) skips them: each was an async hook (a promise and a microtask each) and a `close` listener per request.
 */
export function multipartOnly(hook: RequestHook) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookDone): void => {
    if (!MULTIPART.test(request.headers['content-type'] ?? '')) return done();
    hook(request, reply).then(() => done(), done);
  };
}

/** The instance as @fastify/multipart sees it: its onRequest and onResponse hooks go through multipartOnly. */
function multipartOnlyHooks(fastify: FastifyInstance): FastifyInstance {
  return new Proxy(fastify, {
    get(target, prop) {
      if (prop === 'addHook') {
        return (name: string, hook: RequestHook) =>
          name === 'onRequest' || name === 'onResponse'
            ? target.addHook(name, multipartOnly(hook))
            : target.addHook(name as never, hook as never);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * @fastify/multipart (multipart/form-data read as a stream by the routes that take files: CSV imports, attachments,
 * inbound email), registered on the root instance as the package registers itself, its request hooks run only for
 * multipart requests (multipartOnly).
 */
export const multipartUploads: FastifyPluginAsync<MultipartOptions> = (fastify, options) =>
  new Promise((resolve, reject) =>
    fastifyMultipart(multipartOnlyHooks(fastify), options, (err?: Error) => (err ? reject(err) : resolve())),
  );
Object.assign(multipartUploads, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@fastify/multipart',
});
