import { clientSql, type ImportResults } from '@app/db';
import type { LeadSummary } from '@app/events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unholdLeadsWaits } from '../campaigns/held-waits';
import { COUNTRY_ZONES_JSON, leadZonesSql } from '../contact-policy/contact-policy.service';
import { lockAllAddresses } from '../dnc/address-locks';
import { MAX_LEAD_TAGS } from '../leads/lead-input';
import { refreshContactFlags } from '../dnc/contact-flags';
import { STAGING_COLUMNS } from './staging-line';

export type RowOutcome = 'invalid' | 'dnc' | 'duplicate' | 'insert' | 'update';

export interface BatchOutcome {
  counts: Record<RowOutcome, number>;
  /** Up to 100 of the leads the batch created, for the `lead.created` event. */
  created: LeadSummary[];
  /** The existing leads whose contact flags the batch changed (refreshContactFlags): their campaigns' opted_out. */
  flagged: string[];
}

export interface BatchScope {
  tenantId: string;
  importId: string;
  onDuplicate: 'skip' | 'update';
  /** The platform clock's time: held campaign turns of leads the batch moved to other zones are due then. */
  now: Date;
  /**
   * An earlier attempt at these rows may have committed some of their new leads (a second connection's half,
   * `BatchSplit`) and died before the rest: rows whose lead exists (by its id, import-lead-ids.ts) are
   * counted inserted and not written again. A probe per row, so only for a retried batch or a resumed import.
   */
  recover?: boolean;
}

/**
 * Half of a batch's rows worked on a second connection while the batch's own works the other half, so two Postgres
 * backends (two cores) share most of a merge: the look-ups of the rows' addresses (do-not-contact entries and
 * existing leads' identities) and the inserts of the new leads. The batch's connection stages every row and decides
 * them all (a duplicate of an earlier row needs them all), taking the later half's look-ups from the second
 * connection, which then writes that half's new leads; the halves share no address. The second connection looks up
 * only once the batch holds the tenant's locks, and commits first, in a transaction of its own; the batch's
 * transaction (its half, updates, errors and progress) commits after it, still holding those locks, so nobody sees
 * the tenant's addresses between the two. A process that dies between the commits leaves the second half's leads
 * without the batch's progress: the batch is merged again with `recover`.
 */
export interface BatchSplit {
  /** Runs `work` on the second connection in a transaction of its own, committed when it resolves. */
  transaction(work: (client: PoolClient) => Promise<void>): Promise<void>;
}

/**
 * The statistics target of the staging table's ANALYZE: a sample of 300 times it rows. At the default (100) every row
 * of a 20,000-row batch was read and sorted per column, 2.0 us of backend CPU per row; the plans only need the rough
 * row counts and distinct fractions a sample of 3,000 gives.
 */
const STAGING_STATISTICS_TARGET = 10;
/** The bytes that end a COPY text line and its row number (neither occurs inside a UTF-8 character). */
const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * The memory a sort or hash of a batch's transaction may take before it spills to temporary files. The new leads
 * are written in id order, a sort of their whole staging rows (~0.6 kB each): at the default 4 MB the sort of a
 * 20,000-row batch went to disk (an external merge of 5.5 MB written and read back); 64 MB keeps batches up to
 * IMPORT_BATCH_ROWS' ceiling of 100,000 rows in memory. Only the import's transactions take it.
 */
const BATCH_WORK_MEM = '64MB';

/**
 * The settings of a batch's transaction. Short statements over small sets: compiling them (JIT) costs more than it
 * saves. Sorts stay in memory (BATCH_WORK_MEM). Its commit does not wait for the WAL to reach the disk (a batch of leads and their indexes writes megabytes
 * of it): a crash of Postgres may lose the last batches committed, their leads and the progress that counts them
 * alike, and the import resumes after the last batch kept. A split batch's second half commits before the batch, so
 * its commit is kept whenever the batch's is (the WAL is kept in order); a batch lost with its second half kept is
 * what `recover` is for. The import's end (completeImport) commits as usual, and so makes every batch durable before
 * it is reported completed.
 */
