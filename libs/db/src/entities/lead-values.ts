/**
 * The values a lead's columns take, in a file of their own with no imports: the import's staging thread
 * (libs/domain/src/imports/stage.thread.ts) reads them without loading TypeORM and the entities.
 */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_PRIORITIES = ['low', 'normal', 'high'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];
/** The longest lead type (a label such as carrier or freight broker), in characters. */
export const LEAD_TYPE_MAX = 50;
