/**
 * A condition (always true) that makes its statement's transaction commit without waiting for the WAL to reach the
 * disk: `synchronous_commit` off for that transaction only (set_config's `is_local`), so the connection's later
 * transactions commit durably as before. Postgres evaluates it once, as the plan's one-time filter, whether or not
 * the statement finds a row. A committed write may then be lost only by a crash of Postgres itself (not of our
 * process), and never out of order: any later durable commit flushes it too. Only for a write whose loss is
 * recovered by other means (DESIGN §7.6: a lost mark-sent is reconciled by the provider's look-up), or that a durable
 * commit of its own rows always follows before it matters (a campaign step's message: the sender's claim of that
 * row flushes it before the provider call); never for a claim itself, nor for a record that a provider call may
 * follow with no durable commit in between. Add it to the statement's WHERE with AND.
 */
export const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) = 'off'`;
