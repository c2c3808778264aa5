import { ErrorCode, mapException } from '@app/common';
import { assertTenantId, IdentityChannel, LeadEntity, leadFromJson, LeadJson, tenantQuery } from '@app/db';
import type { TenantEntity } from '@app/db';
import type { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { lockAllAddresses } from '../dnc/address-locks';
import { refreshContactFlags } from '../dnc/contact-flags';
import { duplicateError } from './lead-identities';
import { LeadFields, LeadInput, prepareLead } from './lead-input';
import { qualificationAfter } from './lead-qualification';
import { invalidLead, leadWithoutAddress, onDoNotContactList } from './lead-refusals';

export interface BulkLeadResult {
  index: number;
  lead?: LeadEntity;
  error?: { code: ErrorCode; message: string; details?: unknown };
}

type ItemError = NonNullable<BulkLeadResult['error']>;

/** An item that passed validation: its columns, its addresses (identity keys) and the id it gets if created. */
interface Candidate {
  index: number;
  id: string;
  fields: LeadFields;
  phone: string | null;
  /** As given (the do-not-contact list is matched on Postgres' lower() of it, as for one lead). */
  email: string | null;
  /** Lower-cased as the identity holds it. */
  emailKey: string | null;
}

/** What one pass over the candidates decided, in the order of the array. */
interface Plan {
  refused: Map<number, ItemError>;
  create: Candidate[];
}

/** An item's address was taken by a writer that does not take the address locks (an import): decide again. */
class AddressTaken extends Error {
  constructor() {
    super('An address of the batch was taken by another writer, again and again');
  }
}
/** The database refused an item's value (a name split longer than its column): found, reported, decided again. */
class ValueRefused extends Error {
  constructor(readonly refusal: unknown) {
    super('A value of the batch was refused');
  }
}
/** Rolls a probe's savepoint back. */
class Probed extends Error {}

const MAX_PASSES = 10;
const errorOf = (err: unknown): ItemError => mapException(err).body.error;
const isClientError = (err: unknown) => mapException(err).status < 500;

/** The lead columns an item can set; the others take their defaults (coalesce where the column has one). */
const INSERT_LEADS = `
  INSERT INTO leads (id, tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezone,
                     timezones, company, position, source, type, value, priority, status, score, classification,
                     qualification_status, score_overridden, classification_overridden, tags, custom_fields, notes,
                     owner_id)
  SELECT r.id, $1::uuid, r.first_name, r.last_name, r.email, r.phone, r.phone_normalized, r.country, r.timezone,
         coalesce(r.timezones, '{}'), r.company, r.position, r.source, r.type, r.value,
         coalesce(r.priority, 'normal'), coalesce(r.status, 'new'), coalesce(r.score, 0), r.classification,
         r.qualification_status, coalesce(r.score_overridden, false), coalesce(r.classification_overridden, false),
         coalesce(r.tags, '{}'), coalesce(r.custom_fields, '{}'), r.notes, r.owner_id
    FROM jsonb_to_recordset($2::jsonb) AS r(
      id uuid, first_name text, last_name text, email text, phone text, phone_normalized text, country text,
      timezone text, timezones text[], company text, position text, source text, type text, value numeric,
      priority text, status text, score smallint, classification text, qualification_status text,
      score_overridden boolean, classification_overridden boolean, tags text[], custom_fields jsonb, notes text,
      owner_id uuid)
   ORDER BY r.id
  RETURNING to_jsonb(leads) AS lead`;

function leadRow(c: Candidate): Record<string, unknown> {
  const f = c.fields;
  return {
    id: c.id,
    first_name: f.firstName,
    last_name: f.lastName,
    email: f.email,
    phone: f.phone,
    phone_normalized: f.phoneNormalized,
    country: f.country,
    timezone: f.timezone,
    timezones: f.timezones,
    company: f.company,
    position: f.position,
    source: f.source,
    type: f.type,
    value: f.value,
    priority: f.priority,
    status: f.status,
    score: f.score,
    classification: f.classification,
    qualification_status: f.qualificationStatus,
    score_overridden: f.scoreOverridden,
    classification_overridden: f.classificationOverridden,
    tags: f.tags,
    custom_fields: f.customFields,
    notes: f.notes,
    owner_id: f.ownerId,
  };
}

/**
 * POST leads with an array, set-based: each item created or reported exactly as it would be if the items were
 * created one after another (an item is checked against the leads the earlier items created), in one transaction
 * of a few statements whatever the count. Validation (per item, in Node), then under the tenant's address lock:
 * the all-channel do-not-contact entries and the owners of every address, read once; each item in turn refused (on
 * the list for all channels, or its phone or email owned by a lead or by an earlier item just claimed) or claimed;
 * the claimed inserted in one statement, their identities in another (the unique key decides a race with an
 * import, after which the items are decided again), then their contact flags (opted out of the channels the list
 * names them for) in a third, as for one lead.
 */
export async function createLeadBatch(
  db: DataSource,
  tenant: TenantEntity,
  inputs: LeadInput[],
): Promise<BulkLeadResult[]> {
  const results: BulkLeadResult[] = inputs.map((_, index) => ({ index }));
  const candidates = await prepareItems(db, tenant, inputs, results);
  if (!candidates.length) return results;
  const outcome = await db.transaction((tx) => writeCandidates(tx, tenant.id, candidates));
  for (const [index, error] of outcome.refused) results[index].error = error;
  for (const [index, lead] of outcome.created) results[index].lead = lead;
  return results;
}

/** Each item validated and normalised as one lead is; the refused get their error, the others are candidates. */
async function prepareItems(
  db: DataSource,
  tenant: TenantEntity,
  inputs: LeadInput[],
  results: BulkLeadResult[],
): Promise<Candidate[]> {
  const prepared = inputs.map((input) => {
    const lead = prepareLead(input, [undefined, tenant.defaultCountry]);
    const qualification = qualificationAfter(lead.fields, undefined, tenant);
    if (qualification) lead.fields.qualificationStatus = qualification;
    return lead;
  });
  const ownerIds = [...new Set(prepared.flatMap((p) => (p.fields.ownerId ? [p.fields.ownerId] : [])))];
  const owners = new Set(
    ownerIds.length
      ? (
          await tenantQuery<{ id: string }>(
            db,
            tenant.id,
            'SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
            [ownerIds],
          )
        ).map((u) => u.id)
      : [],
  );
  const candidates: Candidate[] = [];
  for (const [index, { fields, errors }] of prepared.entries()) {
    if (fields.ownerId && !owners.has(fields.ownerId))
      errors.push({ field: 'owner_id', reason: 'is not a user of this tenant' });
    const phone = fields.phoneNormalized ?? null;
    const email = fields.email ?? null;
    if (errors.length) results[index].error = errorOf(invalidLead(errors));
    else if (!phone && !email) results[index].error = errorOf(leadWithoutAddress());
    else
      candidates.push({ index, id: uuidv7(), fields, phone, email, emailKey: email?.toLowerCase() ?? null });
  }
  return candidates;
}

async function writeCandidates(
  tx: EntityManager,
  tenantId: string,
  candidates: Candidate[],
): Promise<{ refused: Map<number, ItemError>; created: Map<number, LeadEntity> }> {
  // The addresses of the whole batch at once: a do-not-contact entry added meanwhile goes before (this sees it)
  // or after (it flags the lead); one lead created or moved meanwhile goes before (this sees its identity) or after.
  await lockAllAddresses(tx, tenantId);
  const blocking = await blockingEntries(tx, tenantId, candidates);
  const valueErrors = new Map<number, ItemError>();
  for (let pass = 1; ; pass++) {
    const plan = decide(candidates, blocking, await addressOwners(tx, tenantId, candidates), valueErrors);
    try {
      const created = await tx.transaction((sp) => insertPlanned(sp, tenantId, plan.create));
      return { refused: plan.refused, created };
    } catch (err) {
      if (err instanceof AddressTaken && pass < MAX_PASSES) continue;
      if (!(err instanceof ValueRefused)) throw err;
      const found = await refusedValues(tx, tenantId, plan.create);
      if (!found.size) throw err.refusal;
      for (const [index, error] of found) valueErrors.set(index, error);
    }
  }
}

/**
 * The do-not-contact entry that refuses each candidate, as for one lead: the oldest all-channel entry for its phone
 * or email. (The channel entries only opt the created lead out: its contact flags, refreshed after the insert.)
 */
async function blockingEntries(
  tx: EntityManager,
  tenantId: string,
  candidates: Candidate[],
): Promise<Map<number, string>> {
  const rows = await tenantQuery<{ n: number; blocking: string }>(
    tx,
    tenantId,
    `SELECT * FROM (
       SELECT c.n,
              (SELECT d.id FROM dnc_entries d
                WHERE d.tenant_id = $1 AND d.channel = 'all'
                  AND (d.phone_normalized = c.phone OR d.email = lower(c.email))
                ORDER BY d.created_at LIMIT 1) AS blocking
         FROM unnest($2::int[], $3::text[], $4::text[]) AS c(n, phone, email)) b
      WHERE b.blocking IS NOT NULL`,
    [candidates.map((c) => c.index), candidates.map((c) => c.phone), candidates.map((c) => c.email)],
  );
  return new Map(rows.map((r) => [r.n, r.blocking]));
}

const addressKey = (channel: IdentityChannel, address: string) => `${channel}:${address}`;

/** The live lead that owns each of the candidates' phones and emails. */
async function addressOwners(
  tx: EntityManager,
  tenantId: string,
  candidates: Candidate[],
): Promise<Map<string, string>> {
  const wanted = candidates.flatMap((c) => [
    ...(c.phone ? [['phone', c.phone]] : []),
    ...(c.emailKey ? [['email', c.emailKey]] : []),
  ]);
  const rows = await tenantQuery<{ channel: IdentityChannel; address: string; lead_id: string }>(
    tx,
    tenantId,
    `SELECT channel, address, lead_id FROM lead_identities
      WHERE tenant_id = $1 AND (channel, address) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [wanted.map((w) => w[0]), wanted.map((w) => w[1])],
  );
  return new Map(rows.map((r) => [addressKey(r.channel, r.address), r.lead_id]));
}

/**
 * Each candidate in the order of the array, as one create after another would meet it: on the do-not-contact list
 * (422), else its phone or email owned by a lead or by an earlier candidate created here (409 naming them), else
 * a value the database refused (its error), else created, owning its addresses for the candidates after it.
 */
function decide(
  candidates: Candidate[],
  blocking: Map<number, string>,
  owners: Map<string, string>,
  valueErrors: Map<number, ItemError>,
): Plan {
  const owned = new Map(owners);
  const plan: Plan = { refused: new Map(), create: [] };
  for (const c of candidates) {
    const entry = blocking.get(c.index);
    if (entry) {
      plan.refused.set(c.index, errorOf(onDoNotContactList(entry)));
      continue;
    }
    // In the order identityOwners answers them (channel order: the email first).
    const found = (
      [
        ['email', c.emailKey],
        ['phone', c.phone],
      ] as const
    ).flatMap(([channel, address]) => {
      const leadId = address ? owned.get(addressKey(channel, address)) : undefined;
      return leadId ? [{ channel, lead_id: leadId }] : [];
    });
    if (found.length) {
      plan.refused.set(c.index, errorOf(duplicateError(found)));
      continue;
    }
    const valueError = valueErrors.get(c.index);
    if (valueError) {
      plan.refused.set(c.index, valueError);
      continue;
    }
    plan.create.push(c);
    if (c.phone) owned.set(addressKey('phone', c.phone), c.id);
    if (c.emailKey) owned.set(addressKey('email', c.emailKey), c.id);
  }
  return plan;
}

/** The planned leads, their identities and contact flags; answers the leads as they were written. */
async function insertPlanned(
  tx: EntityManager,
  tenantId: string,
  create: Candidate[],
): Promise<Map<number, LeadEntity>> {
  if (!create.length) return new Map();
  assertTenantId(tenantId);
  let rows: { lead: LeadJson }[];
  try {
    rows = await tx.query(INSERT_LEADS, [tenantId, JSON.stringify(create.map(leadRow))]);
  } catch (err) {
    if (isClientError(err)) throw new ValueRefused(err);
    throw err;
  }
  const identities = create.flatMap((c) => [
    ...(c.phone ? [{ lead: c.id, channel: 'phone', address: c.phone }] : []),
    ...(c.emailKey ? [{ lead: c.id, channel: 'email', address: c.emailKey }] : []),
  ]);
  const inserted: unknown[] = await tx.query(
    `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
     SELECT $1::uuid, i.lead_id, i.channel, i.address
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS i(lead_id, channel, address)
     ON CONFLICT DO NOTHING RETURNING lead_id`,
    [
      tenantId,
      identities.map((i) => i.lead),
      identities.map((i) => i.channel),
      identities.map((i) => i.address),
    ],
  );
  if (inserted.length < identities.length) throw new AddressTaken();
  const byId = new Map(rows.map((r) => [r.lead.id, leadFromJson(r.lead)]));
  // Their flags, from the do-not-contact entries for their addresses, as for one lead; the leads it changed (opted
  // out of a channel: no longer the '{}' and false they were inserted with) are read again, in one statement.
  const flaggedIds = await refreshContactFlags(tx, tenantId, { leadIds: create.map((c) => c.id) });
  if (flaggedIds.length) {
    const flagged = await tenantQuery<{ lead: LeadJson }>(
      tx,
      tenantId,
      `SELECT to_jsonb(l) AS lead FROM leads l WHERE l.tenant_id = $1 AND l.id = ANY($2::uuid[])`,
      [flaggedIds],
    );
    for (const r of flagged) byId.set(r.lead.id, leadFromJson(r.lead));
  }
  return new Map(create.map((c) => [c.index, byId.get(c.id) as LeadEntity]));
}

/** Which of the planned leads the database refuses a value of (each tried alone, then rolled back), and why. */
async function refusedValues(
  tx: EntityManager,
  tenantId: string,
  create: Candidate[],
): Promise<Map<number, ItemError>> {
  const refused = new Map<number, ItemError>();
  for (const c of create) {
    try {
      await tx.transaction(async (sp) => {
        await sp.query(INSERT_LEADS, [tenantId, JSON.stringify([leadRow(c)])]);
        throw new Probed();
      });
    } catch (err) {
      if (err instanceof Probed) continue;
      if (!isClientError(err)) throw err;
      refused.set(c.index, errorOf(err));
    }
  }
  return refused;
}
