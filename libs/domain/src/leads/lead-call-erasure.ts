import { tenantQuery } from '@app/db';
import { ProviderError, type TelephonyPort } from '@app/providers';
import type { EntityManager } from 'typeorm';
import { RECORDING_SID_IN_URL } from '../calls/call-recordings.service';

/**
 * The metadata keys of a call that say nothing about the person (the campaign's message and audio, AMD timing, the
 * dialer's bookkeeping); every other key (e.g. an inbound caller's `caller_name`) is dropped when the lead is erased.
 */
export const IMPERSONAL_CALL_METADATA: readonly string[] = [
  'message',
  'audio_url',
  'amd_ms',
  'preview',
  'live_leg',
  'failure',
  'waiting_since',
  'abandoned_at',
  'abandon_told_at',
  'amd_acted_at',
  'agent_group_id',
];

export interface ScrubbedCalls {
  calls: number;
  /** The recordings the lead's calls had, to delete at the provider once the erasure has committed. */
  recordingSids: string[];
  /** The calls of theirs linked to no lead (made before the lead, or while it was archived): their events. */
  unlinked: { id: string; call_sid: string | null }[];
}

/**
 * GDPR Art. 17 for the lead's calls (and the agent legs bridged to them): notes, recordings, the contact name and
 * the person's number go, and the metadata keeps only impersonal keys. What the statistics read stays: kind,
 * direction, status, disposition, AMD result, times, durations, cost, campaign and agent. The lead's calls are those
 * linked to it, and those linked to no lead whose person's side is one of its `phones` (a caller who rang, and left
 * a voicemail, before they were a lead). The lead's side is the number called (outbound) or calling (inbound), and
 * any number among its `phones`; our caller id, the tenant's number and an agent's phone stay. Must run before the
 * lead row is deleted (that cuts `lead_id`).
 */
export async function scrubLeadCalls(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  phones: readonly string[],
  now: Date,
): Promise<ScrubbedCalls> {
  const rows = await tenantQuery<{
    recording_sid: string | null;
    id: string;
    call_sid: string | null;
    unlinked: boolean;
  }>(
    tx,
    tenantId,
    `WITH targets AS (
       SELECT c.id, c.kind, c.lead_id,
              coalesce(c.recording_sid, substring(c.recording_url from '${RECORDING_SID_IN_URL}')) AS recording_sid
         FROM calls c
        WHERE c.tenant_id = $1
          AND (c.lead_id = $2
               OR c.parent_call_id IN (SELECT p.id FROM calls p WHERE p.tenant_id = $1 AND p.lead_id = $2)
               OR (c.lead_id IS NULL AND c.parent_call_id IS NULL
                   AND CASE c.direction WHEN 'inbound' THEN c.from_number ELSE c.to_number END = ANY($3::text[])))
        FOR UPDATE),
     scrubbed AS (
       UPDATE calls c
          SET notes = NULL, recording_url = NULL, recording_sid = NULL, recording_duration = NULL,
              contact_name = NULL,
              from_number = CASE WHEN (t.lead_id IS NOT NULL AND c.direction = 'inbound')
                                      OR c.from_number = ANY($3::text[])
                                 THEN NULL ELSE c.from_number END,
              to_number = CASE WHEN (t.lead_id IS NOT NULL AND c.direction = 'outbound')
                                    OR c.to_number = ANY($3::text[])
                               THEN NULL ELSE c.to_number END,
              metadata = (SELECT coalesce(jsonb_object_agg(m.key, m.value), '{}'::jsonb)
                            FROM jsonb_each(c.metadata) m WHERE m.key = ANY($4::text[]))
                         || jsonb_build_object('erased_at', $5::text),
              updated_at = $5::timestamptz
         FROM targets t
        WHERE c.tenant_id = $1 AND c.id = t.id
       RETURNING t.recording_sid, c.id, c.call_sid, t.lead_id IS NULL AND t.kind <> 'agent_leg' AS unlinked)
     SELECT recording_sid, id, call_sid, unlinked FROM scrubbed`,
    [leadId, phones, IMPERSONAL_CALL_METADATA, now.toISOString()],
  );
  const sids = rows.map((r) => r.recording_sid).filter((sid): sid is string => !!sid);
  return {
    calls: rows.length,
    recordingSids: [...new Set(sids)],
    unlinked: rows.filter((r) => r.unlinked).map(({ id, call_sid }) => ({ id, call_sid })),
  };
}

const ATTEMPTS = 3;
const BACKOFF_MS = [200, 1_000];

export interface PendingRecording {
  sid: string;
  error: string;
  retryable: boolean;
}

export interface RecordingDeletion {
  deleted: string[];
  /** Left at the provider after every attempt, with the last error of each and whether a later try may go better. */
  pending: PendingRecording[];
}

/**
 * Deletes recordings at the provider, each tried up to 3 times (waiting 0.2 s, then 1 s) while its error is
 * retryable (a 5xx, a timeout, a rate limit, an unexpected error); an error the provider will repeat (bad
 * credentials, a refusal) is not retried. A recording already gone counts as deleted (the adapters ignore a 404).
 */
export async function deleteRecordings(
  port: TelephonyPort,
  sids: readonly string[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<RecordingDeletion> {
  const result: RecordingDeletion = { deleted: [], pending: [] };
  for (const sid of sids) {
    for (let attempt = 1; ; attempt++) {
      try {
        await port.deleteRecording(sid);
        result.deleted.push(sid);
        break;
      } catch (err) {
        const retryable = !(err instanceof ProviderError) || err.retryable;
        if (!retryable || attempt >= ATTEMPTS) {
          result.pending.push({ sid, error: err instanceof Error ? err.message : String(err), retryable });
          break;
        }
        await sleep(BACKOFF_MS[attempt - 1] ?? BACKOFF_MS[BACKOFF_MS.length - 1]);
      }
    }
  }
  return result;
}
