import type { DataSource } from 'typeorm';
import type { MessageStatusService } from './message-status.service';
import { StatusDrainService } from './status-drain.service';
import type { StatusDrainSignal } from './status-drain.signal';

const TENANT = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000b2';

/**
 * A tenant's drains are paced in a process: one runs at a time, the next starts 100 ms after the previous one
 * started (500 ms after a busy one), and jobs asked for meanwhile share it; at rest a drain starts at once. Each drain starts by clearing
 * its tenant's marker (`signal.starting`), which these tests count. Postgres is a stand-in with no pending callback.
 */
describe('StatusDrainService pacing', () => {
  let started: string[];
  let gate: Promise<void> | undefined;
  /** Pending callbacks the next claim finds (then none). */
  let pending: number;
  let service: StatusDrainService;

  beforeEach(() => {
    started = [];
    gate = undefined;
    pending = 0;
    const query = async (sql: string | { text: string }) => {
      if (!(typeof sql === 'string' ? sql : sql.text).includes('SKIP LOCKED')) return { rows: [] };
      const rows = Array.from({ length: pending }, (_, i) => ({
        id: `event-${i}`,
        provider: 'twilio',
        payload: {
          kind: 'status',
          message_id: null,
          update: { provider_message_id: `SM${i}`, status: 'delivered' },
        },
        attempts: 0,
      }));
      pending = 0;
      return { rows };
    };
    const client = { query, release: () => undefined };
    const db = { driver: { master: { connect: async () => client } } } as unknown as DataSource;
    const statuses = {
      publish: async () => undefined,
      applyBatch: async (_sql: unknown, _tenantId: string, callbacks: unknown[]) => ({
        outcomes: callbacks.map(() => 'applied'),
        leads: callbacks.map(() => null),
        moved: [],
      }),
    } as unknown as MessageStatusService;
    const signal = {
      starting: async (tenantId: string) => {
        started.push(tenantId);
        await gate;
      },
      later: async () => undefined,
    } as unknown as StatusDrainSignal;
    service = new StatusDrainService(db, statuses, signal);
  });

  it('jobs asked for while a drain runs share the next one, 100 ms after its start; another tenant does not wait', async () => {
    jest.useFakeTimers();
    try {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      const first = service.drain({ tenant_id: TENANT });
      const second = service.drain({ tenant_id: TENANT });
      const third = service.drain({ tenant_id: TENANT });
      expect(started).toEqual([TENANT]);
      const other = service.drain({ tenant_id: OTHER });
      expect(started).toEqual([TENANT, OTHER]);
      gate = undefined;
      open();
      expect(await first).toBe(0);
      expect(await other).toBe(0);
      expect(started).toEqual([TENANT, OTHER]);
      jest.advanceTimersByTime(99);
      expect(started).toEqual([TENANT, OTHER]);
      jest.advanceTimersByTime(1);
      expect(started).toEqual([TENANT, OTHER, TENANT]);
      expect([await second, await third]).toEqual([0, 0]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('after a drain that claimed 20 callbacks or more, the next one starts 500 ms after it started; then 100 ms again', async () => {
    jest.useFakeTimers();
    try {
      pending = 20;
      expect(await service.drain({ tenant_id: TENANT })).toBe(20);
      const next = service.drain({ tenant_id: TENANT });
      jest.advanceTimersByTime(499);
      expect(started).toEqual([TENANT]);
      jest.advanceTimersByTime(1);
      expect(started).toEqual([TENANT, TENANT]);
      expect(await next).toBe(0);
      const third = service.drain({ tenant_id: TENANT });
      jest.advanceTimersByTime(99);
      expect(started).toEqual([TENANT, TENANT]);
      jest.advanceTimersByTime(1);
      expect(started).toEqual([TENANT, TENANT, TENANT]);
      await third;
    } finally {
      jest.useRealTimers();
    }
  });

  it('a drain asked for at rest starts at once', async () => {
    jest.useFakeTimers();
    try {
      await service.drain({ tenant_id: TENANT });
      jest.advanceTimersByTime(100);
      const next = service.drain({ tenant_id: TENANT });
      expect(started).toEqual([TENANT, TENANT]);
      await next;
    } finally {
      jest.useRealTimers();
    }
  });
});
