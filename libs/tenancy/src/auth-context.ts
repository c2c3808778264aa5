import type { Role } from '@app/db';

/** Who is calling: a user (JWT) or an API key, always inside one tenant. */
export interface AuthContext {
  tenantId: string;
  role: Role;
  userId: string | null;
  apiKeyId: string | null;
  /** For an API key, the user who made it (the key acts as no more than they are now); null for an older key without one. */
  apiKeyCreatorId?: string | null;
  /** The access token's id and expiry (seconds since epoch), so logout can revoke it. */
  tokenId?: string;
  tokenExpiresAt?: number;
  /** The access token's session (its login), so logout can end it. */
  sessionId?: string;
}

/** The id a rate limit or an audit entry uses for the caller. */
export function principalKey(auth: AuthContext): string {
  return auth.userId ? `user:${auth.userId}` : `key:${auth.apiKeyId}`;
}
