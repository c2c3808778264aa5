import type { LeadEntity } from '@app/db';
import type { LeadFields } from './lead-input';

/** The fields of a lead's JSON (or, for an override flag, of its input) that a LeadFields key writes. */
const FIELD_NAMES: Record<keyof LeadFields, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  phoneNormalized: 'phone_normalized',
  country: 'country',
  timezone: 'timezone',
  timezones: 'timezones',
  company: 'company',
  position: 'position',
  source: 'source',
  type: 'type',
  value: 'value',
  priority: 'priority',
  status: 'status',
  score: 'score',
  classification: 'classification',
  qualificationStatus: 'qualification_status',
  scoreOverridden: 'score_override',
  classificationOverridden: 'classification_override',
  tags: 'tags',
  customFields: 'custom_fields',
  notes: 'notes',
  ownerId: 'owner_id',
};

/**
 * The fields an update wrote (`written`) whose value it changed, from the lead as it stood before and after it (both
 * read back from Postgres, so a value reads the same way on both sides), by their names in the lead's JSON.
 */
export function changedLeadFields(before: LeadEntity, after: LeadEntity, written: LeadFields): string[] {
  return (Object.keys(written) as (keyof LeadFields)[])
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => FIELD_NAMES[key]);
}
