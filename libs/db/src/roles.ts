/** Roles, highest first: admin > manager > agent (the seeds' Admin / clinic_admin, Manager, SalesRep / agent). */
export const ROLES = ['admin', 'manager', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** The seeds' spellings of the roles (seed 002's Admin, Manager, SalesRep; seed 003's clinic_admin), lower-cased. */
const SEED_ROLES: Record<string, Role> = {
  admin: 'admin',
  clinic_admin: 'admin',
  manager: 'manager',
  salesrep: 'agent',
  sales_rep: 'agent',
  agent: 'agent',
};

/** A role as a request may spell it (any case, the seeds' names): ours, or the value unchanged to be refused. */
export function readRole(value: unknown): unknown {
  return typeof value === 'string' ? (SEED_ROLES[value.trim().toLowerCase()] ?? value) : value;
}

const RANK: Record<Role, number> = { admin: 3, manager: 2, agent: 1 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** The lower of two roles (an API key acts as no more than the user who made it). */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}
