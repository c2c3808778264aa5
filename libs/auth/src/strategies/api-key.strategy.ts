import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { looksLikeApiKey } from '../api-key-secret';
import { CredentialsService } from '../credentials.service';
import { presentedCredentials } from '../presented-credentials';

/** API keys, as `X-API-Key` or as a bearer value. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly credentials: CredentialsService) {
    super();
  }

  async validate(req: {
    headers: Record<string, string | string[] | undefined>;
  }): Promise<AuthContext | false> {
    const presented = presentedCredentials(req.headers);
    const key =
      presented.apiKey ??
      (presented.bearer && looksLikeApiKey(presented.bearer) ? presented.bearer : undefined);
    if (!key) return false;
    return this.credentials.fromApiKey(key);
  }
}
