import { AppError, Clock } from '@app/common';
import { ApiKeyEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { API_KEY_PATTERN, apiKeyMatches, looksLikeApiKey } from './api-key-secret';
import { issuedBeforeRevocation, TokenClaims, TokenService } from './token.service';
import { UserAuthStates } from './user-auth-states';

/** Credentials as a client presents them: a bearer value (JWT or API key) or an X-API-Key header. */
export interface PresentedCredentials {
  bearer?: string;
  apiKey?: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns presented credentials into an AuthContext, for HTTP (through the passport strategies) and for the
 * socket.io handshake alike. The user's auth state (role, active, revocation) is read on every call, so a
 * deactivated user or a changed role takes effect at once.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly states: UserAuthStates,
    private readonly clock: Clock,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
  ) {}

  async authenticate(presented: PresentedCredentials): Promise<AuthContext> {
    const apiKey =
      presented.apiKey ??
      (presented.bearer && looksLikeApiKey(presented.bearer) ? presented.bearer : undefined);
    if (apiKey) return this.fromApiKey(apiKey);
    if (presented.bearer) return this.fromClaims(this.tokens.decode(presented.bearer, 'access'));
    throw AppError.unauthenticated();
  }

  private async fromClaims(claims: TokenClaims): Promise<AuthContext> {
    // Both Redis reads leave together (the client pipelines commands issued in the same tick).
    const [user] = await Promise.all([
      this.states.read(claims.tid, claims.sub),
      this.tokens.assertNotRevoked(claims),
    ]);
    if (!user || !user.active) throw AppError.unauthenticated('User is not active');
    if (issuedBeforeRevocation(claims, user.tokensRevokedAt)) throw AppError.unauthenticated('Token revoked');
    return {
      tenantId: claims.tid,
      role: user.role,
      userId: claims.sub,
      apiKeyId: null,
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
    };
  }

  private async fromApiKey(key: string): Promise<AuthContext> {
    const match = API_KEY_PATTERN.exec(key);
    if (!match) throw AppError.unauthenticated('Invalid API key');
    const row = await this.keys
      .createQueryBuilder('k')
      .addSelect('k.keyHash')
      .where('k.prefix = :prefix', { prefix: key.slice(0, 12) })
      .getOne();
    if (!row || !apiKeyMatches(key, row.keyHash) || row.revokedAt)
      throw AppError.unauthenticated('Invalid API key');
    this.touch(row);
    return { tenantId: row.tenantId, role: row.role, userId: null, apiKeyId: row.id };
  }

  /** Records last use at most once a minute per key, off the request's path. */
  private touch(row: ApiKeyEntity): void {
    const now = this.clock.now();
    if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    this.keys
      .update({ id: row.id, revokedAt: IsNull() }, { lastUsedAt: now })
      .catch((err: unknown) => this.logger.warn({ err, api_key_id: row.id }, 'Could not record API key use'));
  }
}
