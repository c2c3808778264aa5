import { ManualClock } from '@app/common';
import { Logger } from '@nestjs/common';
import { DialerTickService } from './dialer-tick.service';

/**
 * The tick's sweeps are independent: one that throws (a row whose update keeps failing, a query that times out)
 * is logged and the others still run, and within a sweep the rows after a failing one are still handled.
 */
describe('DialerTickService.tick', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  function tickWith(failing: { pacers?: boolean; offers?: boolean; firstPlacement?: boolean }) {
    const done: string[] = [];
    const boom = () => Promise.reject(new Error('boom'));
    const service = new DialerTickService(
      { wake: (_t: string, id: string) => (done.push(`wake ${id}`), Promise.resolve()) } as never,
      {
        pacingCampaigns: () => (failing.pacers ? boom() : Promise.resolve([{ tenant_id: 't', id: 'c1' }])),
      } as never,
      { expireOffers: () => (failing.offers ? boom() : (done.push('offers'), Promise.resolve())) } as never,
      {
        lostPlacements: () =>
          Promise.resolve([
            { tenant_id: 't', id: 'call1' },
            { tenant_id: 't', id: 'call2' },
          ]),
        find: (_t: string, id: string) => Promise.resolve({ id }),
      } as never,
      {
        fail: (call: { id: string }) =>
          failing.firstPlacement && call.id === 'call1'
            ? boom()
            : (done.push(`fail ${call.id}`), Promise.resolve()),
      } as never,
      {
        overdueWrapUps: () => Promise.resolve([]),
        overheld: () => (done.push('overheld'), Promise.resolve([])),
      } as never,
      { enqueue: () => Promise.resolve() } as never,
      new ManualClock('2026-12-01T10:00:00Z'),
    );
    return { done, tick: () => service.tick() };
  }

  it('runs every sweep when nothing fails', async () => {
    const { done, tick } = tickWith({});
    await tick();
    expect(done).toEqual(['wake c1', 'offers', 'fail call1', 'fail call2', 'overheld']);
  });

  it('a failing sweep or row leaves the rest to run', async () => {
    const { done, tick } = tickWith({ pacers: true, offers: true, firstPlacement: true });
    await expect(tick()).resolves.toBeUndefined();
    expect(done).toEqual(['fail call2', 'overheld']);
  });
});
