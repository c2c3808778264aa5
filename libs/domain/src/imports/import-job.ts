import type { ImportKind } from '@app/db';
import type { JobPayloads } from '@app/queues';
import type { JobOptions } from 'bull';

/**
 * The one `imports.run` job of an import: the upload and the sweep add it under this id, so a sweep finds the
 * upload's job while it is still waiting, delayed or running and adds none beside it.
 */
export const importJobId = (importId: string) => `import-${importId}`;

export function importJobPayload(
  tenantId: string,
  importId: string,
  kind: ImportKind,
): JobPayloads['imports.run'] {
  return { tenant_id: tenantId, import_id: importId, ...(kind === 'dnc' ? { kind } : {}) };
}

/**
 * Many attempts a lease apart: a run that finds the import held by another process waits out that lease, and takes
 * the import over if that process has died by then (ImportJobsService fails it after its tenth failing run).
 */
export function importJobOptions(leaseSeconds: number): JobOptions {
  return { attempts: 100, backoff: { type: 'fixed', delay: leaseSeconds * 1000 } };
}
