/** Roles, highest first: admin > manager > agent (the seeds' Admin / clinic_admin, Manager, SalesRep / agent). */
export const ROLES = ['admin', 'manager', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { admin: 3, manager: 2, agent: 1 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
