import { isRawResponseRoute, ROOT_LOGGER, safeUrl, successEnvelope } from '@app/common';
import { ContextStore, logBindingsOf, RequestContext } from '@app/tenancy';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

type ContextRequest = FastifyRequest & { context?: ContextStore };

const QUIET_URLS = new Set(['/api/health']);
const DOCS_URL = '/api/docs';

/**
 * What every request goes through outside Nest, as Fastify hooks (cheaper than Nest middleware):
 * - its id in `X-Request-Id` on the answer;
 * - the request context (request id, then tenant and caller once authenticated) entered around the handler,
 *   so every log line written while it runs carries them;
 * - the success envelope around every answer but errors (the exception filter writes theirs), raw routes
 *   and the OpenAPI document (a Nest interceptor would cost a tenth of a simple request);
 * - one `request completed` line with method, URL (credentials redacted), status, time, tenant and caller.
 */
export function registerRequestLifecycle(app: NestFastifyApplication): void {
  const logger = app.get<Logger>(ROOT_LOGGER);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id);
    done();
  });
  fastify.addHook('preHandler', (req: ContextRequest, _reply, done) => {
    const store: ContextStore = { requestId: req.id };
    req.context = store;
    RequestContext.run(store, done);
  });
  // Fastify calls it for object payloads only: strings, buffers and streams (files, TwiML) pass untouched.
  fastify.addHook('preSerialization', (req, reply, payload, done) => {
    const own =
      reply.statusCode >= 400 || req.url.startsWith(DOCS_URL) || isRawResponseRoute(req.routeOptions.config);
    done(null, own ? payload : successEnvelope(payload));
  });
  fastify.addHook('onResponse', (req: ContextRequest, reply: FastifyReply, done) => {
    if (logger.isLevelEnabled('info') && !QUIET_URLS.has(req.url)) {
      logger.info(
        {
          request_id: req.id,
          ...logBindingsOf(req.context),
          req: { method: req.method, url: safeUrl(req.url), remote_address: req.ip },
          res: { status_code: reply.statusCode },
          response_time: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