const BATCH_SETTINGS = `SELECT set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true),
                               set_config('default_statistics_target', '${STAGING_STATISTICS_TARGET}', true),
                               set_config('work_mem', '${BATCH_WORK_MEM}', true)`;

/** The staging table: one transaction's rows, dropped at commit. Types are loose; lengths were checked in Node. */
const STAGING = `
  CREATE TEMP TABLE import_batch (
    row integer NOT NULL, id uuid NOT NULL, first_name text, last_name text, email text, email_key text,
    phone text, phone_normalized text, country text, timezone text, timezones text[], company text,
    position text, source text, type text, value numeric, priority text, status text, tags text[],
    custom_fields jsonb, notes text, errors jsonb, outcome text, phone_lead uuid, email_lead uuid, lead_id uuid,
    was_zones jsonb, moved boolean
  ) ON COMMIT DROP`;

/** Rows whose new lead an earlier attempt committed (`BatchScope.recover`): inserted, and written already. */
const RECOVER = `UPDATE import_batch b SET outcome = 'insert', lead_id = b.id
    WHERE b.outcome IS NULL AND EXISTS (SELECT 1 FROM leads l WHERE l.tenant_id = $1 AND l.id = b.id)`;

/** The lead holding an address (a probe of uq_lead_identities_address), as a scalar sub-select. */
const identityLead = (channel: 'phone' | 'email', address: string) =>
  `SELECT i.lead_id FROM lead_identities i WHERE i.tenant_id = $1 AND i.channel = '${channel}' AND i.address = ${address}`;

/**
 * Each row's outcome, decided in the promised order by set-based statements (LOOK_UP, of the rows `rows` selects,
 * then DECIDE, of all the batch's rows): invalid (decided in Node), then
 * do-not-contact (an all-channel entry on its phone or email), then a phone of one lead with the email of
 * another (an error naming both), then a duplicate of an earlier row of the file (in this batch, or written by
 * this import before), then an existing lead (skipped or updated), else a new lead. `lead_id` is the live lead a
 * row stands for, the one the import's campaign takes: the existing lead it updated or matched; none for a duplicate
 * of an earlier row of this batch (that row's lead is the person). The existing leads' rows are decided by MATCHED;
 * a row still undecided after it (outcome NULL) is a new lead, whose id is the row's `id`. It is not written again to
 * say so: that rewrite of most of the staging rows left a dead copy of each for every later statement to read past.
 * (A row whose new lead an earlier attempt wrote is marked by RECOVER: outcome 'insert', lead_id its id.)
 */
const LOOK_UP = (rows: string) => [
  `UPDATE import_batch b SET outcome = 'dnc'
    WHERE b.outcome IS NULL AND ${rows}
      AND (EXISTS (SELECT 1 FROM dnc_entries d
                    WHERE d.tenant_id = $1 AND d.channel = 'all' AND d.phone_normalized = b.phone_normalized)
        OR EXISTS (SELECT 1 FROM dnc_entries d
                    WHERE d.tenant_id = $1 AND d.channel = 'all' AND d.email = b.email_key))`,
  // Correlated look-ups: one probe of the identities' key per address (a join planned on statistics that have not
  // seen the tenant's identities scans them per row; so does a probe estimated at one row, which may take the
  // (tenant, lead) index: the run analyzes both tables after its first batch where they do not know the tenant).
  // One statement for both, writing only the rows that found a lead (probed again for the SET): each row it
  // writes is a new copy of the whole staging row, which every later statement of the batch reads past.
  `UPDATE import_batch b SET phone_lead = (${identityLead('phone', 'b.phone_normalized')}),
                             email_lead = (${identityLead('email', 'b.email_key')})
    WHERE b.outcome IS NULL AND ${rows}
      AND ((${identityLead('phone', 'b.phone_normalized')}) IS NOT NULL
        OR (${identityLead('email', 'b.email_key')}) IS NOT NULL)`,
];

