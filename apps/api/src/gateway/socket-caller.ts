import { CredentialsService, Identification, PresentedCredentials } from '@app/auth';
import { AppError, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { ipCaller } from '../rate-limit/ip-caller';
import { ClassCounterStep, RateLimiterService } from '../rate-limit/rate-limiter.service';
import { clientIp, TrustedHop, trustedHop } from './client-ip';

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
  private readonly trusted: TrustedHop;

  constructor(
    private readonly credentials: CredentialsService,
    private readonly limiter: RateLimiterService,
    config: AppConfig,
  ) {
    this.trusted = trustedHop(config.trustProxy);
  }

  /** The client's IP as HTTP takes it: behind our proxies (TRUST_PROXY), not the proxy's own address. */
  ipOf(socket: Socket): string {
    return clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], this.trusted);
  }

  async of(socket: Socket): Promise<AuthContext> {
    const data = socket.data as SocketData;
    if (!data.auth || !data.presented) throw AppError.unauthenticated();
    const ip = this.ipOf(socket);
    const { auth, error, count } = await this.credentials.identify(data.presented, (principal) =>
      this.limiter.step('api', principal ?? ipCaller(ip)),
    );
    if (!auth) throw error ?? AppError.unauthenticated();
    data.auth = auth;
    this.withinLimit(count);
    return auth;
  }

  /**
   * A handshake's credentials: a refused one counts against the client's IP, as a refused credential does over
   * HTTP (a guessed token or API key costs a Redis or Postgres look-up each), and past the limit every handshake
   * from that IP is refused RATE_LIMIT_EXCEEDED. Good credentials are counted by their client events instead.
   */
  async handshake(presented: PresentedCredentials, ip: string): Promise<AuthContext> {
    const { auth, error, count } = await this.credentials.identify(presented, (principal) =>
      principal ? null : this.limiter.step('api', ipCaller(ip)),
    );
    this.withinLimit(count);
    if (!auth) throw error ?? AppError.unauthenticated();
    return auth;
  }

  private withinLimit(count: Identification['count']): void {
    if (!count) return;
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
}
