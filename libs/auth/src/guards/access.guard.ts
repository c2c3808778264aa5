import { AppError } from '@app/common';
import { roleAtLeast } from '@app/db';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeMeta } from '../route-meta';
import type { AuthenticatedRequest } from './authentication.guard';

/** Last global guard: the role matrix of DESIGN §3. Authenticated unless @Public; at least the @Roles minimum. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const meta = routeMeta(this.reflector, context);
    if (meta.webhook || meta.public) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.user) throw req.authError ?? AppError.unauthenticated();
    if (meta.minRole && !roleAtLeast(req.user.role, meta.minRole))
      throw AppError.forbidden(`This needs the ${meta.minRole} role`);
    return true;
  }
}
