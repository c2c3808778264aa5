import { AppError } from '@app/common';
import { AuthContext, RequestContext } from '@app/tenancy';
import { ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CredentialsService, Identification } from '../credentials.service';
import { hasCredentials } from '../presented-credentials';
import { RequestCount, RequestCounter } from '../request-counter';
import { routeMeta } from '../route-meta';
import type { CredentialsCarrier } from '../strategies/credentials.strategy';

export interface AuthenticatedRequest extends CredentialsCarrier {
  raw?: { id?: string };
  user?: AuthContext;
  authError?: AppError;
  /** The request's count, when the app provides a RequestCounter (the API's rate limiter reads it). */
  requestCount?: RequestCount | null;
}

/**
 * First global guard: identifies the caller from a JWT or an API key through the passport strategy and records it
 * in the request context (entered around the handler by the API's request hooks). When the app provides a
 * RequestCounter, the request is counted too, for a JWT in the same Redis round trip as the token's checks.
 * It never rejects: a bad credential is kept on the request for AccessGuard, after rate limiting has judged
 * the count.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('reachline-credentials') {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    @Optional() private readonly counter?: RequestCounter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const store = RequestContext.current() ?? RequestContext.enter({ requestId: req.raw?.id });
    if (routeMeta(this.reflector, context).webhook) return true;
    const counter = this.counter;
    req.reachlineIdentify = (presented) =>
      this.credentials.identify(
        presented,
        counter ? (principal) => counter.counterFor(context, principal) : undefined,
      );
    await super.canActivate(context);
    const identified = req.user as unknown as Identification;
    if (counter) req.requestCount = identified.count;
    const auth = identified.auth;
    if (!auth) {
      req.user = undefined;
      // An Authorization header that is neither a bearer token nor an API key is refused like a bad one.
      const error = identified.error ?? (hasCredentials(req.headers) ? AppError.unauthenticated() : null);
      if (error) req.authError = error;
      return true;
    }
    req.user = auth;
    store.auth = auth;
    store.tenantId = auth.tenantId;
    return true;
  }

  /** The strategy never fails: what it identified (or why not) is the guard's to read. */
  override handleRequest<T>(err: unknown, identified: T): T {
    if (err) throw err;
    return identified;
  }
}
