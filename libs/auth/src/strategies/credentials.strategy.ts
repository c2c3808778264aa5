import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { Identification, PresentedCredentials } from '../credentials.service';
import { presentedCredentials } from '../presented-credentials';

/** What the authentication guard puts on the request for the strategy: how its app identifies (and counts) it. */
export interface CredentialsCarrier {
  headers: Record<string, string | string[] | undefined>;
  reachlineIdentify?: (presented: PresentedCredentials) => Promise<Identification>;
}

/**
 * The one passport strategy: a bearer JWT, a bearer API key or an X-API-Key header, judged by CredentialsService
 * (the same code the socket.io handshake uses). It never fails: the identification (the caller, or why not, and
 * the request's count) is what the guard reads. Passport keeps strategies in one process-wide registry, so the
 * strategy holds no state of its own: it calls what the guard of the calling app put on the request.
 */
@Injectable()
export class CredentialsStrategy extends PassportStrategy(Strategy, 'reachline-credentials') {
  validate(req: CredentialsCarrier): Promise<Identification> {
    if (!req.reachlineIdentify)
      throw new Error('AuthenticationGuard must run before the credentials strategy');
    return req.reachlineIdentify(presentedCredentials(req.headers));
  }
}
