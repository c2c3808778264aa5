import { AppError, Clock, ErrorCode, REDIS } from '@app/common';
import { ApiKeyEntity, fastSql, lowerRole, Role, SqlRunner } from '@app/db';
import { AuthContext, principalKey } from '@app/tenancy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource, IsNull, Repository } from 'typeorm';
import { API_KEY_PATTERN, apiKeyMatches, looksLikeApiKey } from './api-key-secret';
import { checkToken, countRequest, CounterStep, TokenCheck } from './request-check';
import type { RequestCount } from './request-counter';
import { issuedBeforeRevocation, TokenClaims, TokenService } from './token.service';
import { decodeAuthState, REFRESH_AHEAD_MS, UserAuthState, UserAuthStates } from './user-auth-states';

/** Credentials as a client presents them: a bearer value (JWT or API key) or an X-API-Key header. */
export interface PresentedCredentials {
  bearer?: string;
  apiKey?: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * A key by its prefix (unique across tenants: the key names its tenant), with the state of the user who made it
 * (none when the key has no maker; a maker gone reads as inactive).
 */
const API_KEY_LOOKUP = `
  SELECT k.id, k.tenant_id, k.key_hash, k.role, k.created_by_id, k.last_used_at, k.revoked_at,
         u.role AS creator_role, coalesce(u.is_active, false) AS creator_active
    FROM api_keys k
    LEFT JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by_id
   WHERE k.prefix = $1`;

interface ApiKeyLookupRow {
  id: string;
  tenant_id: string;
  key_hash: string;
  role: Role;
  created_by_id: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  creator_role: Role | null;
  creator_active: boolean;
}

/** Who presented credentials are, or why they are refused, and the request's count when one was asked for. */
export interface Identification {
  /** The caller, when the credentials are valid. */
  auth: AuthContext | null;
  /** Why the credentials were refused (null when valid, or when none were presented). */
  error: AppError | null;
  count: RequestCount | null;
}

/** Which counter a request counts against, given the principal its credentials name (null: none valid). */
export type CounterChoice = (principal: string | null) => CounterStep | null;

const NOT_COUNTED: CounterChoice = () => null;

/** Why a token with a good signature is refused, or null when it is good (request-check.ts picks its counter alike). */
function refusal(claims: TokenClaims, revoked: boolean, user: UserAuthState | null): AppError | null {
  if (revoked) return AppError.unauthenticated('Token revoked');
  if (!user || !user.active) return AppError.unauthenticated('User is not active');
  if (issuedBeforeRevocation(claims, user.tokensRevokedAt)) return AppError.unauthenticated('Token revoked');
  return null;
}

function authError(err: unknown): AppError {
  return err instanceof AppError ? err : AppError.unauthenticated('Invalid credentials');
}

/**
 * Credentials that cannot be judged now (Redis or Postgres unreachable): a 503 the client tries again, never a 401
 * that would log it out or close its sockets.
 */
function unavailable(err: unknown): AppError {
  return err instanceof AppError
    ? err
    : new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'Credentials cannot be checked right now: try again shortly',
      );
}

