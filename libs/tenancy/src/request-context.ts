import { AsyncLocalStorage } from 'node:async_hooks';
import { assertTenantId } from '@app/db';
import type { AuthContext } from './auth-context';

/** What every log line of a job carries (JobRunner). */
export interface JobLogFields {
  job_id: string;
  job: string;
  queue: string;
  tenant_id: string | null;
  attempt?: number;
}

export interface ContextStore {
  requestId?: string;
  jobId?: string;
  /** A job's fields for its log lines: set by the job runner for the job's whole run. */
  job?: JobLogFields;
  tenantId?: string;
  auth?: AuthContext;
}

const storage = new AsyncLocalStorage<ContextStore>();

/**
 * The request (or job) context: tenant, caller, request or job id. Entered once per request by the
 * authentication guard and per job by runInTenant; reading the tenant outside one throws.
 */
export const RequestContext = {
  /** Enters a fresh mutable store for the rest of this async flow (used at the very start of a request). */
  enter(store: ContextStore = {}): ContextStore {
    storage.enterWith(store);
    return store;
  },

  run<R>(store: ContextStore, fn: () => R): R {
    return storage.run(store, fn);
  },

  current(): ContextStore | undefined {
    return storage.getStore();
  },

  /** The current tenant; throws when there is none, so tenant data is never read outside a tenant. */
  tenantId(): string {
    const tenantId = storage.getStore()?.tenantId;
    assertTenantId(tenantId);
    return tenantId;
  },
};

/**
 * The current request's or job's fields for a log line (pino's mixin): a request's id, tenant and caller once known;
 * a job's id, name, queue, tenant and attempt. Read per line instead of bound in a child logger per job or request:
 * a job seldom logs, and pino's child serialises (and redacts) its bindings as it is made (about 2 % of a worker's
 * CPU when it was made per job).
 */
export function requestLogBindings(): Record<string, unknown> {
  return logBindingsOf(storage.getStore());
}

/** A request store's fields for a log line. */
export function logBindingsOf(store: ContextStore | undefined): Record<string, unknown> {
  // A copy: pino merges the line's own fields into the object the mixin answers.
  if (store?.job) return { ...store.job };
  if (!store?.requestId) return {};
  const auth = store.auth;
  if (!auth) return { request_id: store.requestId };
  return {
    request_id: store.requestId,
    tenant_id: auth.tenantId,
    ...(auth.userId ? { user_id: auth.userId } : {}),
    ...(auth.apiKeyId ? { api_key_id: auth.apiKeyId } : {}),
  };
}

/** Runs a job's work inside its tenant: every tenant read in `fn` sees this tenant and no other. */
export function runInTenant<R>(tenantId: string, fn: () => R, extra: Omit<ContextStore, 'tenantId'> = {}): R {
  assertTenantId(tenantId);
  return RequestContext.run({ ...extra, tenantId }, fn);
}
