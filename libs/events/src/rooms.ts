/** socket.io room names (DESIGN §3): every room a client may be in is derived from its own tenant. */
export const Rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  user: (userId: string) => `user:${userId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};