/**
 * Turns presented credentials into an AuthContext, for HTTP (AuthenticationGuard) and for the socket.io
 * handshake alike. The user's auth state (role, active, revocation) and the token's revocation mark are read on
 * every call, from Redis (shared by all processes) in one round trip that also counts the request when asked,
 * so a deactivated user, a changed role or a revoked token takes effect on the next request in every process.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);
  private readonly sql: SqlRunner;

  constructor(
    private readonly tokens: TokenService,
    private readonly states: UserAuthStates,
    private readonly clock: Clock,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(REDIS) private readonly redis: Redis,
    db: DataSource,
  ) {
    this.sql = fastSql(db);
  }

  /** The caller; throws a 401 AppError when the credentials are missing or refused. */
  async authenticate(presented: PresentedCredentials): Promise<AuthContext> {
    const { auth, error } = await this.identify(presented);
    if (!auth) throw error ?? AppError.unauthenticated();
    return auth;
  }

  /**
   * Judges the credentials (none presented: no caller and no error) and counts the request against the
   * counter `counterFor` picks: for a JWT, in the same Redis round trip as its state and revocation checks.
   * Never rejects: a refusal is in `error`.
   */
  identify(presented: PresentedCredentials, counterFor = NOT_COUNTED): Promise<Identification> {
    // Promise chains rather than nested async functions: this runs on every request, and each extra promise
    // costs more with the request context's async hooks enabled.
    const apiKey =
      presented.apiKey ??
      (presented.bearer && looksLikeApiKey(presented.bearer) ? presented.bearer : undefined);
    if (apiKey)
      return this.fromApiKey(apiKey).then(
        (auth) => this.counted(auth, null, counterFor(principalKey(auth))),
        (err: unknown) => this.counted(null, unavailable(err), counterFor(null)),
      );
    if (!presented.bearer) return this.counted(null, null, counterFor(null));
    let claims: TokenClaims;
    try {
      claims = this.tokens.decode(presented.bearer, 'access');
    } catch (err) {
      return this.counted(null, authError(err), counterFor(null));
    }
    return this.fromClaims(claims, counterFor);
  }

  /** An identification already judged, with its counter step. */
  private counted(
    auth: AuthContext | null,
    error: AppError | null,
    step: CounterStep | null,
  ): Promise<Identification> {
    return this.count(step).then((count) => ({ auth, error, count }));
  }

  private async fromClaims(claims: TokenClaims, counterFor: CounterChoice): Promise<Identification> {
    // The signature is good, so the token names its user: it counts against that user if it is still good,
    // else against the caller's IP like any refused credential.
    const good = counterFor(
      principalKey({ tenantId: claims.tid, role: claims.role, userId: claims.sub, apiKeyId: null }),
    );
    const refused = counterFor(null);
    let check: TokenCheck;
    try {
      check = await checkToken(
        this.redis,
        {
          stateKey: this.states.key(claims.tid, claims.sub),
          revokedKey: this.tokens.revokedKey(claims.jti),
          sessionKey: claims.sid ? this.tokens.sessionKey(claims.sid) : null,
          iat: claims.iat,
          rv: claims.rv,
        },
        good && refused ? { good, refused } : null,
      );
    } catch (err) {
      // Without Redis the revocation mark cannot be read: the token is not taken now (and the request not counted).
      this.logger.warn({ err }, 'Could not check a token in Redis; not taken for now');
      const step = refused ?? good;
      return {
        auth: null,
        error: unavailable(err),
        count: step ? { step, reading: null, error: err } : null,
      };
    }
    let user: UserAuthState | null | undefined = check.state ? decodeAuthState(check.state) : undefined;
    let error: AppError | null = null;
    if (!user) {
      // Not in Redis (expired or never published): Postgres has it, and publishes it for the next request. One
      // read per user at a time: the requests in flight when a busy user's state expires share it.
      try {
        user = await this.states.read(claims.tid, claims.sub);
      } catch (err) {
        this.logger.warn({ err }, "Could not read a token's user; not taken for now");
        error = unavailable(err);
      }
    } else if (check.stateTtlMs !== null && check.stateTtlMs < REFRESH_AHEAD_MS) {
      // About to expire: read again in the background, so a busy user's requests do not all miss it at once.
      this.states.refresh(claims.tid, claims.sub);
    }
    error ??= refusal(claims, check.revoked, user ?? null);
    let count: RequestCount | null = null;
    if (check.counted) {
      const step = check.counted.on === 'good' ? good : refused;
      if (step) count = { step, reading: check.counted.reading };
    } else {
      // No state was in Redis, so nothing was counted: count now, on the counter the judgement picks.
      count = await this.count(error ? refused : good);
    }
    if (error || !user) return { auth: null, error: error ?? AppError.unauthenticated(), count };
    return {
      auth: {
        tenantId: claims.tid,
        role: user.role,
        userId: claims.sub,
        apiKeyId: null,
        tokenId: claims.jti,
        tokenExpiresAt: claims.exp,
        ...(claims.sid ? { sessionId: claims.sid } : {}),
      },
      error: null,
      count,
    };
  }

  /** A counter step alone (no token to check); a Redis failure leaves the request uncounted. */
  private async count(step: CounterStep | null): Promise<RequestCount | null> {
    if (!step) return null;
    try {
      return { step, reading: await countRequest(this.redis, step) };
    } catch (err) {
      return { step, reading: null, error: err };
    }
  }

  /**
   * A key acts as no more than the user who made it is now: refused while that user is inactive (or gone), and
   * with the lower of its own role and theirs. Read with the key, in the one statement, from Postgres (no copy
   * that a change of the user would have to reach in other processes).
   */
  private async fromApiKey(key: string): Promise<AuthContext> {
    const match = API_KEY_PATTERN.exec(key);
    if (!match) throw AppError.unauthenticated('Invalid API key');
    const [row] = (await this.sql.query(API_KEY_LOOKUP, [key.slice(0, 12)])) as ApiKeyLookupRow[];
    if (!row || !apiKeyMatches(key, row.key_hash) || row.revoked_at)
      throw AppError.unauthenticated('Invalid API key');
    if (row.created_by_id && !row.creator_active)
      throw AppError.unauthenticated('Invalid API key: the user who made it is not active');
    this.touch(row);
    return {
      tenantId: row.tenant_id,
      role: row.created_by_id ? lowerRole(row.role, row.creator_role as Role) : row.role,
      userId: null,
      apiKeyId: row.id,
      apiKeyCreatorId: row.created_by_id,
    };
  }

  /** Records last use at most once a minute per key, off the request's path. */
  private touch(row: ApiKeyLookupRow): void {
    const now = this.clock.now();
    if (row.last_used_at && now.getTime() - row.last_used_at.getTime() < LAST_USED_RESOLUTION_MS) return;
    this.keys
      .update({ id: row.id, revokedAt: IsNull() }, { lastUsedAt: now })
      .catch((err: unknown) => this.logger.warn({ err, api_key_id: row.id }, 'Could not record API key use'));
  }
}
