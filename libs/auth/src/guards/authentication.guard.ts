import { AppError } from '@app/common';
import { AuthContext, RequestContext } from '@app/tenancy';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CredentialsService } from '../credentials.service';
import { IS_WEBHOOK } from '../decorators';
import { hasCredentials } from '../presented-credentials';
import type { CredentialsCarrier } from '../strategies/credentials.strategy';

export interface AuthenticatedRequest extends CredentialsCarrier {
  raw?: { id?: string };
  user?: AuthContext;
  authError?: AppError;
}

/**
 * First global guard: identifies the caller from a JWT or an API key and records it in the request context
 * (entered around the handler by the API's request hooks).
 * It never rejects: a bad credential is kept on the request for AccessGuard, after rate limiting has counted it.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('reachline-credentials') {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const store = RequestContext.current() ?? RequestContext.enter({ requestId: req.raw?.id });
    if (this.reflector.getAllAndOverride<boolean>(IS_WEBHOOK, [context.getHandler(), context.getClass()]))
      return true;
    if (!hasCredentials(req.headers)) return true;
    req.reachlineCredentials = this.credentials;
    try {
      await super.canActivate(context);
    } catch (err) {
      req.user = undefined;
      req.authError = err instanceof AppError ? err : AppError.unauthenticated('Invalid credentials');
      return true;
    }
    const auth = req.user as AuthContext;
    store.auth = auth;
    store.tenantId = auth.tenantId;
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err instanceof AppError ? err : AppError.unauthenticated('Invalid credentials');
    if (!user) throw AppError.unauthenticated('Invalid credentials');
    return user;
  }
}