/** What the look-ups (LOOK_UP) found on the second connection, for the batch's connection (TAKE_LOOKED_UP). */
const LOOKED_UP = `SELECT coalesce(array_agg(row), '{}') AS rows, coalesce(array_agg(outcome = 'dnc'), '{}') AS dnc,
        coalesce(array_agg(phone_lead), '{}') AS phone_leads, coalesce(array_agg(email_lead), '{}') AS email_leads
   FROM import_batch WHERE outcome = 'dnc' OR phone_lead IS NOT NULL OR email_lead IS NOT NULL`;

interface LookedUp {
  rows: number[];
  dnc: boolean[];
  phone_leads: (string | null)[];
  email_leads: (string | null)[];
}

const TAKE_LOOKED_UP = `UPDATE import_batch b
    SET outcome = CASE WHEN f.dnc THEN 'dnc' END, phone_lead = f.phone_lead, email_lead = f.email_lead
   FROM unnest($1::int[], $2::boolean[], $3::uuid[], $4::uuid[]) AS f (row, dnc, phone_lead, email_lead)
  WHERE b.row = f.row AND b.outcome IS NULL`;

/** The rest of the decision (see LOOK_UP), on the batch's connection, once it has every row's look-ups. */
const DECIDE = [
  // The leads found are locked, and only live ones count: an archive that committed since their identities were
  // read (releasing them) leaves the row a new lead, never an update of the archived one; an erased one is gone.
  // Each is locked by a probe of its key, in id order, as the identities are read: a join was planned as a scan
  // of all the tenant's leads (per batch) on statistics that had not seen them yet. Rows find theirs by hash.
  // FOR NO KEY UPDATE, as the UPDATE below takes: it holds off an archive or an erasure, never a foreign key's
  // key-share (a concurrent enrollment holding the campaign's row this batch then waits for: a deadlock).
  `WITH found AS (
     SELECT (SELECT l.id FROM leads l WHERE l.tenant_id = $1 AND l.id = ids.id AND l.archived_at IS NULL
              FOR NO KEY UPDATE) AS id
       FROM (SELECT phone_lead AS id FROM import_batch WHERE phone_lead IS NOT NULL
             UNION SELECT email_lead FROM import_batch WHERE email_lead IS NOT NULL ORDER BY 1) ids)
   UPDATE import_batch b
      SET phone_lead = CASE WHEN b.phone_lead IN (SELECT id FROM found) THEN b.phone_lead END,
          email_lead = CASE WHEN b.email_lead IN (SELECT id FROM found) THEN b.email_lead END
    WHERE b.phone_lead IS NOT NULL OR b.email_lead IS NOT NULL`,
  // A phone of one lead and the email of another, one of them created by an earlier batch of this file: a
  // duplicate of that earlier row, as it is when both rows fall in one batch (the batch size decides nothing). A
  // lead the file only updated was there before it started (created before the import's start): in one batch, as
  // in two, the row meets two existing leads and is the error below. (Each lead is probed by its key: a join on
  // both was planned as a scan of all the tenant's leads.)
  `UPDATE import_batch b SET outcome = 'duplicate'
    WHERE b.outcome IS NULL AND b.phone_lead <> b.email_lead
      AND EXISTS (SELECT 1 FROM unnest(ARRAY[b.phone_lead, b.email_lead]) AS m (id)
                   WHERE (SELECT l.last_import_id = $2::uuid
                                 AND l.created_at >= (SELECT i.started_at FROM lead_imports i
                                                       WHERE i.tenant_id = $1 AND i.id = $2::uuid)
                            FROM leads l WHERE l.tenant_id = $1 AND l.id = m.id))`,
  `UPDATE import_batch SET outcome = 'invalid', errors = jsonb_build_array(jsonb_build_object(
      'field', 'email', 'value', email,
      'error', format('the phone belongs to lead %s and the email to lead %s', phone_lead, email_lead)))
    WHERE outcome IS NULL AND phone_lead <> email_lead`,
  // A row of an address or lead an earlier row of the batch has: for each address and lead held by more than one
  // row, its first row (hash aggregates over the undecided rows, kept once in `live`), and the later rows of it.
  // Few addresses repeat, so the joins back probe small hash tables; a window per key sorted every row three times.
  // The addresses are grouped in byte order (COLLATE "C": the same groups, as equality is byte equality either way).
  `WITH live AS MATERIALIZED (
     SELECT row, phone_normalized COLLATE "C" AS phone, email_key COLLATE "C" AS email,
            coalesce(phone_lead, email_lead) AS lead
       FROM import_batch WHERE outcome IS NULL),
   later AS (
     SELECT l.row FROM live l
       JOIN (SELECT phone, min(row) AS first FROM live WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1) f
         ON f.phone = l.phone AND l.row > f.first
     UNION
     SELECT l.row FROM live l
       JOIN (SELECT email, min(row) AS first FROM live WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1) f
         ON f.email = l.email AND l.row > f.first
     UNION
     SELECT l.row FROM live l
       JOIN (SELECT lead, min(row) AS first FROM live WHERE lead IS NOT NULL GROUP BY lead HAVING count(*) > 1) f
         ON f.lead = l.lead AND l.row > f.first)
   UPDATE import_batch b SET outcome = 'duplicate' FROM later d WHERE b.row = d.row`,
];

