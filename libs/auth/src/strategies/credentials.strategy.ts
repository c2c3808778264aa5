import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { CredentialsService } from '../credentials.service';
import { presentedCredentials } from '../presented-credentials';

/** What the authentication guard puts on the request for the strategy: its own app's credentials service. */
export interface CredentialsCarrier {
  headers: Record<string, string | string[] | undefined>;
  reachlineCredentials?: CredentialsService;
}

/**
 * The one passport strategy: a bearer JWT, a bearer API key or an X-API-Key header, judged by CredentialsService
 * (the same code the socket.io handshake uses). Passport keeps strategies in one process-wide registry, so the
 * strategy holds no state of its own: it uses the service the guard of the calling app put on the request.
 */
@Injectable()
export class CredentialsStrategy extends PassportStrategy(Strategy, 'reachline-credentials') {
  async validate(req: CredentialsCarrier): Promise<AuthContext> {
    const credentials = req.reachlineCredentials;
    if (!credentials) throw new Error('AuthenticationGuard must run before the credentials strategy');
    return credentials.authenticate(presentedCredentials(req.headers));
  }
}
