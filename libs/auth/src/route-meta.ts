import type { RateLimitClass } from '@app/config';
import type { Role } from '@app/db';
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { IS_PROBE, IS_PUBLIC, IS_WEBHOOK, MIN_ROLE, RATE_LIMIT_CLASS } from './decorators';

/** What the guards read from a route's decorators (handler first, then its controller). */
export interface RouteMeta {
  webhook: boolean;
  /** A health probe: never rate limited. */
  probe: boolean;
  public: boolean;
  minRole: Role | undefined;
  rateLimitClass: RateLimitClass | undefined;
}

/** Per handler: decorators are fixed once the app is built, so each route is read once per process. */
const cache = new WeakMap<object, WeakMap<object, RouteMeta>>();

export function routeMeta(reflector: Reflector, context: ExecutionContext): RouteMeta {
  const handler = context.getHandler();
  const cls = context.getClass();
  let byClass = cache.get(handler);
  let meta = byClass?.get(cls);
  if (meta) return meta;
  const targets = [handler, cls];
  meta = {
    webhook: Boolean(reflector.getAllAndOverride<boolean>(IS_WEBHOOK, targets)),
    probe: Boolean(reflector.getAllAndOverride<boolean>(IS_PROBE, targets)),
    public: Boolean(reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)),
    minRole: reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets),
    rateLimitClass: reflector.getAllAndOverride<RateLimitClass | undefined>(RATE_LIMIT_CLASS, targets),
  };
  if (!byClass) {
    byClass = new WeakMap();
    cache.set(handler, byClass);
  }
  byClass.set(cls, meta);
  return meta;
}