/**
 * A row of an existing lead: skipped, or updated unless this import already wrote the lead (a duplicate then). An
 * update keeps the lead's local zones before it (`was_zones`: leadZones, the campaign's fallback standing for
 * itself; $3 is COUNTRY_ZONES_JSON), read with the lead's other columns, to tell whether it moved the lead.
 */
const MATCHED: Record<BatchScope['onDuplicate'], string> = {
  skip: `UPDATE import_batch b SET outcome = 'duplicate', lead_id = coalesce(b.phone_lead, b.email_lead)
          WHERE b.outcome IS NULL AND coalesce(b.phone_lead, b.email_lead) IS NOT NULL`,
  update: `UPDATE import_batch b
              SET (outcome, lead_id, was_zones) = (
                SELECT CASE WHEN l.last_import_id = $2::uuid THEN 'duplicate' ELSE 'update' END, l.id,
                       ${leadZonesSql('l', '$3')}
                  FROM leads l WHERE l.tenant_id = $1 AND l.id = coalesce(b.phone_lead, b.email_lead))
            WHERE b.outcome IS NULL AND coalesce(b.phone_lead, b.email_lead) IS NOT NULL`,
};

/**
 * The new leads and their identities skip their foreign keys' checks. A lead's check of fk_leads_tenant was a query
 * per lead that read the tenant and locked it FOR KEY SHARE, again and again for the same row (and fk_leads_owner
 * has nothing to check: the import sets no owner); the statement that skips them locks the tenant once instead, the
 * same lock, so its deletion waits for the batch as before. Each identity names a lead the statement before wrote,
 * in this transaction, from the same staging rows, so the lead is there and no one else can see it, let alone delete
 * it, before the transaction commits; its check read the lead and locked it FOR KEY SHARE too (writing the lock into
 * the lead's row and the WAL). Skipped the only way Postgres has, for these statements: `session_replication_role =
 * replica` (RI triggers do not fire; neither table has another trigger), when the database role may set it (a
 * superuser, or GRANT SET ON PARAMETER) and the tenant is there; otherwise the checks run as before. CHECKED_AGAIN
 * turns the checks back on for the rest of the transaction.
 */
