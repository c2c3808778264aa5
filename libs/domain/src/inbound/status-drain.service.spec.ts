import type { DataSource } from 'typeorm';
import type { MessageStatusService } from './message-status.service';
import { StatusDrainService } from './status-drain.service';
import type { DrainSuccessor, DrainTurn, StatusDrainSignal } from './status-drain.signal';

const TENANT = '00000000-0000-4000-8000-0000000000a1';

/**
 * A drain job asks its tenant's turn first (StatusDrainSignal, whose Redis scripts status-drain-turns.e2e-spec
 * runs): it drains only when the turn is its own, then gives it back with the pace of the next drain (500 ms after
 * one that claimed 20 or more, else 100 ms) and adds the successor the signal answers. A job that finds the turn
 * taken, or the pace not run out, returns at once. Postgres is a stand-in with `pending` callbacks.
 */
describe('StatusDrainService turns', () => {
  /** Pending callbacks the next claim finds (then none). */
  let pending: number;
  let claims: number;
  let turn: DrainTurn;
  let ended: { token: string; pace: number; busy: boolean }[];
  let next: DrainSuccessor | null;
  let added: DrainSuccessor[];
  let failing: boolean;
  let service: StatusDrainService;

  beforeEach(() => {
    pending = 0;
    claims = 0;
    turn = 'run';
    ended = [];
    next = null;
    added = [];
    failing = false;
    const query = async (sql: string | { text: string }) => {
      if (!(typeof sql === 'string' ? sql : sql.text).includes('SKIP LOCKED')) return { rows: [] };
      claims += 1;
      if (failing) throw new Error('Postgres went away');
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
      begin: async () => turn,
      end: async (_tenantId: string, token: string, pace: number, busy: boolean) => {
        ended.push({ token, pace, busy });
        return next;
      },
      successor: async (_tenantId: string, successor: DrainSuccessor) => void added.push(successor),
      later: async () => undefined,
      renew: async () => undefined,
    } as unknown as StatusDrainSignal;
    service = new StatusDrainService(db, statuses, signal);
  });

  it('drains on its turn, then gives the turn back with a 100 ms pace, or 500 ms after claiming 20 or more', async () => {
    pending = 19;
    expect(await service.drain({ tenant_id: TENANT }, { id: 7 })).toBe(19);
    pending = 20;
    expect(await service.drain({ tenant_id: TENANT }, { id: 8 })).toBe(20);
    expect(ended).toEqual([
      { token: '7', pace: 100, busy: false },
      { token: '8', pace: 500, busy: true },
    ]);
    expect(added).toEqual([]);
  });

  it('adds the successor the end answers', async () => {
    next = { due: 1_000_500, delayMs: 480 };
    pending = 30;
    expect(await service.drain({ tenant_id: TENANT }, { id: 'a' })).toBe(30);
    expect(added).toEqual([next]);
  });

  it('a job finding the turn taken returns at once, without reading', async () => {
    turn = 'busy';
    pending = 5;
    expect(await service.drain({ tenant_id: TENANT }, { id: 1 })).toBe(0);
    expect(claims).toBe(0);
    expect(ended).toEqual([]);
  });

  it('a job coming before the pace ran out adds the successor and returns at once, without reading', async () => {
    turn = { due: 2_000_000, delayMs: 350 };
    pending = 5;
    expect(await service.drain({ tenant_id: TENANT }, { id: 2 })).toBe(0);
    expect(claims).toBe(0);
    expect(added).toEqual([turn]);
    expect(ended).toEqual([]);
  });

  it('a drain that fails gives its turn back too, and adds the successor asked for meanwhile', async () => {
    failing = true;
    next = { due: 3_000_100, delayMs: 100 };
    await expect(service.drain({ tenant_id: TENANT }, { id: 3 })).rejects.toThrow('Postgres went away');
    expect(ended).toEqual([{ token: '3', pace: 100, busy: false }]);
    expect(added).toEqual([next]);
  });
});
