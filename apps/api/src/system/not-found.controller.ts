import { Public } from '@app/auth';
import { AppError, ErrorCode } from '@app/common';
import { All, Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/**
 * Any /api path no other route matches (Fastify's router prefers every concrete route to this wildcard).
 * Being a route, it passes the same guards, so an unknown route is counted and carries X-RateLimit-* headers.
 */
@ApiExcludeController()
@Controller()
export class NotFoundController {
  @All('*')
  @Public()
  notFound(): never {
    throw new AppError(ErrorCode.NOT_FOUND, 'Route not found');
  }
}