const UNCHECKED_NEW_LEADS = `WITH tenant AS (SELECT t.id FROM tenants t WHERE t.id = $1 FOR KEY SHARE)
   SELECT set_config('session_replication_role', 'replica', true) FROM tenant
    WHERE has_parameter_privilege('session_replication_role', 'SET')`;
const CHECKED_AGAIN = `SELECT set_config('session_replication_role', 'origin', true)
   WHERE current_setting('session_replication_role') <> 'origin'`;

/** The new leads and their identities: the staging rows `rows` selects. */
const writeNew = (rows: string) => [
  UNCHECKED_NEW_LEADS,
  `INSERT INTO leads (id, tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezone,
                      timezones, company, position, source, type, value, priority, status, tags, custom_fields,
                      notes, opted_out_channels, last_import_id)
   SELECT id, $1::uuid, first_name, last_name, email, phone, phone_normalized, country, timezone,
          coalesce(timezones, '{}'), company, position, source, type, value, coalesce(priority, 'normal'),
          coalesce(status, 'new'), coalesce(tags, '{}'), coalesce(custom_fields, '{}'), notes,
          -- A channel-only do-not-contact entry: the lead is created, opted out of that channel (index probes,
          -- made only when the tenant has such entries at all: the EXISTS runs once per statement).
          CASE WHEN EXISTS (SELECT 1 FROM dnc_entries WHERE tenant_id = $1 AND channel <> 'all') THEN
            ARRAY(SELECT DISTINCT m.channel FROM (
                    SELECT d.channel::text AS channel FROM dnc_entries d
                     WHERE d.tenant_id = $1 AND d.phone_normalized = b.phone_normalized AND d.channel <> 'all'
                    UNION ALL
                    SELECT d.channel::text FROM dnc_entries d
                     WHERE d.tenant_id = $1 AND d.email = b.email_key AND d.channel <> 'all') m
                  ORDER BY m.channel)
          ELSE '{}'::text[] END,
          $2::uuid
     FROM import_batch b WHERE ${rows} ORDER BY id`,
  // Their identities, each of a lead the statement above wrote: see UNCHECKED_NEW_LEADS. In staging order, not the
  // key's: sorted by (channel, address) they touch the same key pages (the same full-page images after a checkpoint)
  // and measured no gain (import-merge-cpu, 300,000 rows, sorted vs not: both backends 1.72 vs 1.71 x the
  // reference COPY's CPU, WAL 3,413-3,438 vs 3,388-3,404 B/row).
  `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
   SELECT $1::uuid, b.id, a.channel, a.address
     FROM import_batch b CROSS JOIN LATERAL (VALUES ('phone', b.phone_normalized), ('email', b.email_key)) a (channel, address)
    WHERE ${rows} AND a.address IS NOT NULL`,
  CHECKED_AGAIN,
];

/** The batch's new leads that no earlier attempt wrote (RECOVER): the rows left undecided. */
const UNWRITTEN = `outcome IS NULL`;

/** The batch's new leads, whoever wrote them. */
const INSERTED = `coalesce(outcome, 'insert') = 'insert'`;

/**
 * The updated leads and the addresses they gain: statements that read every staging row, run only when a row
 * matched an existing lead with on_duplicate=update (only then is any row an update).
 */
