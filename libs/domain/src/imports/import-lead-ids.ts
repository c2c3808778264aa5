import { createHash } from 'node:crypto';

/**
 * What the ids of an import's new leads share (24 of a UUID's 32 hex digits): a UUIDv7 whose time is the import's
 * start and whose random bits are a hash of the import's id. A row's id (`importLeadId`) adds its number, so a row
 * staged again (a batch retried, an import taken over) gets the id it had, and a merge can tell the leads an earlier
 * attempt committed from the rows it must still write (import-batch.ts). Ids stay time-ordered: one import's rows
 * follow each other in the leads' key.
 */
export function importLeadIdPrefix(importId: string, startedAt: Date): string {
  const time = startedAt.getTime().toString(16).padStart(12, '0');
  const salt = createHash('sha256').update(importId).digest('hex');
  const variant = (0x8 | (parseInt(salt[3], 16) & 0x3)).toString(16);
  return `${time}7${salt.slice(0, 3)}${variant}${salt.slice(4, 11)}`;
}

/** The id of the lead that data row `row` of an import creates (see importLeadIdPrefix). */
export function importLeadId(prefix: string, row: number): string {
  const hex = prefix + row.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
