import { instantOf } from '../contact-policy/send-window';

/** An out-of-office reply with no return date pauses the sequence this long. */
export const OUT_OF_OFFICE_DEFAULT_DAYS = 7;
/** The local time a paused sequence resumes on the return date. */
export const OUT_OF_OFFICE_RESUME_MINUTE = 9 * 60;

const DAY_MS = 86_400_000;

/** The zone a resumed sequence is timed in: the lead's own (set, or its only candidate), else the campaign's, else the tenant's. */
export function resumeZone(
  lead: { timezone: string | null; timezones: string[] },
  campaignZone: string | null,
  tenantZone: string,
): string {
  return (
    lead.timezone ?? (lead.timezones.length === 1 ? lead.timezones[0] : null) ?? campaignZone ?? tenantZone
  );
}

/**
 * When the sequence an out-of-office reply stopped resumes: 09:00 on the return date (YYYY-MM-DD) in `zone`, or
 * OUT_OF_OFFICE_DEFAULT_DAYS after the reply when it gives no date; never before `now` (a date already past
 * resumes at once).
 */
export function resumeAt(returnDate: string | null, zone: string, repliedAt: Date, now: Date): Date {
  const match = returnDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(returnDate) : null;
  const at = match
    ? instantOf(zone, Number(match[1]), Number(match[2]), Number(match[3]), OUT_OF_OFFICE_RESUME_MINUTE)
    : new Date(repliedAt.getTime() + OUT_OF_OFFICE_DEFAULT_DAYS * DAY_MS);
  return Number.isNaN(at.getTime()) || at < now ? now : at;
}
