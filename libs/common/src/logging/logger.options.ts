import type { AppConfig } from '@app/config';
import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

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

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The request's id: the caller's X-Request-Id when it is sane, else a new UUID. */
export function requestIdFor(headers: Record<string, string | string[] | undefined>): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function safeUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|key|api_key|secret)=)[^&]*/gi, '$1[redacted]');
}

/** nestjs-pino options for a process: JSON lines, request id on every line, secrets redacted. */
export function loggerParams(config: AppConfig, app: 'api' | 'worker'): Params {
  return {
    // assign() (tenant and caller, once known) reaches the request-completed line too.
    assignResponse: true,
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      base: { app, pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      customAttributeKeys: { reqId: 'request_id' },
      // Fastify gives the raw request its id (see createFastifyAdapter); other servers get one here.
      genReqId: (req: IncomingMessage) => (req.id ? String(req.id) : requestIdFor(req.headers)),
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: req.method,
          url: safeUrl(req.url),
          remote_address: req.remoteAddress,
        }),
        res: (res: { statusCode?: number }) => ({ status_code: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
      quietReqLogger: true,
    },
  };
}
