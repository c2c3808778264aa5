import { AppError } from '@app/common';
import { DNC_CHANNELS, DNC_REASONS, DncChannel, DncImportOptions, DncReason } from '@app/db';
import { isEmail } from 'class-validator';
import { mapColumns, normalizeHeader } from '../imports/header-mapping';
import type { RowError } from '../imports/staged-row';
import { unguardCell } from '../leads/lead-csv';
import { normalizePhone } from '../leads/phone-normalizer';

/** The reasons a person may be listed for by hand or by file (`erasure` is the erasure's own). */
export const ADDABLE_REASONS: readonly DncReason[] = DNC_REASONS.filter((r) => r !== 'erasure');

const ERASURE_ROW_ADMIN_ONLY = `may be erasure only in a file an admin imports (an erased person's entry is for an admin to remove); else one of ${ADDABLE_REASONS.join(', ')}`;

/** One entry a row adds: a phone or an email, on a channel or all, for a reason. */
export interface DncRowEntry {
  phone: string | null;
  email: string | null;
  channel: DncChannel;
  reason: DncReason;
}

/**
 * Where a do-not-contact file keeps what it lists: the phone and email columns as the lead import recognises them
 * ("Phone Number", "Mobile", "E-mail"...), and optional `channel` and `reason` columns. A 400 when it has neither a
 * phone nor an email column.
 */
export function dncColumns(rawHeaders: string[]): DncImportOptions['columns'] {
  const headers = rawHeaders.map((h) => h.trim());
  const { columns } = mapColumns(headers);
  const at = (field: string) => columns.findIndex((c) => c.kind === 'field' && c.field === field);
  const named = (name: string) => headers.findIndex((h) => normalizeHeader(h) === name);
  const found = {
    phone: at('phone'),
    email: at('email'),
    channel: named('channel'),
    reason: named('reason'),
  };
  if (found.phone < 0 && found.email < 0) {
    throw AppError.field('file', `has no phone or email column (columns: ${headers.join(', ')})`);
  }
  return found;
}

/**
 * What one data row adds (its phone and its email are an entry each), or why it adds nothing: a channel or reason
 * that is not allowed, a phone that is not a number, an email that is not an address, or neither.
 */
export function dncRowEntries(
  record: string[],
  options: DncImportOptions,
  country: string | null,
): { entries: DncRowEntry[] } | { error: RowError } {
  const { columns } = options;
  const cell = (i: number) => (i >= 0 ? unguardCell((record[i] ?? '').trim()) : '');
  const channel = (cell(columns.channel).toLowerCase() || options.channel) as DncChannel;
  const reason = (cell(columns.reason).toLowerCase() || options.reason) as DncReason;
  if (!DNC_CHANNELS.includes(channel)) {
    return error('channel', cell(columns.channel), `must be one of ${DNC_CHANNELS.join(', ')}`);
  }
  // A row of an admin's file may carry `erasure`: an exported list read back keeps its erased people's entries (and
  // their protection). Not a manager's: an erasure's entry is for an admin alone to remove (DncService.remove).
  if (reason === 'erasure' && cell(columns.reason) && !options.erasure_rows) {
    return error('reason', cell(columns.reason), ERASURE_ROW_ADMIN_ONLY);
  }
  const reasons = cell(columns.reason) ? DNC_REASONS : ADDABLE_REASONS;
  if (!reasons.includes(reason)) {
    return error('reason', cell(columns.reason), `must be one of ${reasons.join(', ')}`);
  }
  const rawPhone = cell(columns.phone);
  const rawEmail = cell(columns.email);
  const parsed = rawPhone ? normalizePhone(rawPhone, country) : undefined;
  if (parsed && !parsed.ok) return error('phone', rawPhone.slice(0, 200), parsed.reason);
  if (rawEmail && (rawEmail.length > 320 || !isEmail(rawEmail))) {
    return error('email', rawEmail.slice(0, 200), 'is not an email address');
  }
  if (!parsed && !rawEmail) return error('phone', null, 'a phone or an email is required');
  const entries: DncRowEntry[] = [];
  if (parsed?.ok) entries.push({ phone: parsed.phone.e164, email: null, channel, reason });
  if (rawEmail) entries.push({ phone: null, email: rawEmail.toLowerCase(), channel, reason });
  return { entries };
}

function error(field: string, value: string | null, message: string): { error: RowError } {
  return { error: { field, value, error: message } };
}
