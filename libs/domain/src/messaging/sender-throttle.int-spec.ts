import { admitInWindow } from '@app/common';
import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import Redis, { Command } from 'ioredis';
import {
  LINE_LEAD_MS,
  PACING_SHARE,
  SEND_LATE_MS,
  SEND_RESTAMPED_LATE_MS,
  SEND_WINDOW_MS,
  SenderThrottleService,
} from './sender-throttle.service';

/**
 * Send pacing on a real Redis, as two processes see it (two clients, one prefix): a sender's slots are 1/rate
 * apart whoever takes them, a slot more than a second away is not taken, no second holds more than the rate of
 * sends, and each sender and tenant has its own pace.
 */
describe('sender throttle (integration)', () => {
  const config = loadConfig(
    testEnv({ SEND_RATE_SMS_PER_SECOND: '4', SEND_RATE_WHATSAPP_PER_SECOND: '1000' }),
  );
  let clients: Redis[];
  let a: SenderThrottleService;
  let b: SenderThrottleService;

  beforeAll(() => {
    clients = [new Redis(config.redis.url), new Redis(config.redis.url)];
    [a, b] = clients.map((c) => new SenderThrottleService(c, config));
  });
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it('spaces one sender at 1/rate (with its headroom) across processes, holding sends whose slot is within a second', async () => {
    // 4 per second at 97.5 %: slots 256 ms apart, taken by whichever process asks; four fit in a second.
    const spacing = 1000 / (4 * PACING_SHARE);
    const started = Date.now();
    // Each slot's time as its caller sees it, bounded by the call's start and its answer (Redis worked out the hold
    // somewhere between): a busy machine widens the bounds instead of moving the slot.
    const slots: { earliest: number; latest: number; hold: number }[] = [];
    const taken = async (throttle: SenderThrottleService, id: string) => {
      const before = Date.now();
      const slot = await throttle.take('tenant-1', 'sms', '+14155550100', id);
      return { slot, before, after: Date.now() };
    };
    for (const [i, throttle] of [a, b, a, b].entries()) {
      const { slot, before, after } = await taken(throttle, `first-${i}`);
      if (!('hold_ms' in slot)) throw new Error(`slot ${slots.length} not taken`);
      slots.push({ earliest: before + slot.hold_ms, latest: after + slot.hold_ms, hold: slot.hold_ms });
    }
    // The fifth slot lies 1,026 ms after the first: it is refused unless these calls took over 26 ms (a busy
    // machine), and then a later one is. Every slot taken is within a second; the first refusal is the point.
    let refused: { retry_in_ms: number } | undefined;
    let refusedAt = { before: 0, after: 0 };
    for (let i = 0; i < 8 && !refused; i++) {
      const { slot, before, after } = await taken([b, a][i % 2], `more-${i}`);
      if ('retry_in_ms' in slot) {
        refused = slot;
        refusedAt = { before, after };
      } else {
        expect(slot.hold_ms).toBeLessThanOrEqual(1000);
        slots.push({ earliest: before + slot.hold_ms, latest: after + slot.hold_ms, hold: slot.hold_ms });
      }
    }
    expect(slots.length).toBeLessThanOrEqual(4 + Math.ceil((Date.now() - started) / spacing));
    // The time each send may go is 1/rate after the one before: within the bounds the round trips leave (2 ms for
    // Redis's whole milliseconds). At rest the bounds are a few ms wide; before, a fixed 50 ms either way failed
    // when one answer reached this thread 50 ms later than the one before. A slot held for 0 ms is now: the pace
    // had lapsed (calls over 256 ms apart), so it can only be later.
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i].latest - slots[i - 1].earliest).toBeGreaterThan(spacing - 2);
      if (slots[i].hold > 0) expect(slots[i].earliest - slots[i - 1].latest).toBeLessThan(spacing + 2);
    }
    // The next slot is more than a second away: nothing is taken, the send comes back a little before it.
    expect(refused).toEqual({ retry_in_ms: expect.any(Number) });
    expect(refused!.retry_in_ms).toBeLessThanOrEqual(Math.ceil(slots.length * spacing - LINE_LEAD_MS));
    expect(refused!.retry_in_ms).toBeGreaterThan(1000 - LINE_LEAD_MS - 50);
    // The next one queues behind it, one slot later: each told when to come back as its caller sees it (answer
    // time plus the wait), so a slow machine's time between the two calls does not count.
    const { slot: again, after: againAfter } = await taken(a, 'again');
    expect(again).toEqual({ retry_in_ms: expect.any(Number) });
    const { retry_in_ms: againIn } = again as { retry_in_ms: number };
    expect(againAfter + againIn - (refusedAt.before + refused!.retry_in_ms)).toBeGreaterThan(spacing - 2);
  });

  /**
   * What Redis answered each window check on these clients (the sliding window's script, by its key): the
   * admission's time on Redis's clock, or a refusal; and each move of an admission to a late call's time (`moved`:
   * restampInWindow, its window and member as its arguments). The throttle counts those times, so the window rule
   * holds on them exactly; when this thread gets to see an answer (later on a busy machine) does not move them.
   */
  function windowAnswers() {
    // `sent`: when this process sent the command (performance.now()); `at`: Redis's time in the answer.
    const answers: { key: string; member: string; sent: number; at?: number; moved?: true }[] = [];
    // A command sent before the client connected is sent again from its offline queue: each is counted once.
    const seen = new WeakSet<Command>();
    for (const client of clients) {
      const send = client.sendCommand.bind(client);
      client.sendCommand = ((command: Command, stream?: unknown) => {
        const result = send(command, stream as never);
        const args = command.args.map(String);
        const key = args[2];
        const moved = args.length === 5;
        const member = moved ? args[4] : args[5];
        if (
          (command.name === 'evalsha' || command.name === 'eval') &&
          key?.includes(':send-window:') &&
          !seen.has(command)
        ) {
          seen.add(command);
          const sent = performance.now();
          command.promise.then(
            (answer) => {
              const at = Number(answer);
              answers.push({ key, member, sent, ...(at >= 0 ? { at } : {}), ...(moved ? { moved } : {}) });
            },
            () => undefined,
          );
        }
        return result;
      }) as typeof client.sendCommand;
    }
    return {
      answers,
      restore: () => clients.forEach((client) => delete (client as { sendCommand?: unknown }).sendCommand),
    };
  }

  it('admits no more than the rate within any one second, across processes, waiting for the oldest to leave', async () => {
    const { answers, restore } = windowAnswers();
    try {
      // Six sends of one sender at once, at 4 per second: four go now, two wait about a second.
      await Promise.all(
        [a, b, a, b, a, b].map((throttle, i) =>
          throttle.admit('tenant-4', 'sms', '+14155550100', `m${i}:0`, async () => undefined),
        ),
      );
      const ours = answers.filter((x) => x.member.startsWith('m'));
      // The admission each send used: its last (one read too late is replaced by another).
      const used = new Map(ours.flatMap((x) => (x.at === undefined ? [] : [[x.member, x.at] as const])));
      const admitted = [...used.values()].sort((x, y) => x - y);
      expect(admitted).toHaveLength(6);
      // Four were admitted at their first check; the other two were refused (at least once) before theirs.
      const refused = new Set(ours.filter((x) => x.at === undefined).map((x) => x.member));
      expect(refused.size).toBe(2);
      // A window a little longer than the provider's second: on Redis's clock, each send is admitted no sooner than
      // SEND_WINDOW_MS after the fourth before it (less 0.1 ms and two doubles' steps: each answered time is
      // rounded to 14 digits, see sameTime).
      for (let i = 4; i < admitted.length; i++)
        expect(admitted[i] - admitted[i - 4]).toBeGreaterThanOrEqual(SEND_WINDOW_MS - 0.101);
      // Another sender and another tenant are not held by this one: admitted at their first check.
      await a.admit('tenant-4', 'sms', '+14155550101', 'n0:0', async () => undefined);
      await a.admit('tenant-5', 'sms', '+14155550100', 'n1:0', async () => undefined);
      // (On a busy machine an answer may be read too late to use, and the send admitted again: never refused.)
      const others = answers.filter((x) => x.member.startsWith('n'));
      expect(others.every((x) => x.at !== undefined)).toBe(true);
      expect([...new Set(others.map((x) => x.member))]).toEqual(['n0:0', 'n1:0']);
    } finally {
      restore();
    }
  });

  /**
   * The window's score for an answer's time: the script answers `tostring(now)` (14 digits, so to 0.1 ms) and
   * stores `now` whole, so the two differ by up to half of 0.1 ms plus a double's step at 1.7e12 (2.4e-4 ms).
   * `toBeCloseTo(x, 1)` wants strictly under 0.05 and failed about once in 170 answers (when the time's
   * microseconds ended in 50).
   */
  const sameTime = (score: string, answered: number) =>
    expect(Math.abs(Number(score) - answered)).toBeLessThanOrEqual(0.051);

  /** Admits one send on client `a` whose answer this thread reads `lateMs` after asking (a busy worker). */
  async function admitReadLate(tenant: string, member: string, lateMs: number) {
    const asked = performance.now();
    let calls = 0;
    const called = a.admit(tenant, 'sms', '+14155550100', member, async () => calls++);
    // Redis answers while this thread works on: the answer is read over `lateMs` after asking.
    while (performance.now() - asked < lateMs);
    await called;
    const key = config.redisKey('send-window', 'sms', tenant, '+14155550100');
    // On a's own connection, so after anything the admission wrote on it.
    const held = await clients[0].zrange(key, 0, -1, 'WITHSCORES');
    return { calls, held, asked };
  }

  it('a send whose admission is read after SEND_LATE_MS (within SEND_RESTAMPED_LATE_MS) goes at once, counted from its call', async () => {
    const { answers, restore } = windowAnswers();
    try {
      const { calls, held, asked } = await admitReadLate('tenant-8', 'late:0', SEND_LATE_MS + 30);
      expect(calls).toBe(1);
      // One admission, not one more per answer read late (4 to 5 per send on a busy worker): its entry in the window
      // was moved to when the call went, at least the lateness after the admission, so the window counts the send
      // from its call.
      const ours = answers.filter((x) => x.member === 'late:0');
      expect(ours.filter((x) => !x.moved)).toHaveLength(1);
      const [admitted, moved] = ours;
      expect(admitted.at).toBeDefined();
      expect(moved).toMatchObject({ moved: true, at: expect.any(Number) });
      // The move was sent once the answer was read, after the lateness (this process's clock: Redis ran the first
      // script some time after `asked`, so the gap between the two answers' Redis times may be shorter).
      expect(moved.sent - asked).toBeGreaterThanOrEqual(SEND_LATE_MS + 30);
      expect(moved.at!).toBeGreaterThan(admitted.at!);
      expect(held).toEqual(['late:0', expect.any(String)]);
      sameTime(held[1], moved.at!);
    } finally {
      restore();
    }
  });

  it('a send whose admission is read after SEND_RESTAMPED_LATE_MS is admitted anew, the first never used', async () => {
    const { answers, restore } = windowAnswers();
    try {
      const { calls, held, asked } = await admitReadLate('tenant-9', 'later:0', SEND_RESTAMPED_LATE_MS + 30);
      expect(calls).toBe(1);
      // Admitted again (more than once on a busy machine, each read too late), the call made after the last; the
      // first admission was replaced, so the window holds the send once, at its last admission (or its move).
      const ours = answers.filter((x) => x.member === 'later:0');
      expect(ours.length).toBeGreaterThanOrEqual(2);
      expect(ours.every((x) => x.at !== undefined)).toBe(true);
      // Asked again once the first answer was read, after the lateness (on this process's clock, as above).
      expect(ours[1].sent - asked).toBeGreaterThanOrEqual(SEND_RESTAMPED_LATE_MS + 30);
      expect(ours[1].at!).toBeGreaterThan(ours[0].at!);
      expect(held).toEqual(['later:0', expect.any(String)]);
      sameTime(held[1], ours[ours.length - 1].at!);
    } finally {
      restore();
    }
  });

  it('an admission of a member already in the window replaces it', async () => {
    const key = `${config.redis.keyPrefix}:window-probe`;
    expect(await admitInWindow(clients[0], key, 1, 1000, 'one')).toMatchObject({ admitted: true });
    // The same send admitted again (it could not use its first): it takes its own place, not another's.
    expect(await admitInWindow(clients[1], key, 1, 1000, 'one')).toMatchObject({ admitted: true });
    expect(await admitInWindow(clients[1], key, 1, 1000, 'two')).toMatchObject({ admitted: false });
    expect(await clients[0].zcard(key)).toBe(1);
  });

  it('keeps a pace per tenant, channel and sender', async () => {
    const go = { hold_ms: 0 };
    expect(await a.take('tenant-2', 'sms', '+14155550100', 'p1')).toEqual(go);
    expect(await a.take('tenant-2', 'sms', '+14155550101', 'p2')).toEqual(go);
    expect(await a.take('tenant-3', 'sms', '+14155550100', 'p3')).toEqual(go);
    expect(await a.take('tenant-2', 'whatsapp', '+14155550100', 'p4')).toEqual(go);
    expect(await a.take('tenant-2', 'sms', '+14155550100', 'p5')).toEqual({ hold_ms: expect.any(Number) });
    expect(await a.take('tenant-2', 'sms', '+14155550101', 'p6')).not.toEqual(go);
  });

  /**
   * Sends `ids` of one sender as `messages.send` jobs do, each back after its first refusal (`backIn`): take a
   * turn; hold for it, or come back when told.
   */
  async function drain(tenant: string, backIn: Map<string, number>) {
    const ids = [...backIn.keys()];
    const turns = new Map(ids.map((id) => [id, 0]));
    const sent: { id: string; at: number }[] = [];
    await Promise.all(
      ids.map(async (id, i) => {
        await new Promise((resolve) => setTimeout(resolve, backIn.get(id)));
        for (;;) {
          const slot = await [a, b][i % 2].take(tenant, 'sms', '+14155550100', id);
          turns.set(id, turns.get(id)! + 1);
          if ('hold_ms' in slot) {
            // The slot's time as its caller sees it (as the first case reads slots): a timer that fires late on a
            // busy machine shifts when this process wakes, not the slot Redis gave.
            sent.push({ id, at: Date.now() + slot.hold_ms });
            await new Promise((resolve) => setTimeout(resolve, slot.hold_ms));
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, slot.retry_in_ms));
        }
      }),
    );
    return { turns, sent };
  }

  it('brings a backlog back one send per slot, first come first served, each refused once', async () => {
    // 12 sends at 4 per second: four fit in the first second; eight join the line in the order they came.
    const spacing = 1000 / (4 * PACING_SHARE);
    const ids = Array.from({ length: 12 }, (_, i) => `backlog-${i}`);
    const refused = new Map<string, number>();
    for (const id of ids) {
      const slot = await a.take('tenant-6', 'sms', '+14155550100', id);
      if ('retry_in_ms' in slot) refused.set(id, slot.retry_in_ms);
    }
    const first = [...refused.keys()];
    expect(first.length).toBeGreaterThanOrEqual(7);
    const { turns, sent } = await drain('tenant-6', refused);
    // Each came back once and went: without the line every refused send came back at every slot (8+7+...+1).
    expect([...turns.values()]).toEqual(first.map(() => 1));
    expect(sent.map((s) => s.id)).toEqual(first);
    for (let i = 1; i < sent.length; i++) expect(sent[i].at - sent[i - 1].at).toBeGreaterThan(spacing - 50);
  }, 15_000);

  it('a send that leaves the line, or a cleared line, no longer holds later sends back', async () => {
    const spacing = 1000 / (4 * PACING_SHARE);
    for (let i = 0; i < 10; i++) await a.take('tenant-7', 'sms', '+14155550100', `void-${i}`);
    const behind = await b.take('tenant-7', 'sms', '+14155550100', 'behind');
    expect(behind).toEqual({ retry_in_ms: expect.any(Number) });
    const wait = (behind as { retry_in_ms: number }).retry_in_ms;
    expect(wait).toBeGreaterThan(5 * spacing);
    // The last in line leaves (held by a pause, say): the next comes one slot sooner than it would have.
    await a.leave('tenant-7', 'sms', 'behind');
    const next = await b.take('tenant-7', 'sms', '+14155550100', 'next');
    expect((next as { retry_in_ms: number }).retry_in_ms).toBeLessThan(wait + spacing / 2);
    // A cleared line: the next send's turn is its sender's next slot, about a second away at most (a few
    // milliseconds more on a loaded machine), not behind the ten voided turns (`wait`, over 5 slots).
    await a.clearLines('tenant-7');
    const cleared = await b.take('tenant-7', 'sms', '+14155550100', 'cleared');
    const ms = 'hold_ms' in cleared ? cleared.hold_ms : cleared.retry_in_ms;
    expect(ms).toBeLessThan(1100);
  });
});
