import { REDIS, RedisScript } from '@app/common';
import { AppConfig } from '@app/config';
import { fastSql, Role, SqlRunner, tenantQuery } from '@app/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** What decides whether a user's token still works, and with which role. */
export interface UserAuthState {
  version: number;
  role: Role;
  active: boolean;
  tokensRevokedAt: Date | null;
}

/** How long a published state lives in Redis: the bound on staleness if a writer dies between commit and publish. */
const TTL_SECONDS = 60;

/**
 * A request that finds its user's state with less than this left to live has it read again from Postgres, in the
 * background (once per user and process at a time), so that a busy user's state does not expire under load and
 * send every request in flight to Postgres at once.
 */
export const REFRESH_AHEAD_MS = 5_000;

/**
 * Sets the key unless it already holds a state of the same or a newer version. The same version only has its
 * lifetime renewed: Postgres was just read at that version, so no change is unpublished (every change bumps it).
 */
const SET_IF_NEWER = new RedisScript(
  `
local current = redis.call('GET', KEYS[1])
if current then
  local version = tonumber(string.match(current, '^(%d+)|'))
  if version and version > tonumber(ARGV[1]) then return 0 end
  if version and version == tonumber(ARGV[1]) then
    redis.call('EXPIRE', KEYS[1], ARGV[3])
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`,
  1,
);

function encodeAuthState(state: UserAuthState): string {
  const revoked = state.tokensRevokedAt ? String(state.tokensRevokedAt.getTime()) : '';
  return `${state.version}|${state.role}|${state.active ? 1 : 0}|${revoked}`;
}

/** A published state, or undefined when the value is not one (a newer release's shape, say). */
export function decodeAuthState(value: string): UserAuthState | undefined {
  const [version, role, active, revoked] = value.split('|');
  if (!version || !role || active === undefined || revoked === undefined) return undefined;
  return {
    version: Number(version),
    role: role as Role,
    active: active === '1',
    tokensRevokedAt: revoked ? new Date(Number(revoked)) : null,
  };
}

/**
 * Users' auth states (role, active flag, token revocation) as every authenticated request reads them: from
 * Redis, shared by all processes, else from Postgres. Every change bumps users.auth_version in its
 * transaction and publishes the new state after commit; a state is only ever replaced by a newer version, so
 * a reader that loaded an older row can never put it back over a change.
 */
@Injectable()
export class UserAuthStates {
  private readonly logger = new Logger(UserAuthStates.name);
  private readonly sql: SqlRunner;
  /** The reads for requests in flight, by user state key: one per user and process at a time. */
  private readonly reading = new Map<string, Promise<UserAuthState | null>>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    db: DataSource,
  ) {
    this.sql = fastSql(db);
  }

  /** Reads the state from Postgres and publishes it. Called by every change, after it commits. */
  async load(tenantId: string, userId: string): Promise<UserAuthState | null> {
    const [row] = await tenantQuery<{
      role: Role;
      is_active: boolean;
      tokens_revoked_at: Date | null;
      auth_version: number;
    }>(
      this.sql,
      tenantId,
      'SELECT role, is_active, tokens_revoked_at, auth_version FROM users WHERE tenant_id = $1 AND id = $2',
      [userId],
    );
    if (!row) return null;
    const state: UserAuthState = {
      version: row.auth_version,
      role: row.role,
      active: row.is_active,
      tokensRevokedAt: row.tokens_revoked_at,
    };
    await SET_IF_NEWER.run(
      this.redis,
      this.key(tenantId, userId),
      state.version,
      encodeAuthState(state),
      TTL_SECONDS,
    ).catch((err: unknown) => {
      this.logger.warn({ err, user_id: userId }, 'Could not publish a user auth state');
    });
    return state;
  }

  /**
   * The state for requests that found none in Redis (it expired, or was never published) or found it about to
   * expire: read from Postgres and published as `load` does, but once per user and process at a time. Callers
   * that come while a read is in flight share it (its result, or its error: a failed read is not kept, and the
   * next caller reads again). A change never comes here: it calls `load`, which reads after its commit.
   */
  read(tenantId: string, userId: string): Promise<UserAuthState | null> {
    const key = this.key(tenantId, userId);
    let read = this.reading.get(key);
    if (!read) {
      read = this.load(tenantId, userId).finally(() => this.reading.delete(key));
      this.reading.set(key, read);
    }
    return read;
  }

  /** Reads the state again ahead of its expiry, off the request's path (see REFRESH_AHEAD_MS). */
  refresh(tenantId: string, userId: string): void {
    if (this.reading.has(this.key(tenantId, userId))) return;
    this.read(tenantId, userId).catch((err: unknown) => {
      this.logger.warn({ err, user_id: userId }, 'Could not refresh a user auth state');
    });
  }

  /** Where the user's state is published (read by the API's per-request check too). */
  key(tenantId: string, userId: string): string {
    return this.config.redisKey('auth-user', tenantId, userId);
  }
}
