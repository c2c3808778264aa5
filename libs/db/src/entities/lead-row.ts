import { LeadEntity } from './lead.entity';

/** A `SELECT * FROM leads` row as pg returns it (snake_case; numeric as text). */
export type LeadRow = Record<string, unknown>;

/** The entity of a raw lead row, for the hot paths that read leads with plain SQL. */
export function leadFromRow(row: LeadRow): LeadEntity {
  return Object.assign(new LeadEntity(), {
    id: row.id,
    tenantId: row.tenant_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    phoneNormalized: row.phone_normalized,
    country: row.country,
    timezone: row.timezone,
    timezones: row.timezones,
    company: row.company,
    position: row.position,
    source: row.source,
    value: row.value === null ? null : Number(row.value),
    priority: row.priority,
    status: row.status,
    score: row.score,
    classification: row.classification,
    qualificationStatus: row.qualification_status,
    classificationConfidence: row.classification_confidence ?? null,
    classificationReason: row.classification_reason ?? null,
    classifiedAt: row.classified_at ?? null,
    classificationOverridden: row.classification_overridden ?? false,
    scoreOverridden: row.score_overridden ?? false,
    meetingRequestedAt: row.meeting_requested_at ?? null,
    tags: row.tags,
    customFields: row.custom_fields,
    notes: row.notes,
    ownerId: row.owner_id,
    optedOutChannels: row.opted_out_channels,
    doNotCall: row.do_not_call,
    callAttempts: row.call_attempts,
    lastCallAt: row.last_call_at,
    nextCallAt: row.next_call_at,
    archivedAt: row.archived_at,
    lastImportId: row.last_import_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as Partial<LeadEntity>);
}
