import { LeadEntity, LeadIdentityEntity, tenantQuery } from '@app/db';
import type { LeadSummary } from '@app/events';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { uuidv7 } from 'uuidv7';
import { refreshContactFlags } from '../dnc/contact-flags';

/** A number of a broadcast, parsed. */
export interface BroadcastNumber {
  /** As the client wrote it (stored as the new lead's `phone`). */
  raw: string;
  e164: string;
  country: string | null;
  timezones: string[];
}

export interface BroadcastLeads {
  /** One lead per number that has or got one, in the order of the numbers. */
  leadIds: string[];
  /** The leads made now (for `lead.created`; at most the first 100). */
  created: LeadSummary[];
  createdCount: number;
  /** Numbers with no lead that are on the do-not-contact list for every channel: no lead is made for them. */
  doNotContact: number;
}

/** Leads made for a broadcast's new numbers carry this source. */
export const BROADCAST_LEAD_SOURCE = 'outbound_call';

/** Rows per INSERT: far under Postgres's 65,535 parameters. */
const INSERT_CHUNK = 2000;

/**
 * Finds the live lead of each number (through its phone identity, which keeps one live lead per address) or makes
 * one, set-based, inside the caller's transaction. Merges of a tenant's leads take turns with imports (the same
 * transaction-scoped advisory lock), so an import and a broadcast never make two leads for one number; a racing
 * single create can still win an address, which fails the transaction with a unique violation.
 */
export async function findOrCreateLeads(
  tx: EntityManager,
  tenantId: string,
  numbers: BroadcastNumber[],
): Promise<BroadcastLeads> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('lead-import:' || $1::text, 0))`, [tenantId]);
  const phones = numbers.map((n) => n.e164);
  const owners = await tenantQuery<{ address: string; lead_id: string }>(
    tx,
    tenantId,
    `SELECT address, lead_id FROM lead_identities
      WHERE tenant_id = $1 AND channel = 'phone' AND address = ANY($2::text[])`,
    [phones],
  );
  const owned = new Map(owners.map((o) => [o.address, o.lead_id]));
  const listed = await tenantQuery<{ phone: string }>(
    tx,
    tenantId,
    `SELECT DISTINCT phone_normalized AS phone FROM dnc_entries
      WHERE tenant_id = $1 AND channel = 'all' AND phone_normalized = ANY($2::text[])`,
    [phones],
  );
  const blocked = new Set(listed.map((d) => d.phone));
  const fresh = numbers.filter((n) => !owned.has(n.e164) && !blocked.has(n.e164));
  const rows = fresh.map((n) => ({
    id: uuidv7(),
    tenantId,
    phone: n.raw.trim(),
    phoneNormalized: n.e164,
    country: n.country,
    timezones: n.timezones,
    source: BROADCAST_LEAD_SOURCE,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await tx.insert(LeadEntity, chunk as QueryDeepPartialEntity<LeadEntity>[]);
    await tx.insert(
      LeadIdentityEntity,
      chunk.map((r) => ({ tenantId, leadId: r.id, channel: 'phone' as const, address: r.phoneNormalized })),
    );
  }
  // A channel-only do-not-contact entry (voice, say): the new lead is made, opted out of that channel.
  if (rows.length) await refreshContactFlags(tx, tenantId, { leadIds: rows.map((r) => r.id) });
  const made = new Map(rows.map((r) => [r.phoneNormalized, r.id]));
  return {
    leadIds: numbers.flatMap((n) => {
      const id = owned.get(n.e164) ?? made.get(n.e164);
      return id ? [id] : [];
    }),
    created: rows.slice(0, 100).map((r) => ({
      id: r.id,
      name: null,
      email: null,
      phone: r.phoneNormalized,
      source: r.source,
    })),
    createdCount: rows.length,
    doNotContact: numbers.filter((n) => !owned.has(n.e164) && blocked.has(n.e164)).length,
  };
}
