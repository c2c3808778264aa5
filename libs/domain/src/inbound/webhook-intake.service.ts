import { AppError, Coalescer, nestsDeeperThan, storableText } from '@app/common';
import { assertTenantId, fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventToRecord, RecordedEvent } from './inbound-event';
import { StatusDrainSignal } from './status-drain.signal';
import { movesNoMessage } from './status-order';

/** An event to record: a messaging event, or any other provider event with a `kind` (a call's). */
export type RecordableEvent = EventToRecord | { event_key: string; event: { kind: string } };

/** One row for webhook_events, from one delivery. */
interface EventRow {
  tenant_id: string;
  provider: string;
  kind: string;
  event_key: string;
  payload: string;
  /** Recorded already applied: a status callback that can move no message (settledAtIntake). */
  processed: boolean;
}

/** A recorded event still to apply: just inserted, or a repeat found unprocessed. */
interface PendingEvent {
  id: string;
  kind: string;
}

export interface IntakeResult {
  /** Events recorded by this delivery. */
  recorded: number;
  /** Events this delivery repeated (recorded before): answered all the same, never recorded twice. */
  duplicates: number;
}

/** Inserts running at once; deliveries arriving meanwhile go together in the next one. */
const INSERTS_IN_FLIGHT = 2;
/** Events per insert. */
const INSERT_MAX_EVENTS = 500;

/** Deeper than any provider nests a payload (Meta's go about 10 levels), far below what JSON.stringify and jsonb take. */
const MAX_EVENT_DEPTH = 64;

/**
 * The event with a raw payload nested deeper than MAX_EVENT_DEPTH kept as a note instead (it would overflow
 * JSON.stringify's stack, or jsonb's, and its delivery be retried for ever); what was read of it is kept. An event
 * still too deep without it is refused.
 */
function keepable(event: unknown): unknown {
  if (!nestsDeeperThan(event, MAX_EVENT_DEPTH)) return event;
  const kept = {
    ...(event as Record<string, unknown>),
    raw: { not_kept: `nested deeper than ${MAX_EVENT_DEPTH} levels` },
  };
  if (nestsDeeperThan(kept, MAX_EVENT_DEPTH))
    throw AppError.field('body', `nests deeper than ${MAX_EVENT_DEPTH} levels`);
  return kept;
}

/**
 * What JSON.stringify writes for a NUL or an unpaired surrogate (`\u0000`, `\ud800`...): it writes neither raw. A
 * person's typed backslash-u text matches too (`\\u0000`), and only costs the slow path.
 */
const JSONB_REFUSED_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * The event as jsonb takes it: jsonb refuses NUL and unpaired surrogates in text (keys included), so what a provider
 * sent of them is kept as U+FFFD. Text that holds neither (nearly all) is written once, without a replacer.
 */
export function jsonbText(event: unknown): string {
  const json = JSON.stringify(keepable(event));
  return JSONB_REFUSED_ESCAPE.test(json) ? storableJson(event) : json;
}

