import { AppError } from '@app/common';
import { Role, roleAtLeast } from '@app/db';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, IS_WEBHOOK, MIN_ROLE } from '../decorators';
import type { AuthenticatedRequest } from './authentication.guard';

/** Last global guard: the role matrix of DESIGN §3. Authenticated unless @Public; at least the @Roles minimum. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_WEBHOOK, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.user) throw req.authError ?? AppError.unauthenticated();
    const minimum = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (minimum && !roleAtLeast(req.user.role, minimum))
      throw AppError.forbidden(`This needs the ${minimum} role`);
    return true;
  }
}
