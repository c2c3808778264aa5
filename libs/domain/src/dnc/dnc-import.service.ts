import { AppError } from '@app/common';
import { DNC_CHANNELS, DNC_REASONS, DncChannel, DncReason } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { detectEncoding, readCsvHead } from '../imports/csv-format';
import { mapColumns, normalizeHeader } from '../imports/header-mapping';
import { dataRows } from '../imports/import-source';
import type { RowError } from '../imports/staged-row';
import { normalizePhone } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { refreshContactFlags } from './contact-flags';

const SNIFF_BYTES = 64 * 1024;
const BATCH = 1000;
const ERRORS_SHOWN = 1000;
const ADDABLE_REASONS: readonly DncReason[] = DNC_REASONS.filter((r) => r !== 'erasure');

export interface DncImportDefaults {
  channel?: DncChannel;
  reason?: DncReason;
}

export interface DncImportResult {
  total: number;
  added: number;
  existing: number;
  invalid: number;
  leads_flagged: number;
  errors: (RowError & { row: number })[];
}

interface Entry {
  phone: string | null;
  email: string | null;
  channel: DncChannel;
  reason: DncReason;
}

/** The first bytes of a stream, and the whole stream again (those bytes first). */
async function peek(file: AsyncIterable<Buffer>): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = file[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    bytes += next.value.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(seen, bytes), all: all() };
}

/**
 * Bulk do-not-contact from a CSV (a phone and/or email column; optional channel and reason columns, else the
 * defaults): entries already listed are counted, bad rows reported with their row, the matching leads flagged.
 * Read as a stream, in batches of 1,000.
 */
@Injectable()
export class DncImportService {
  constructor(
    private readonly db: DataSource,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
  ) {}

  async import(
    auth: AuthContext,
    file: AsyncIterable<Buffer>,
    defaults: DncImportDefaults,
  ): Promise<DncImportResult> {
    const { head, all } = await peek(file);
    const encoding = detectEncoding(head);
    const { delimiter, headers: raw } = readCsvHead(head, encoding);
    const headers = raw.map((h) => h.trim());
    const { columns } = mapColumns(headers);
    const at = (field: string) => columns.findIndex((c) => c.kind === 'field' && c.field === field);
    const named = (name: string) => headers.findIndex((h) => normalizeHeader(h) === name);
    const phoneAt = at('phone');
    const emailAt = at('email');
    const channelAt = named('channel');
    const reasonAt = named('reason');
    if (phoneAt < 0 && emailAt < 0) {
      throw AppError.field('file', `has no phone or email column (columns: ${headers.join(', ')})`);
    }
    const tenant = await this.tenants.get(auth.tenantId);
    const result: DncImportResult = {
      total: 0,
      added: 0,
      existing: 0,
      invalid: 0,
      leads_flagged: 0,
      errors: [],
    };
    let batch: Entry[] = [];
    const fail = (row: number, field: string, value: string | null, error: string) => {
      result.invalid += 1;
      if (result.errors.length < ERRORS_SHOWN) result.errors.push({ row, field, value, error });
    };
    for await (const data of dataRows(all, encoding, delimiter)) {
      result.total += 1;
      if ('error' in data) {
        fail(data.row, 'row', null, data.error);
        break;
      }
      const cell = (i: number) => (i >= 0 ? (data.record[i] ?? '').trim() : '');
      const channel = (cell(channelAt).toLowerCase() || defaults.channel || 'all') as DncChannel;
      const reason = (cell(reasonAt).toLowerCase() || defaults.reason || 'import') as DncReason;
      if (!DNC_CHANNELS.includes(channel)) {
        fail(data.row, 'channel', cell(channelAt), `must be one of ${DNC_CHANNELS.join(', ')}`);
        continue;
      }
      if (!ADDABLE_REASONS.includes(reason)) {
        fail(data.row, 'reason', cell(reasonAt), `must be one of ${ADDABLE_REASONS.join(', ')}`);
        continue;
      }
      const rawPhone = cell(phoneAt);
      const rawEmail = cell(emailAt);
      const parsed = rawPhone ? normalizePhone(rawPhone, tenant.defaultCountry) : undefined;
      if (parsed && !parsed.ok) {
        fail(data.row, 'phone', rawPhone.slice(0, 200), parsed.reason);
        continue;
      }
      if (rawEmail && (rawEmail.length > 320 || !isEmail(rawEmail))) {
        fail(data.row, 'email', rawEmail.slice(0, 200), 'is not an email address');
        continue;
      }
      if (!parsed && !rawEmail) {
        fail(data.row, 'phone', null, 'a phone or an email is required');
        continue;
      }
      if (parsed?.ok) batch.push({ phone: parsed.phone.e164, email: null, channel, reason });
      if (rawEmail) batch.push({ phone: null, email: rawEmail.toLowerCase(), channel, reason });
      if (batch.length >= BATCH) {
        await this.write(auth, batch, result);
        batch = [];
      }
    }
    if (batch.length) await this.write(auth, batch, result);
    if (result.total === 0) throw AppError.field('file', 'has a header but no data rows');
    await this.activity.record(auth.tenantId, auth, {
      type: 'dnc.imported',
      description: `Imported ${result.added} do-not-contact entries`,
      data: { ...result, errors: undefined },
    });
    return result;
  }

  private async write(auth: AuthContext, entries: Entry[], result: DncImportResult): Promise<void> {
    await this.db.transaction(async (tx) => {
      // An INSERT names its tenant in the values; tenantQuery guards statements that filter.
      const inserted: { n: number }[] = await tx.query(
        `WITH added AS (
           INSERT INTO dnc_entries (tenant_id, phone_normalized, email, channel, reason, created_by_id)
           SELECT $1::uuid, e.phone, e.email, e.channel, e.reason, $6::uuid
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS e(phone, email, channel, reason)
           ON CONFLICT DO NOTHING RETURNING 1
         ) SELECT count(*)::int AS n FROM added`,
        [
          auth.tenantId,
          entries.map((e) => e.phone),
          entries.map((e) => e.email),
          entries.map((e) => e.channel),
          entries.map((e) => e.reason),
          auth.userId ?? null,
        ],
      );
      result.added += inserted[0].n;
      result.existing += entries.length - inserted[0].n;
      result.leads_flagged += await refreshContactFlags(tx, auth.tenantId, {
        phones: entries.flatMap((e) => (e.phone ? [e.phone] : [])),
        emails: entries.flatMap((e) => (e.email ? [e.email] : [])),
      });
    });
  }
}
