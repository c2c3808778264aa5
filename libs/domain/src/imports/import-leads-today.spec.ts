import type { LeadAnnouncements } from '../leads/lead-announcements';
import { ImportLeadsToday } from './import-leads-today';

const DAY = 86_400_000;
const MORNING = new Date('2026-03-02T09:00:00Z');

/** A tenant in UTC whose leads today the test sets; what was counted and sent is recorded. */
function tenant() {
  const state = {
    leads: 0,
    counts: 0,
    failNext: false,
    sent: [] as Array<{ value: number; change: string }>,
  };
  const announcements = {
    dayStart: async (_t: string, now: Date) => new Date(Math.floor(now.getTime() / DAY) * DAY),
    leadsToday: async () => {
      state.counts++;
      if (state.failNext) {
        state.failNext = false;
        throw new Error('database gone');
      }
      return state.leads;
    },
    leadsTodayMoved: (_t: string, value: number, added: number) =>
      state.sent.push({ value, change: `+${added}` }),
  } as unknown as LeadAnnouncements;
  return { state, figures: new ImportLeadsToday(announcements, 'tenant') };
}

/** Lets the figures released so far be sent. */
const sent = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Submits a batch (the previous one's figure is sent), runs `meanwhile` (what happens while it merges), then commits
 * it with `added` leads (the tenant's leads grow by as many).
 */
async function batch(
  t: ReturnType<typeof tenant>,
  added: number,
  now = MORNING,
  meanwhile = () => {},
): Promise<void> {
  t.figures.submit();
  await sent();
  meanwhile();
  t.state.leads += added;
  t.figures.commit(added, now);
}

describe('ImportLeadsToday', () => {
  it('counts at the first and the last batch and adds the batches between', async () => {
    const t = tenant();
    t.state.leads = 7;
    for (let i = 0; i < 3; i++) await batch(t, 10);
    await batch(t, 10, MORNING, () => (t.state.leads += 2)); // created by others meanwhile
    await batch(t, 10);
    await t.figures.end();
    expect(t.state.sent.map((s) => s.value)).toEqual([17, 27, 37, 47, 59]);
    expect(t.state.sent.every((s) => s.change === '+10')).toBe(true);
    expect(t.state.counts).toBe(2);
  });

  it('holds a batch until the next is submitted or the run ends: the last one is counted', async () => {
    const t = tenant();
    await batch(t, 5);
    await sent();
    expect(t.state.sent).toEqual([]);
    await batch(t, 5, MORNING, () => (t.state.leads += 1));
    await sent();
    expect(t.state.sent).toEqual([{ value: 5, change: '+5' }]);
    await t.figures.end();
    expect(t.state.sent).toEqual([
      { value: 5, change: '+5' },
      { value: 11, change: '+5' },
    ]);
  });

  it('a single batch counts once; batches adding nothing send nothing', async () => {
    const t = tenant();
    await batch(t, 0);
    await batch(t, 3);
    await batch(t, 0);
    await t.figures.end();
    expect(t.state.sent).toEqual([{ value: 3, change: '+3' }]);
    expect(t.state.counts).toBe(1);
  });

  it('a last batch that adds nothing settles a figure that was added up, only when it moved', async () => {
    const moved = tenant();
    await batch(moved, 4);
    await batch(moved, 4, MORNING, () => (moved.state.leads += 1));
    await batch(moved, 0);
    await moved.figures.end();
    expect(moved.state.sent).toEqual([
      { value: 4, change: '+4' },
      { value: 8, change: '+4' },
      { value: 9, change: '+0' },
    ]);

    const still = tenant();
    await batch(still, 4);
    await batch(still, 4);
    await batch(still, 0);
    await still.figures.end();
    expect(still.state.sent.map((s) => s.value)).toEqual([4, 8]);
    expect(still.state.counts).toBe(2);
  });

  it("counts again when the tenant's day turned, and after a count that failed", async () => {
    const t = tenant();
    const dayTwo = new Date(MORNING.getTime() + DAY);
    await batch(t, 6);
    // Midnight: none of the new day's yet, and the first count of the day fails.
    await batch(t, 6, dayTwo, () => Object.assign(t.state, { leads: 0, failNext: true }));
    await batch(t, 6, dayTwo);
    await batch(t, 6, dayTwo);
    await batch(t, 6, dayTwo);
    await t.figures.end();
    // Day one 6 counted; day two: the failed count sends nothing, 12 counted, 18 added, 24 counted at the end.
    expect(t.state.sent.map((s) => s.value)).toEqual([6, 12, 18, 24]);
    expect(t.state.counts).toBe(4);
  });
});