function storableJson(event: unknown): string {
  return JSON.stringify(event, (_key, value: unknown) => {
    if (typeof value === 'string') return storableText(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    return entries.some(([k]) => storableText(k) !== k)
      ? Object.fromEntries(entries.map(([k, v]) => [storableText(k), v]))
      : value;
  });
}

/**
 * A text as a JSON string that Postgres reads back as the text it was sent as a text parameter: an unpaired
 * surrogate as U+FFFD (what its UTF-8 encoding writes; JSON would write an escape Postgres refuses), a NUL still
 * refused.
 */
function textJson(text: string): string {
  const json = JSON.stringify(text);
  return JSONB_REFUSED_ESCAPE.test(json) ? JSON.stringify(Buffer.from(text).toString()) : json;
}

/** Any UTF-16 surrogate, paired or not: a text without one (nearly every key) is as Postgres stores it. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * An event key as Postgres stores it (and as textJson sends it): an unpaired surrogate as U+FFFD, what its UTF-8
 * encoding writes (String.prototype.toWellFormed). The key is recorded and matched in this form, so an event whose
 * key holds one is recorded on its first delivery and found again on a resend.
 */
export const storedEventKey = (key: string): string =>
  SURROGATE.test(key) ? Buffer.from(key).toString() : key;

/** A row as json_to_recordset takes it; its payload is JSON text already. */
const rowJson = (r: EventRow) =>
  `{"tenant_id":${textJson(r.tenant_id)},"provider":${textJson(r.provider)},"kind":${textJson(r.kind)},` +
  `"event_key":${textJson(r.event_key)},"processed":${r.processed},"payload":${r.payload}}`;

/**
 * A status callback no message can move for (`queued`: every outbound message is queued or further on when its
 * callback can come; the drain would only file it stale) is settled at intake: recorded as applied in its insert,
 * so no drain reads it and no update writes it again, its key still there to know a provider's retry of it. Its
 * payload keeps what names the send (our message id, the provider's id and status), not the raw form nor the
 * recipient: applied with no lead to link it to, it must hold nothing of the person for an erasure to find.
 */
function settledAtIntake(event: RecordableEvent['event']): RecordedEvent | undefined {
  if (event.kind !== 'status' || !('update' in event)) return undefined;
  const { message_id, update } = event as Extract<RecordedEvent, { kind: 'status' }>;
  if (!movesNoMessage(update.status)) return undefined;
  return {
    kind: 'status',
    message_id,
    update: {
      provider_message_id: update.provider_message_id,
      status: update.status,
      ...(update.occurred_at === undefined ? {} : { occurred_at: update.occurred_at }),
    },
    raw: { not_kept: 'a status that moves no message: applied at intake' },
  };
}

/** The job id of the job that applies a recorded event: one per event, whoever adds it. */
export const eventJobId = (eventId: string) => `inbound-${eventId}`;

const rowKey = (r: Pick<EventRow, 'tenant_id' | 'provider' | 'event_key'>) =>
  `${r.tenant_id}\n${r.provider}\n${r.event_key}`;

/**
 * The API's half of a provider webhook, after its signature checked out: records each event once per
 * (tenant, provider, event key) in webhook_events, then asks for what applies it: a drain of the tenant's status
 * callbacks (batched, asked without waiting: StatusDrainSignal.requestSoon), or one job per other event
 * (`inbound.process`, `calls.event`). A redelivery of an event that was recorded but not yet processed asks again
 * (a job's id is its event's, so Bull keeps one job): a crash between the insert and the enqueue loses nothing,
 * and status callbacks whose drain was never asked for are found by the inbound sweep (StatusSweeper). A status
 * callback that can move no message (`queued`) is recorded already applied and asks for nothing (settledAtIntake).
 * Deliveries arriving together are inserted in one statement (group commit): each is answered only once its own rows
 * are committed.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly sql: SqlRunner;
  private readonly inserts: Coalescer<EventRow, string | undefined | Error>;

  constructor(
    db: DataSource,
    private readonly jobs: JobProducer,
    private readonly drains: StatusDrainSignal,
  ) {
    this.sql = fastSql(db);
    this.inserts = new Coalescer((rows) => this.insertRun(rows), INSERTS_IN_FLIGHT, INSERT_MAX_EVENTS);
  }

  /** `job`: what applies the events — `inbound.process` (messaging) or `calls.event` (voice). */
  async record(
    tenantId: string,
    provider: string,
    events: readonly RecordableEvent[],
    job: 'inbound.process' | 'calls.event' = 'inbound.process',
  ): Promise<IntakeResult> {
    if (!events.length) return { recorded: 0, duplicates: 0 };
    // An insert has no tenant filter for tenantQuery to check: the tenant id is checked here.
    assertTenantId(tenantId);
    const rows = events.map((e): EventRow => {
      const settled = settledAtIntake(e.event);
      return {
        tenant_id: tenantId,
        provider,
        kind: e.event.kind,
        event_key: storedEventKey(e.event_key),
        payload: jsonbText(settled ?? e.event),
        processed: settled !== undefined,
      };
    });
    const ids = await this.inserts.submit(rows);
    const failed = ids.find((id): id is Error => id instanceof Error);
    if (failed) throw failed;
    const inserted: PendingEvent[] = [];
    const repeated: string[] = [];
    let recorded = 0;
    rows.forEach((row, i) => {
      const id = ids[i] as string | undefined;
      if (id) recorded++;
      if (id && !row.processed) inserted.push({ id, kind: row.kind });
      // A repeat of an event applied at intake has nothing left to apply.
      else if (!id && !row.processed && !repeated.includes(row.event_key)) repeated.push(row.event_key);
    });
    const toApply = repeated.length
      ? [...inserted, ...(await this.unprocessed(tenantId, provider, repeated))]
      : inserted;
    // Messaging status callbacks (three per send) are applied in batches; everything else one job per event.
    const statusesDrained = job === 'inbound.process';
    if (statusesDrained && toApply.some((row) => row.kind === 'status')) this.drains.requestSoon(tenantId);
    const jobs = toApply.filter((row) => !statusesDrained || row.kind !== 'status');
    if (jobs.length) {
      await Promise.all(
        jobs.map((row) =>
          this.jobs.enqueue(job, { tenant_id: tenantId, event_id: row.id }, { jobId: eventJobId(row.id) }),
        ),
      );
    }
    return { recorded, duplicates: events.length - recorded };
  }

  /** Repeats (rare) still unprocessed: one probe each by the whole unique key, a plan no statistics can turn into a scan. */
  private async unprocessed(tenantId: string, provider: string, keys: string[]): Promise<PendingEvent[]> {
    const found = await Promise.all(
      keys.map((key) =>
        tenantQuery<PendingEvent>(
          this.sql,
          tenantId,
          `SELECT id, kind FROM webhook_events
            WHERE tenant_id = $1 AND provider = $2 AND event_key = $3 AND processed_at IS NULL`,
          [provider, key],
        ),
      ),
    );
    return found.flat();
  }

  /**
   * A run's rows in one statement; if it fails (a row Postgres refuses), each row alone, so one delivery's bad row
   * fails that delivery only.
   */
  private async insertRun(rows: EventRow[]): Promise<(string | undefined | Error)[]> {
    try {
      return await this.insert(rows);
    } catch (err) {
      if (rows.length === 1) return [err instanceof Error ? err : new Error(String(err))];
      return Promise.all(
        rows.map((row) =>
          this.insert([row]).then(
            ([id]) => id,
            (rowErr: unknown) => (rowErr instanceof Error ? rowErr : new Error(String(rowErr))),
          ),
        ),
      );
    }
  }

  /**
   * One statement for every delivery of a run: the new id of each row that was recorded, undefined for a repeat
   * (recorded before, or earlier in the same run). The rows go as one JSON text parameter, each payload written in
   * as is (it is JSON already): as arrays, pg escaped every payload character by character.
   */
  private async insert(rows: EventRow[]): Promise<(string | undefined)[]> {
    const inserted = (await this.sql.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, processed_at)
       SELECT DISTINCT ON (tenant_id, provider, event_key) tenant_id, provider, kind, event_key, payload,
              CASE WHEN processed THEN now() END
         FROM ROWS FROM (json_to_recordset($1::json)
                AS (tenant_id uuid, provider varchar, kind varchar, event_key varchar, processed boolean,
                    payload jsonb))
           WITH ORDINALITY AS t(tenant_id, provider, kind, event_key, processed, payload, n)
        ORDER BY tenant_id, provider, event_key, n
       ON CONFLICT (tenant_id, provider, event_key) DO NOTHING
       RETURNING id, tenant_id, provider, event_key`,
      [`[${rows.map(rowJson).join(',')}]`],
    )) as { id: string; tenant_id: string; provider: string; event_key: string }[];
    const ids = new Map(inserted.map((r) => [rowKey(r), r.id]));
    // The first row of each key gets its id; a later one in the same run is a repeat.
    return rows.map((row) => {
      const key = rowKey(row);
      const id = ids.get(key);
      ids.delete(key);
      return id;
    });
  }
}
