import {
  AllExceptionsFilter,
  ERROR_STATUS,
  ErrorCode,
  errorEnvelope,
  requestIdFor,
  useLeanAsyncResourceBind,
  useLeanParamPipes,
} from '@app/common';
import { AppConfig } from '@app/config';
import { RequestMethod } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { answerClientError } from './client-error';
import { RedisIoAdapter } from './gateway/redis-io.adapter';
import { registerEmailInboundBodies } from './webhooks/email-inbound-body';
import { registerRequestLifecycle } from './request-lifecycle';
import { setupSwagger } from './swagger';
import { multipartUploads } from './uploads/multipart-plugin';

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logger: false,
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers),
    clientErrorHandler: answerClientError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // What the router refuses before any route runs, in our envelope: a path segment longer than any id names
    // nothing (404); one that is no valid URL encoding is a bad request.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const code =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? ErrorCode.NOT_FOUND
          : error.code === 'FST_ERR_BAD_URL'
            ? ErrorCode.VALIDATION_ERROR
            : ErrorCode.INTERNAL_ERROR;
      const message =
        code === ErrorCode.NOT_FOUND
          ? 'Not found'
          : code === ErrorCode.VALIDATION_ERROR
            ? 'The URL is not valid'
            : 'Internal error';
      void reply.status(ERROR_STATUS[code]).send(errorEnvelope(code, message));
    },
  });
  // JSON, form posts (provider webhooks), multipart (file uploads) and raw email (the inbound-email webhook only):
  // any other body is a 415.
  adapter.getInstance().removeContentTypeParser('text/plain');
  skipCorsOnProviderWebhooks(adapter);
  acceptEmptyJsonBodies(adapter.getInstance());
  registerEmailInboundBodies(adapter.getInstance(), config);
  // multipart/form-data, read as a stream by the routes that take files (CSV imports): never buffered.
  void adapter.register(multipartUploads as never, {
    limits: { fileSize: config.imports.maxBytes, files: 5, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  });
  return adapter;
}

/**
 * An empty body sent as `Content-Type: application/json` is no body, as Express and most servers read it: clients that
 * set the header on every request (`POST .../start`, `POST auth/logout` with nothing to send) would otherwise get
 * Fastify's 400. The header is dropped before parsing, so Fastify treats the request as bodiless.
 */
function acceptEmptyJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    const headers = req.headers;
    const length = headers['content-length'];
    if (
      (length === undefined || length === '0') &&
      headers['transfer-encoding'] === undefined &&
      /^application\/json\b/i.test(headers['content-type'] ?? '')
    ) {
      delete headers['content-type'];
    }
    done();
  });
}

/**
 * The providers' callbacks, served under `/webhooks/<provider>` without the `/api` prefix (DESIGN §3); the tenant's
 * own outbound webhooks are managed under `/api/webhooks`, so the exclusion names each provider. `test` is the
 * tests' echo fixture.
 */
const PROVIDER_WEBHOOKS = ['twilio', 'whatsapp', 'telegram', 'email', 'email-inbound', 'media', 'test'];
/** @fastify/cors's options, as Nest's Fastify app takes them (the package is Nest's dependency, not ours). */
type FastifyCorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;
const PROVIDER_WEBHOOK_PATH = new RegExp(`^/webhooks/(?:${PROVIDER_WEBHOOKS.join('|')})(?:[/?]|$)`);

/** The dashboard's CORS (DESIGN §3); the providers' callbacks skip it (skipCorsOnProviderWebhooks). */
function corsOptions(config: AppConfig): FastifyCorsOptions {
  return {
    origin: config.corsOrigins,
    credentials: false,
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'],
    exposedHeaders: [
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'X-Request-Id',
      'Retry-After',
    ],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  };
}

type RequestHook = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

/**
 * No browser calls the providers' callbacks, so they answer without CORS headers and skip its work altogether:
 * Nest keeps @fastify/cors's request hook as the adapter's `corsHook` and runs it for every request (with a per-route
 * options delegator, it normalised two option objects and added `Vary: Origin` to each webhook answer, about 4% of
 * the API's CPU per Twilio status callback); kept through this accessor, it is passed over for those paths.
 */
function skipCorsOnProviderWebhooks(adapter: FastifyAdapter): void {
  let corsHook: RequestHook | undefined;
  Object.defineProperty(adapter, 'corsHook', {
    get: () => corsHook,
    set: (hook: RequestHook) => {
      corsHook = (req, reply, done) =>
        PROVIDER_WEBHOOK_PATH.test(req.url) ? done() : hook(req, reply, done);
    },
  });
}

/** Everything main.ts and the tests both do to an API app after creating it. */
export function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  // Each request with a body, and each Nest interceptor of a request, binds a callback to its async context.
  useLeanAsyncResourceBind();
  // Before the app's init, when Nest sets up each route's parameters.
  useLeanParamPipes();
  app.useLogger(app.get(Logger));
  registerRequestLifecycle(app);
  app.setGlobalPrefix('api', {
    exclude: PROVIDER_WEBHOOKS.flatMap((p) => [
      { path: `webhooks/${p}`, method: RequestMethod.ALL },
      { path: `webhooks/${p}/{*path}`, method: RequestMethod.ALL },
    ]),
  });
  app.enableCors(corsOptions(config));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config));
  app.enableShutdownHooks();
  setupSwagger(app);
}
