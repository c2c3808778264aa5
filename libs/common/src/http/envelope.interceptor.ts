import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { Page } from '../pagination/page';

const RAW_RESPONSE = 'reachline:raw-response';
/** The handler answers its own body (TwiML, a file); no envelope. */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

/** Wraps every answer in `{ success: true, data }`, and a Page in `{ success, data, meta }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (raw) return next.handle();
    return next.handle().pipe(
      map((data: unknown) => {
        if (data instanceof Page) {
          return {
            success: true,
            data: data.items,
            meta: { total: data.total, limit: data.limit, offset: data.offset },
          };
        }
        return { success: true, data: data ?? null };
      }),
    );
  }
}