const WRITE_UPDATES = [
  // on_duplicate=update: the file's non-empty cells win, tags and custom fields merge (a tag the lead has in another
  // case keeps the lead's spelling; past MAX_LEAD_TAGS, the lead's own and then the file's first are kept), a
  // missing phone or email is filled in (an address the lead already has is kept, and with it its country: the
  // row's goes with the row's number, given or read from it). A row whose lead it moved to other local zones is
  // marked `moved`.
  `WITH written AS (
   UPDATE leads l SET
      first_name = coalesce(b.first_name, l.first_name), last_name = coalesce(b.last_name, l.last_name),
      email = coalesce(l.email, b.email), phone = coalesce(l.phone, b.phone),
      phone_normalized = coalesce(l.phone_normalized, b.phone_normalized),
      country = CASE WHEN l.phone_normalized IS NOT NULL AND b.phone_normalized <> l.phone_normalized THEN l.country
                     ELSE coalesce(b.country, l.country) END,
      timezone = coalesce(b.timezone, l.timezone),
      timezones = CASE WHEN l.phone_normalized IS NULL AND b.timezones IS NOT NULL THEN b.timezones ELSE l.timezones END,
      company = coalesce(b.company, l.company), position = coalesce(b.position, l.position),
      source = coalesce(b.source, l.source), type = coalesce(b.type, l.type), value = coalesce(b.value, l.value),
      priority = coalesce(b.priority, l.priority), status = coalesce(b.status, l.status),
      tags = ARRAY(SELECT t FROM (SELECT DISTINCT ON (lower(t)) t, n
                                    FROM unnest(l.tags || coalesce(b.tags, '{}')) WITH ORDINALITY AS u(t, n)
                                   ORDER BY lower(t), n) kept ORDER BY n LIMIT ${MAX_LEAD_TAGS}),
      custom_fields = l.custom_fields || coalesce(b.custom_fields, '{}'), notes = coalesce(b.notes, l.notes),
      last_import_id = $2::uuid, updated_at = now()
     FROM import_batch b
    WHERE b.outcome = 'update' AND l.tenant_id = $1 AND l.id = coalesce(b.phone_lead, b.email_lead)
   RETURNING l.id, b.was_zones IS DISTINCT FROM ${leadZonesSql('l', '$3')} AS moved)
   UPDATE import_batch b SET moved = true FROM written w WHERE w.moved AND b.outcome = 'update' AND b.lead_id = w.id`,
  `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
   SELECT $1::uuid, b.email_lead, 'phone', b.phone_normalized FROM import_batch b
    WHERE b.outcome = 'update' AND b.phone_lead IS NULL AND b.phone_normalized IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM lead_identities i WHERE i.tenant_id = $1 AND i.lead_id = b.email_lead AND i.channel = 'phone')
   UNION ALL
   SELECT $1::uuid, b.phone_lead, 'email', b.email_key FROM import_batch b
    WHERE b.outcome = 'update' AND b.email_lead IS NULL AND b.email_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM lead_identities i WHERE i.tenant_id = $1 AND i.lead_id = b.phone_lead AND i.channel = 'email')`,
];

const WRITE_ERRORS = `INSERT INTO lead_import_errors (tenant_id, import_id, row, field, value, error)
   SELECT $1::uuid, $2::uuid, b.row, left(e->>'field', 120), e->>'value', e->>'error'
     FROM import_batch b CROSS JOIN LATERAL jsonb_array_elements(b.errors) e
    WHERE b.outcome = 'invalid'
   ON CONFLICT DO NOTHING`;

const MOVED_LEADS = `SELECT b.lead_id FROM import_batch b WHERE b.moved`;

