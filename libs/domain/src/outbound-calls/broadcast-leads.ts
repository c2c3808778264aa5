import { tenantQuery } from '@app/db';
import type { LeadSummary } from '@app/events';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { lockAllAddresses } from '../dnc/address-locks';

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
  // Then the tenant's addresses, all at once (as an import takes them): a do-not-contact entry added meanwhile goes
  // before (its number is skipped here) or after (it flags the lead).
  await lockAllAddresses(tx, tenantId);
  const phones = numbers.map((n) => n.e164);
  const owners = await tenantQuery<{ address: string; lead_id: string }>(
    tx,
    tenantId,
    `SELECT address, lead_id FROM lead_identities
      WHERE tenant_id = $1 AND channel = 'phone' AND address = ANY($2::text[])`,
    [phones],
  );
  const owned = new Map(owners.map((o) => [o.address, o.lead_id]));
  // Every do-not-contact entry of the numbers, read once: an entry for all channels keeps a new number from
  // becoming a lead, a channel's entry makes its lead opted out of that channel (what refreshContactFlags would
  // write, for a lead that has no email and no WhatsApp identity yet).
  const listed = await tenantQuery<{ phone: string; channel: string }>(
    tx,
    tenantId,
    `SELECT DISTINCT phone_normalized AS phone, channel::text AS channel FROM dnc_entries
      WHERE tenant_id = $1 AND phone_normalized = ANY($2::text[])`,
    [phones],
  );
  const blocked = new Set(listed.filter((d) => d.channel === 'all').map((d) => d.phone));
  const optedOut = new Map<string, string[]>();
  for (const { phone, channel } of listed) {
    if (channel !== 'all') optedOut.set(phone, [...(optedOut.get(phone) ?? []), channel]);
  }
  const fresh = numbers.filter((n) => !owned.has(n.e164) && !blocked.has(n.e164));
  const rows = fresh.map((n) => ({
    id: uuidv7(),
    phone: n.raw.trim(),
    phone_normalized: n.e164,
    country: n.country,
    timezones: n.timezones,
    opted_out_channels: [...(optedOut.get(n.e164) ?? [])].sort(),
  }));
  // Two statements whatever the count (the numbers go as one JSON array), not an INSERT per row or per chunk.
  if (rows.length) {
    const json = JSON.stringify(rows);
    await tx.query(
      `INSERT INTO leads (id, tenant_id, phone, phone_normalized, country, timezones, source, opted_out_channels)
       SELECT r.id, $1::uuid, r.phone, r.phone_normalized, r.country, r.timezones, $3, r.opted_out_channels
         FROM jsonb_to_recordset($2::jsonb)
           AS r(id uuid, phone text, phone_normalized text, country text, timezones text[], opted_out_channels text[])`,
      [tenantId, json, BROADCAST_LEAD_SOURCE],
    );
    await tx.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       SELECT $1::uuid, r.id, 'phone', r.phone_normalized
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, phone_normalized text)`,
      [tenantId, json],
    );
  }
  const made = new Map(rows.map((r) => [r.phone_normalized, r.id]));
  return {
    leadIds: numbers.flatMap((n) => {
      const id = owned.get(n.e164) ?? made.get(n.e164);
      return id ? [id] : [];
    }),
    created: rows.slice(0, 100).map((r) => ({
      id: r.id,
      name: null,
      email: null,
      phone: r.phone_normalized,
      source: BROADCAST_LEAD_SOURCE,
    })),
    createdCount: rows.length,
    doNotContact: numbers.filter((n) => !owned.has(n.e164) && blocked.has(n.e164)).length,
  };
}
