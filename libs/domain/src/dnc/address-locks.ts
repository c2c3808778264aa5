import type { SqlRunner } from '@app/db';

/**
 * Takes the transaction's advisory locks on a tenant's addresses, one after another in one order: a lead created
 * and a do-not-contact entry added at once for the same address take turns, so the second sees what the first
 * committed (the lead is refused, or it is flagged), where each would otherwise read before the other commits.
 */
export async function lockAddresses(
  tx: SqlRunner,
  tenantId: string,
  addresses: { phone: string | null; email: string | null },
): Promise<void> {
  const keys = [
    ...(addresses.phone ? [`${tenantId}:phone:${addresses.phone}`] : []),
    ...(addresses.email ? [`${tenantId}:email:${addresses.email.toLowerCase()}`] : []),
  ].sort();
  for (const key of keys) await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
