import { type FieldIssue, isPublicUrl } from '@app/common';
import { blank } from '../campaigns/campaign-step-input';
import { normalizePhone } from '../leads/phone-normalizer';
import type { BroadcastNumber } from './broadcast-leads';

/** At most this many numbers per broadcast request. */
export const MAX_BROADCAST_NUMBERS = 10_000;
/** A scheduled time this far in the past still means "now" (clocks differ). */
export const SCHEDULE_GRACE_MS = 5 * 60_000;

/** Seed 003's `POST outbound-calls`. */
export interface BroadcastInput {
  campaign_name?: string;
  phone_numbers?: string[];
  /** Spoken to whoever answers (text-to-speech). */
  message?: string | null;
  /** Or a recording played instead. */
  audio_url?: string | null;
  /** When the calls start; now when absent. */
  scheduled_time?: Date;
  caller_id?: string | null;
}

export interface ParsedBroadcast {
  name: string;
  /** Deduplicated by E.164, in the order sent. */
  numbers: BroadcastNumber[];
  received: number;
  message: string | null;
  audioUrl: string | null;
  /** Null: now. */
  startAt: Date | null;
  callerId: string | null;
}

/**
 * Checks a broadcast and parses its numbers (E.164, the tenant's default country for national ones). Every
 * problem is reported, each bad number by its index and value.
 */
export function parseBroadcast(
  input: BroadcastInput,
  defaultCountry: string | null,
  now: Date,
): { broadcast: ParsedBroadcast; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  if (blank(input.campaign_name)) errors.push({ field: 'campaign_name', reason: 'is required' });
  const list = input.phone_numbers ?? [];
  if (!list.length) errors.push({ field: 'phone_numbers', reason: 'must hold at least one number' });
  if (list.length > MAX_BROADCAST_NUMBERS)
    errors.push({ field: 'phone_numbers', reason: `must hold at most ${MAX_BROADCAST_NUMBERS} numbers` });
  const numbers = new Map<string, BroadcastNumber>();
  for (const [index, raw] of list.slice(0, MAX_BROADCAST_NUMBERS).entries()) {
    const parsed = normalizePhone(String(raw), defaultCountry);
    if (!parsed.ok) {
      errors.push({ field: `phone_numbers.${index}`, reason: `${JSON.stringify(raw)} ${parsed.reason}` });
    } else if (!numbers.has(parsed.phone.e164)) {
      numbers.set(parsed.phone.e164, { raw: String(raw), ...parsed.phone });
    }
  }
  const message = blank(input.message) ? null : input.message!.trim();
  const audioUrl = blank(input.audio_url) ? null : input.audio_url!.trim();
  if (!message && !audioUrl) {
    errors.push({ field: 'message', reason: 'is required (or audio_url, a recording to play)' });
  } else if (message && audioUrl) {
    errors.push({
      field: 'audio_url',
      reason: 'cannot be sent with message: the call plays one or the other',
    });
  } else if (audioUrl && !isPublicUrl(audioUrl)) {
    errors.push({ field: 'audio_url', reason: 'must be an http or https URL of at most 2000 characters' });
  }
  let startAt: Date | null = null;
  if (input.scheduled_time) {
    const at = input.scheduled_time.getTime();
    if (at < now.getTime() - SCHEDULE_GRACE_MS) {
      errors.push({ field: 'scheduled_time', reason: 'must be now or in the future' });
    } else if (at > now.getTime()) {
      startAt = input.scheduled_time;
    }
  }
  let callerId: string | null = null;
  if (!blank(input.caller_id)) {
    const parsed = normalizePhone(input.caller_id!, defaultCountry);
    if (parsed.ok) callerId = parsed.phone.e164;
    else errors.push({ field: 'caller_id', reason: parsed.reason });
  }
  return {
    broadcast: {
      name: input.campaign_name?.trim() ?? '',
      numbers: [...numbers.values()],
      received: list.length,
      message,
      audioUrl,
      startAt,
      callerId,
    },
    errors,
  };
}
