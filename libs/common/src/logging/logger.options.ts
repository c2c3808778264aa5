import type { AppConfig } from '@app/config';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import pino, { Logger } from 'pino';

/** Never logged: credentials, tokens, hashes, secrets, at any of the depths we log objects at. */
const SECRET_KEYS = [
  'password',
  'password_hash',
  'passwordHash',
  'token',
  'refresh_token',
  'access_token',
  'api_key',
  'apiKey',
  'key',
  'key_hash',
  'keyHash',
  'secret',
  'credentials',
  'authorization',
];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-hub-signature-256"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** The root pino logger (createRootLogger), for what logs outside Nest's logger: the API's request lines. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The request's id: the caller's X-Request-Id when it is sane, else a new UUID. */
export function requestIdFor(headers: Record<string, string | string[] | undefined>): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * A URL as it may be logged: credentials in its query string are replaced, among them `t`, the signed token of a
 * public media link and of the email open, click and unsubscribe links (each a working link to a file or an action).
 */
export function safeUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|key|api_key|secret|t)=)[^&]*/gi, '$1[redacted]');
}

/**
 * The process's one pino logger: JSON lines, secrets redacted, and on every line the fields `bindings`
 * returns for the current request (its id, tenant and caller), read from the request context.
 */
export function createRootLogger(
  config: AppConfig,
  app: 'api' | 'worker',
  bindings?: () => Record<string, unknown>,
): Logger {
  return pino({
    level: config.logLevel,
    base: { app, pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(bindings ? { mixin: bindings } : {}),
  });
}

/**
 * nestjs-pino options: its Logger and PinoLogger write through `root`. No per-request middleware (pino-http
 * made a child logger per request, a fifth of a simple request's cost): the API logs one line per request
 * from a Fastify hook, and the request context supplies the request's fields to every line.
 */
export function loggerParams(root: Logger): Params {
  return { pinoHttp: { logger: root }, forRoutes: [] };
}
