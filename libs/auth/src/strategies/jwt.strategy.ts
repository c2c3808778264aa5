import { AppConfig } from '@app/config';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { CredentialsService } from '../credentials.service';
import type { TokenClaims } from '../token.service';

/** Bearer JWTs. Expiry is checked on the platform clock by CredentialsService, not by jsonwebtoken's wall clock. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly credentials: CredentialsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
      algorithms: ['HS256'],
      ignoreExpiration: true,
    });
  }

  validate(claims: TokenClaims): Promise<AuthContext> {
    return this.credentials.fromClaims(claims);
  }
}
