import { ApiErrors, AppError, ErrorCode } from '@app/common';
import type { RateLimitClass } from '@app/config';
import type { Role } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'reachline:public';
export const IS_WEBHOOK = 'reachline:webhook';
export const IS_PROBE = 'reachline:probe';
export const MIN_ROLE = 'reachline:min-role';
export const RATE_LIMIT_CLASS = 'reachline:rate-limit-class';

/** No credentials needed (they are still read when sent, for rate limiting and optional use). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiErrors(ErrorCode.RATE_LIMIT_EXCEEDED));

/**
 * A health probe (a load balancer's, an orchestrator's): public and never rate limited, so a busy address (every
 * client behind one proxy) cannot make a healthy process look down.
 */
export const Probe = () => applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(IS_PROBE, true));

/** A provider callback: no JWT (the provider's signature instead), no rate limit. */
export const Webhook = () => SetMetadata(IS_WEBHOOK, true);

/** Needs a signed-in user or API key: documented with both schemes and the 401 and 429 answers. */
export const Authenticated = () =>
  applyDecorators(
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiErrors(ErrorCode.AUTHENTICATION_REQUIRED, ErrorCode.RATE_LIMIT_EXCEEDED),
  );

/** The lowest role allowed (admin > manager > agent). */
export const Roles = (minimum: Role) =>
  applyDecorators(SetMetadata(MIN_ROLE, minimum), ApiErrors(ErrorCode.AUTHORIZATION_FAILED));

/** Which rate-limit class of DESIGN §3 a route counts against; the default is `api`. */
export const RateLimit = (cls: RateLimitClass) => SetMetadata(RATE_LIMIT_CLASS, cls);

interface RequestWithAuth {
  user?: AuthContext;
}

/** The caller; the route must not be public. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<RequestWithAuth>().user;
  if (!auth) throw AppError.unauthenticated();
  return auth;
});

/** The caller when credentials were sent and valid, else undefined (for public routes). */
export const OptionalAuth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext | undefined =>
    ctx.switchToHttp().getRequest<RequestWithAuth>().user,
);
