import { AppError, FieldIssue, invalidInput } from '@app/common';
import { DNC_CHANNELS, DncChannel, DncImportOptions, DncReason, Role } from '@app/db';
import { Injectable } from '@nestjs/common';
import type { ImportFields } from '../imports/imports.service';
import type { PendingUpload, UploadFacts } from '../imports/import-upload';
import { phoneCountry } from '../leads/phone-normalizer';
import { ADDABLE_REASONS, dncColumns } from './dnc-import-rows';

const FORM_FIELDS = ['channel', 'reason', 'default_country'];

/**
 * Bulk do-not-contact from a CSV (POST /api/dnc/import): a phone and/or email column, optional `channel` and
 * `reason` columns, the form's `channel` (default all) and `reason` (default import) for rows without their own,
 * and its `default_country` for national numbers (else the tenant's), checked as a lead import's is; a row's own
 * reason may be `erasure` only when an admin imports the file (`role`). The upload is
 * stored and run as a lead import is (ImportsService, DncImportRunner); this checks the form and the header
 * against each other and makes the upload an import.
 */
@Injectable()
export class DncImportService {
  async accept(
    upload: PendingUpload,
    fileName: string | null,
    facts: UploadFacts,
    fields: ImportFields,
    role: Role,
  ): Promise<void> {
    const issues: FieldIssue[] = [];
    for (const key of Object.keys(fields)) {
      if (!FORM_FIELDS.includes(key))
        issues.push({ field: key, reason: 'is not a field of a do-not-contact import' });
    }
    const country = fields.default_country?.trim();
    if (country && !phoneCountry(country)) {
      issues.push({ field: 'default_country', reason: 'is not an ISO 3166-1 alpha-2 country code' });
    }
    const channel = (fields.channel?.trim().toLowerCase() || 'all') as DncChannel;
    if (!DNC_CHANNELS.includes(channel))
      issues.push({ field: 'channel', reason: `must be one of ${DNC_CHANNELS.join(', ')}` });
    const reason = (fields.reason?.trim().toLowerCase() || 'import') as DncReason;
    if (!ADDABLE_REASONS.includes(reason))
      issues.push({ field: 'reason', reason: `must be one of ${ADDABLE_REASONS.join(', ')}` });
    if (issues.length) {
      throw invalidInput(issues);
    }
    const options: DncImportOptions = {
      columns: dncColumns(facts.headers),
      channel,
      reason,
      default_country: country ? country.toUpperCase() : null,
      erasure_rows: role === 'admin',
    };
    if (!facts.hasDataRows) throw AppError.field('file', 'has a header but no data rows');
    await upload.commit(fileName, [], options, facts);
  }
}
