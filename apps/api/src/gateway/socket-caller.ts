import { CredentialsService, PresentedCredentials } from '@app/auth';
import { AppError, ErrorCode } from '@app/common';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { ClassCounterStep, RateLimiterService } from '../rate-limit/rate-limiter.service';

/** What the gateway keeps on a socket: who it is, and what its handshake presented. */
export interface SocketData {
  auth?: AuthContext;
  /** Checked again on every event, and every SOCKET_RECHECK_MS. */
  presented?: PresentedCredentials;
  /** The agents this socket is the own socket of (joined with `agent:join`): it gives them presence. */
  agents?: Set<string>;
}

/**
 * The caller of a client event, as an HTTP request's is judged: its credentials checked again (a revoked token or a
 * deactivated user is refused at once, a changed role applies) and the event counted against the caller's `api`
 * rate limit (DESIGN §3), in the one Redis round trip that checks a token.
 */
@Injectable()
export class SocketCaller {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly limiter: RateLimiterService,
  ) {}

  async of(socket: Socket): Promise<AuthContext> {
    const data = socket.data as SocketData;
    if (!data.auth || !data.presented) throw AppError.unauthenticated();
    const ip = socket.handshake.address;
    const counter = (principal: string | null): ClassCounterStep =>
      this.limiter.step('api', principal ?? `ip:${ip}`);
    const { auth, error, count } = await this.credentials.identify(data.presented, counter);
    if (!auth) throw error ?? AppError.unauthenticated();
    data.auth = auth;
    if (count) {
      const step = count.step as ClassCounterStep;
      const verdict = count.reading
        ? this.limiter.verdict(step.cls, count.reading)
        : this.limiter.unavailable(step.cls, count.error);
      if (!verdict.allowed)
        throw new AppError(
          ErrorCode.RATE_LIMIT_EXCEEDED,
          `Too many requests; retry in ${verdict.retryAfterSeconds} s`,
          { limit: verdict.limit, retry_after_seconds: verdict.retryAfterSeconds },
        );
    }
    return auth;
  }
}
