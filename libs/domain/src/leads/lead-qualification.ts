import type { LeadEntity, TenantEntity } from '@app/db';
import { isReplyLabel } from '@app/providers';
import { QualificationStatus, qualificationStatus, scoringSettings } from '../classification/lead-scoring';
import type { LeadFields } from './lead-input';

/**
 * The qualification a person's score or classification gives a lead, by the rule a classified reply applies
 * (qualificationStatus: a meeting request flags it, a refusal, an opt-out or the wrong person disqualify it, a timing
 * objection or an absence nurture it, else its score against the tenant's threshold; a lead never classified: its
 * score). Undefined when the change sets neither, or sets the qualification itself. `current`: the lead before the
 * change (none for a new lead).
 */
export function qualificationAfter(
  fields: LeadFields,
  current: Pick<LeadEntity, 'score' | 'classification'> | undefined,
  tenant: Pick<TenantEntity, 'settings'>,
): QualificationStatus | undefined {
  if (fields.qualificationStatus !== undefined) return undefined;
  if (fields.score === undefined && fields.classification === undefined) return undefined;
  const score = fields.score ?? current?.score ?? 0;
  const classification =
    fields.classification !== undefined ? fields.classification : current?.classification;
  return qualificationStatus(
    isReplyLabel(classification) ? classification : 'neutral',
    score,
    scoringSettings(tenant.settings),
  );
}
