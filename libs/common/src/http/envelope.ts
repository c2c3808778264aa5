import { RouteConfig } from '@nestjs/platform-fastify';
import { Page } from '../pagination/page';

const RAW_RESPONSE = 'reachlineRawResponse';

/** The handler answers its own body (TwiML, a file); no envelope. */
export const RawResponse = () => RouteConfig({ [RAW_RESPONSE]: true });

/** Whether a route (by its Fastify route config) answers its own body. */
export function isRawResponseRoute(config: unknown): boolean {
  return (config as Record<string, unknown> | undefined)?.[RAW_RESPONSE] === true;
}

/** A successful answer's body: `{ success: true, data }`, and a Page as `{ success, data, meta }`. */
export function successEnvelope(payload: unknown): unknown {
  if (payload instanceof Page) {
    return {
      success: true,
      data: payload.items,
      meta: { total: payload.total, limit: payload.limit, offset: payload.offset, ...payload.extraMeta },
    };
  }
  return { success: true, data: payload ?? null };
}
