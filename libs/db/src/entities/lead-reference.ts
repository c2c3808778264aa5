import type { JoinColumnOptions } from 'typeorm';

/**
 * The join columns of a row that points at a lead: `(tenant_id, lead_id)` references `leads (tenant_id, id)`
 * (migration 1766100000000), so a row can only name a lead of its own tenant.
 */
export function leadReference(constraint: string): JoinColumnOptions[] {
  return [
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: constraint },
    { name: 'lead_id', referencedColumnName: 'id', foreignKeyConstraintName: constraint },
  ];
}
