import { SqlRunner, tenantQuery } from '@app/db';

/**
 * GDPR Art. 17 for the lead's appointments: the patient's name, phone and notes go; the date, time, service and
 * status stay (the schedule's counts). Its appointments are those linked to it, and those linked to no lead made
 * for one of its `phones`. Must run under the erasure's lock of the lead row and before that row is deleted (which
 * cuts `lead_id`). Answers how many were scrubbed.
 */
export async function scrubLeadAppointments(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  phones: readonly string[],
  now: Date,
): Promise<number> {
  const rows = await tenantQuery<{ id: string }>(
    tx,
    tenantId,
    `UPDATE appointments SET patient_name = NULL, phone = NULL, notes = NULL, updated_at = $4
      WHERE tenant_id = $1 AND (lead_id = $2 OR (lead_id IS NULL AND phone = ANY($3::text[])))
      RETURNING id`,
    [leadId, phones, now],
  );
  return rows.length;
}
