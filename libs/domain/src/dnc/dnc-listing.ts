import { DncChannel, DncReason, SqlRunner, tenantQuery } from '@app/db';

/** One address to list: a phone or an email (not both), on a channel or all, for a reason. */
export interface DncListing {
  phone: string | null;
  email: string | null;
  channel: DncChannel;
  reason: DncReason;
}

export interface ListedCounts {
  /** Entries that were not on the list. */
  added: number;
  /** Entries listed only by the person's own STOP (reason `stop_keyword`) that now carry this listing's reason. */
  takenOver: number;
}

/**
 * The reasons whose listing leaves an entry the person's own STOP made as it is: the STOP's own, and `erasure`
 * (only a file an admin imports lists it here, and it changes no entry: an erasure's entry is the erasure's, or a
 * restored list's, never a STOP's taken over).
 */
const KEEPS_STOP: readonly DncReason[] = ['stop_keyword', 'erasure'];

/**
 * Whether a listing for `reason` takes over an entry of the same address and channel that the person's own STOP
 * made: every reason but those of KEEPS_STOP does (DESIGN §7.1: a listing by an admin, an import or a bounce
 * stands until DELETE /api/dnc/:id removes it; the person's START lifts only their STOP).
 */
export const takesOverStop = (reason: DncReason) => !KEEPS_STOP.includes(reason);

/**
 * Puts `listings` on the tenant's do-not-contact list. What is not listed yet goes on it; an entry already there
 * stays as it is, unless only the person's STOP made it (reason `stop_keyword`) and this listing's reason takes
 * over a STOP (`takesOverStop`): it then takes the entry over (its reason and creator become this listing's), so a
 * later START no longer lifts it. One statement per kind of address, each atomic against a STOP or a START of the same
 * address at once: a conflicting entry being inserted or deleted is waited for, then taken over or inserted anew.
 * An address listed twice for one channel counts once (the listing that takes over a STOP first, else the first).
 */
export async function listAddresses(
  sql: SqlRunner,
  tenantId: string,
  listings: DncListing[],
  createdById: string | null,
): Promise<ListedCounts> {
  const counts: ListedCounts = { added: 0, takenOver: 0 };
  for (const column of ['phone_normalized', 'email'] as const) {
    const of = listings.flatMap((l) => {
      const address = column === 'email' ? l.email : l.phone;
      return address ? [{ ...l, address }] : [];
    });
    if (!of.length) continue;
    // `xmax = 0` tells a row this statement inserted from one it updated (an update leaves its lock in xmax).
    const [row] = await tenantQuery<{ added: number; taken_over: number }>(
      sql,
      tenantId,
      `WITH listed AS (
         INSERT INTO dnc_entries (tenant_id, ${column}, channel, reason, created_by_id)
         SELECT DISTINCT ON (e.address, e.channel) $1::uuid, e.address, e.channel, e.reason, $5::uuid
           FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(address, channel, reason, n)
          ORDER BY e.address, e.channel, e.reason = ANY($6::text[]), e.n
         ON CONFLICT (tenant_id, ${column}, channel) WHERE ${column} IS NOT NULL
         DO UPDATE SET reason = EXCLUDED.reason, created_by_id = EXCLUDED.created_by_id
          WHERE dnc_entries.tenant_id = $1 AND dnc_entries.reason = 'stop_keyword'
            AND EXCLUDED.reason <> ALL($6::text[])
         RETURNING xmax = 0 AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS added,
              count(*) FILTER (WHERE NOT inserted)::int AS taken_over
         FROM listed`,
      [of.map((l) => l.address), of.map((l) => l.channel), of.map((l) => l.reason), createdById, KEEPS_STOP],
    );
    counts.added += row.added;
    counts.takenOver += row.taken_over;
  }
  return counts;
}