/** The highest `$n` a statement uses: pg refuses more parameters than the statement has. */
function highestParam(sql: string): number {
  return Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

export const NO_OUTCOMES: Readonly<Record<RowOutcome, number>> = {
  invalid: 0,
  dnc: 0,
  duplicate: 0,
  insert: 0,
  update: 0,
};

/** Stages the rows (COPY text lines, see staging-line.ts) in a new staging table, in the batch's settings. */
async function stage(client: PoolClient, lines: Buffer): Promise<void> {
  await client.query(BATCH_SETTINGS);
  await client.query(STAGING);
  await pipeline(
    Readable.from([lines]),
    client.query(copyFrom(`COPY import_batch (${STAGING_COLUMNS}) FROM STDIN`)),
  );
}

/**
 * Stages the rows (COPY text lines, see staging-line.ts) with COPY and merges them into leads, identities and the error list, inside the caller's
 * transaction (half of them on a second connection with `split`, see BatchSplit). Merges of one tenant take turns (a transaction-scoped advisory lock), so two imports of the same
 * file at once see each other's leads; a racing single create can still win an address, which fails the batch
 * with a unique violation for the caller to retry.
 */
export async function mergeBatch(
  client: PoolClient,
  scope: BatchScope,
  lines: Buffer,
  split?: BatchSplit,
): Promise<BatchOutcome> {
  const second = split && secondHalf(split, scope, lines);
  try {
    const outcome = await mergeOwnHalf(client, scope, lines, second);
    await second?.committed;
    return outcome;
  } catch (err) {
    second?.abandon(err);
    await second?.committed.catch(() => undefined);
    throw err;
  }
}

async function mergeOwnHalf(
  client: PoolClient,
  scope: BatchScope,
  lines: Buffer,
  second: SecondHalf | undefined,
): Promise<BatchOutcome> {
  await stage(client, lines);
  // Statistics for the join keys only: the plans against millions of identities depend on them.
  await client.query('ANALYZE import_batch (row, outcome, phone_normalized, email_key)');
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('lead-import:' || $1::text, 0))`, [
    scope.tenantId,
  ]);
  // Then the tenant's addresses, all at once (as an array of leads takes them): a do-not-contact entry added
  // meanwhile (POST /api/dnc, a file) goes before (its address is decided dnc here) or after (it flags the lead).
  await lockAllAddresses(clientSql(client), scope.tenantId);
  second?.locked();
  const params = [scope.tenantId, scope.importId, COUNTRY_ZONES_JSON];
  const run = (sql: string) => client.query(sql, params.slice(0, highestParam(sql)));
  const own = second ? `b.row < ${second.cut}` : 'true';
  for (const sql of [...(scope.recover ? [RECOVER] : []), ...LOOK_UP(own)]) await run(sql);
  if (second) {
    const found = await second.lookedUp;
    await client.query(TAKE_LOOKED_UP, [found.rows, found.dnc, found.phone_leads, found.email_leads]);
  }
  for (const sql of DECIDE) await run(sql);
  const matched = await run(MATCHED[scope.onDuplicate]);
  const updating = scope.onDuplicate === 'update' && (matched.rowCount ?? 0) > 0;
  if (second) {
    // The second half's rows that are no new lead for it to write (its look-ups' and every later decision's).
    const { rows } = await client.query<{ rows: number[] }>(
      `SELECT coalesce(array_agg(row), '{}') AS rows FROM import_batch
        WHERE row >= ${second.cut} AND outcome IS NOT NULL`,
    );
    second.decided(rows[0].rows);
  }
  // Meanwhile the second connection writes its half: everything below reads and writes none of its rows.
  for (const sql of writeNew(`${UNWRITTEN} AND ${own}`)) await run(sql);
  for (const sql of [...(updating ? WRITE_UPDATES : []), WRITE_ERRORS]) await run(sql);
  const flagged = updating ? await flagFilledLeads(client, scope.tenantId) : [];
  const counts = { ...NO_OUTCOMES };
  const tally = await client.query<{ outcome: RowOutcome; n: number }>(
    `SELECT coalesce(outcome, 'insert') AS outcome, count(*)::int AS n FROM import_batch GROUP BY 1`,
  );
  for (const { outcome, n } of tally.rows) counts[outcome] = n;
  // Leads it moved to other local zones: their turns held for the window in the old ones are asked again, as
  // PATCH /leads/:id does.
  if (counts.update > 0)
    await unholdLeadsWaits(clientSql(client), scope.tenantId, scope.now, MOVED_LEADS, []);
  const created = await client.query<LeadSummary>(
    `SELECT id, nullif(concat_ws(' ', first_name, last_name), '') AS name, email, phone_normalized AS phone, source
       FROM import_batch WHERE ${INSERTED} ORDER BY row LIMIT 100`,
  );
  return { counts, created: created.rows, flagged };
}

/** A split batch's later half, on the second connection (BatchSplit), as the batch's connection drives it. */
interface SecondHalf {
  /** Its first row: the later half of the batch's lines (by bytes), from this row on. */
  cut: number;
  /** The batch holds the tenant's locks: the second connection may look its rows up. */
  locked(): void;
  /** Its rows' look-ups (LOOK_UP), all it found. */
  lookedUp: Promise<LookedUp>;
  /** Its rows decided other than a new lead: it writes the new leads of the rest. */
  decided(rows: number[]): void;
  /** Settles when its transaction has committed (or failed). */
  committed: Promise<void>;
  /** The batch failed: its transaction rolls back. */
  abandon(err: unknown): void;
}

/** A promise and its settling functions. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited when the batch gets that far; a failure before then is the batch's to report.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Starts the later half of a split batch on the second connection: staged at once, looked up once the batch holds
 * its locks, its new leads written once the batch has decided every row. None when the batch has one row.
 */
function secondHalf(split: BatchSplit, scope: BatchScope, lines: Buffer): SecondHalf | undefined {
  const from = lines.indexOf(NEWLINE, lines.length >> 1) + 1;
  if (from <= 0 || from >= lines.length) return undefined;
  const cut = Number(lines.toString('latin1', from, lines.indexOf(TAB, from)));
  const locked = deferred<void>();
  const lookedUp = deferred<LookedUp>();
  const decided = deferred<number[]>();
  const params = [scope.tenantId, scope.importId];
  const committed = split.transaction(async (client) => {
    try {
      await stage(client, lines.subarray(from));
      await locked.promise;
      for (const sql of LOOK_UP('true')) await client.query(sql, params.slice(0, highestParam(sql)));
      lookedUp.resolve((await client.query<LookedUp>(LOOKED_UP)).rows[0]);
    } catch (err) {
      lookedUp.reject(err);
      throw err;
    }
    await client.query(
      `UPDATE import_batch b SET outcome = 'decided' FROM unnest($1::int[]) AS d (row)
        WHERE b.row = d.row AND b.outcome IS NULL`,
      [await decided.promise],
    );
    for (const sql of writeNew(UNWRITTEN)) await client.query(sql, params.slice(0, highestParam(sql)));
  });
  committed.catch(() => undefined);
  return {
    cut,
    locked: () => locked.resolve(),
    lookedUp: lookedUp.promise,
    decided: (rows) => decided.resolve(rows),
    committed,
    abandon: (err) => {
      locked.reject(err);
      decided.reject(err);
    },
  };
}

/** An update that filled in a phone or email the do-not-contact list names for a channel: opted out of it. */
async function flagFilledLeads(client: PoolClient, tenantId: string): Promise<string[]> {
  const filled = await client.query<{ id: string }>(
    `SELECT DISTINCT coalesce(phone_lead, email_lead) AS id FROM import_batch
      WHERE outcome = 'update'
        AND ((phone_lead IS NULL AND phone_normalized IS NOT NULL) OR (email_lead IS NULL AND email_key IS NOT NULL))`,
  );
  return filled.rows.length
    ? refreshContactFlags(clientSql(client), tenantId, { leadIds: filled.rows.map((r) => r.id) })
    : [];
}

/** Adds a batch's counts to an import's results. */
export function addCounts(
  results: Partial<ImportResults>,
  counts: Record<RowOutcome, number>,
): ImportResults {
  const r = {
    total: results.total ?? 0,
    invalid: results.invalid ?? 0,
    duplicates: results.duplicates ?? 0,
    dnc: results.dnc ?? 0,
    inserted: results.inserted ?? 0,
    updated: results.updated ?? 0,
  };
  r.total += counts.invalid + counts.dnc + counts.duplicate + counts.insert + counts.update;
  r.invalid += counts.invalid;
  r.duplicates += counts.duplicate;
  r.dnc += counts.dnc;
  r.inserted += counts.insert;
  r.updated += counts.update;
  return { ...r, valid: r.inserted + r.updated };
}
