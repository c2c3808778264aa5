import type { NotificationContent } from './notification-writer';

/** A lead import the user uploaded finished (type system): its counts, or why it failed. */
export function importNotification(
  importId: string,
  outcome: { status: 'completed' | 'failed'; results: object; error?: string },
): NotificationContent {
  const results = outcome.results as Record<string, number | undefined>;
  const counts = `${results.inserted ?? 0} created, ${results.updated ?? 0} updated, ${results.invalid ?? 0} invalid`;
  return outcome.status === 'completed'
    ? {
        type: 'system',
        title: 'Lead import completed',
        message: `Your import finished: ${counts}`,
        data: { import_id: importId, status: 'completed', results: { ...results } },
      }
    : {
        type: 'system',
        title: 'Lead import failed',
        message: `Your import failed (${counts} before it stopped): ${outcome.error ?? 'unknown error'}`,
        data: {
          import_id: importId,
          status: 'failed',
          results: { ...results },
          error: outcome.error ?? null,
        },
      };
}
