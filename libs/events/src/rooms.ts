/** socket.io room names (DESIGN §3): every room a client may be in is derived from its own tenant. */
export const Rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  /** The tenant's sockets that see every conversation: managers, admins and their API keys (not agents). */
  staff: (tenantId: string) => `tenant:${tenantId}:staff`,
  user: (userId: string) => `user:${userId}`,
  /** The sockets of one login (its tokens' session): a logout closes them. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** The sockets an API key opened: its revocation makes them check their credentials at once. */
  apiKey: (apiKeyId: string) => `api-key:${apiKeyId}`,
  /** The sockets opened with the API keys one user made: a change of that user makes them check at once too. */
  apiKeysOf: (userId: string) => `api-keys-of:${userId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};

/**
 * The server-side event (through the Redis adapter, to every API process) that makes the sockets of one room check
 * their credentials again at once: its one argument is the room.
 */
export const RECHECK_SOCKETS = 'live:recheck';
