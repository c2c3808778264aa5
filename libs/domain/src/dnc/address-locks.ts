import type { SqlRunner } from '@app/db';

/** The tenant's lock over all its addresses: shared by a writer of a few of them, exclusive for a batch. */
const tenantKey = (tenantId: string) => `${tenantId}:addresses`;

/**
 * Takes the transaction's advisory locks on a tenant's addresses, one after another in one order: a lead created
 * and a do-not-contact entry added at once for the same address take turns, so the second sees what the first
 * committed (the lead is refused, or it is flagged), where each would otherwise read before the other commits.
 * First the tenant's lock, shared (so a batch holding it exclusively, `lockAllAddresses`, goes before or after).
 */
export async function lockAddresses(
  tx: SqlRunner,
  tenantId: string,
  addresses: { phone: string | null; email: string | null },
): Promise<void> {
  await lockAddressList(tx, tenantId, {
    phones: addresses.phone ? [addresses.phone] : [],
    emails: addresses.email ? [addresses.email] : [],
  });
}

/** `lockAddresses` for any number of phones and emails (a lead being erased was reached at several). */
export async function lockAddressList(
  tx: SqlRunner,
  tenantId: string,
  addresses: { phones: string[]; emails: string[] },
): Promise<void> {
  const keys = [
    ...new Set([
      ...addresses.phones.map((phone) => `${tenantId}:phone:${phone}`),
      ...addresses.emails.map((email) => `${tenantId}:email:${email.toLowerCase()}`),
    ]),
  ].sort();
  if (!keys.length) return;
  await tx.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [tenantKey(tenantId)]);
  for (const key of keys) await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/**
 * Takes turns with every `lockAddresses` of the tenant at once, in one lock: for a batch of up to a thousand leads,
 * whose two thousand address locks would fill a good part of the server's shared lock table (a few such batches
 * at once and every session of every tenant gets "out of shared memory").
 */
export async function lockAllAddresses(tx: SqlRunner, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [tenantKey(tenantId)]);
}
