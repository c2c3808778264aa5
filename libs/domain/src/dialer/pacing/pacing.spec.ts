import {
  AbandonmentForecast,
  abandonAllowance,
  callsToPlace,
  dialModel,
  EMPTY_PACER_STATS,
  humanIfAnsweredAfter,
  logNormalDuration,
  normalCdf,
  poissonPmf,
  type PacerAgent,
  type PacerCall,
  type PacerSnapshot,
  type PacerStats,
} from '.';

const NOW = Date.parse('2026-03-02T15:00:00Z');
const SECOND = 1000;

/** An hour of a campaign like the issue's: 25 % people (ring ~8 s), 25 % machines, 40 % no answer, 10 % busy. */
const STEADY: PacerStats = {
  dials: 1400,
  human_answers: 350,
  machine_answers: 350,
  no_answers: 560,
  rejected: 140,
  abandoned: 7,
  connected: 343,
  human_answer_ms_mean: 8000,
  human_answer_ms_sd: 4000,
  machine_answer_ms_mean: 10_000,
  machine_answer_ms_sd: 1150,
  no_answer_ms_mean: 25_000,
  no_answer_ms_sd: 0,
  rejected_ms_mean: 5000,
  rejected_ms_sd: 580,
  amd_ms_mean: 2500,
  talk_ms_mean: 180_000,
  talk_ms_sd: 120_000,
  period_human_answers: 2000,
  period_abandoned: 40,
};

const available = (idleFor = 5 * SECOND): PacerAgent => ({ state: 'available', since_ms: NOW - idleFor });
const talking = (talkedFor: number): PacerAgent => ({ state: 'talking', since_ms: NOW - talkedFor });
const wrapping = (endsIn: number): PacerAgent => ({
  state: 'wrap_up',
  since_ms: NOW + endsIn - 30 * SECOND,
  wrap_up_until_ms: NOW + endsIn,
});
const ringing = (age: number): PacerCall => ({ placed_at_ms: NOW - age });

function snapshot(over: Partial<PacerSnapshot>): PacerSnapshot {
  return {
    now_ms: NOW,
    mode: 'predictive',
    lines_per_agent: 1,
    max_abandon_rate: 0.03,
    agents: [],
    calls: [],
    stats: STEADY,
    wrap_up_ms: 30 * SECOND,
    ...over,
  };
}

/** 20 agents: two idle, five finishing wrap-up within 10 s, the rest talking. */
const BUSY_FLOOR: PacerAgent[] = [
  available(),
  available(),
  ...[3, 5, 6, 8, 10].map((s) => wrapping(s * SECOND)),
  ...Array.from({ length: 13 }, (_, i) => talking((20 + 15 * i) * SECOND)),
];

describe('callsToPlace: preview and power', () => {
  it('never dials ahead in preview mode', () => {
    expect(callsToPlace(snapshot({ mode: 'preview', agents: [available(), available()] }))).toBe(0);
  });

  it('gives power dialing lines per available agent, less the calls in flight', () => {
    const agents = [available(), available(), available(), talking(60 * SECOND), wrapping(5 * SECOND)];
    expect(callsToPlace(snapshot({ mode: 'power', agents }))).toBe(3);
    expect(callsToPlace(snapshot({ mode: 'power', agents, lines_per_agent: 2 }))).toBe(6);
    expect(
      callsToPlace(snapshot({ mode: 'power', agents, lines_per_agent: 2, calls: [ringing(3000)] })),
    ).toBe(5);
    // 1.5 lines × 3 agents = 4.5 lines: 4.
    expect(callsToPlace(snapshot({ mode: 'power', agents, lines_per_agent: 1.5 }))).toBe(4);
    expect(callsToPlace(snapshot({ mode: 'power', agents, max_calls: 1 }))).toBe(1);
  });

  it('never answers a negative number, whatever is in flight', () => {
    const calls = Array.from({ length: 5 }, (_, i) => ringing(i * SECOND));
    expect(callsToPlace(snapshot({ mode: 'power', agents: [available()], calls }))).toBe(0);
    expect(callsToPlace(snapshot({ mode: 'power', agents: [], calls }))).toBe(0);
    expect(callsToPlace(snapshot({ mode: 'predictive', agents: [available()], calls }))).toBe(0);
  });

  it('does not count reserved, talking or wrapping-up agents as available in power mode', () => {
    const agents: PacerAgent[] = [{ state: 'reserved', since_ms: NOW }, talking(10 * SECOND), wrapping(1000)];
    expect(callsToPlace(snapshot({ mode: 'power', agents, lines_per_agent: 3 }))).toBe(0);
  });
});

describe('callsToPlace: predictive', () => {
  it('places nothing without agents on shift', () => {
    expect(callsToPlace(snapshot({ agents: [] }))).toBe(0);
    expect(callsToPlace(snapshot({ agents: [{ state: 'reserved', since_ms: NOW }] }))).toBe(0);
    expect(callsToPlace(snapshot({ agents: [], stats: EMPTY_PACER_STATS }))).toBe(0);
  });

  it('starts as power dialing with one line per available agent until the statistics mean something', () => {
    const agents = [available(), available(), available(), wrapping(3 * SECOND)];
    const early = { ...STEADY, dials: 20, human_answers: 5 };
    expect(callsToPlace(snapshot({ agents, stats: EMPTY_PACER_STATS, lines_per_agent: 3 }))).toBe(3);
    expect(callsToPlace(snapshot({ agents, stats: early, calls: [ringing(2000)] }))).toBe(2);
  });

  it('dials for idle agents with nothing in flight', () => {
    expect(callsToPlace(snapshot({ agents: [available()] }))).toBeGreaterThanOrEqual(1);
  });

  it('dials ahead of the known ends of wrap-up, where power dialing waits', () => {
    const agents = [wrapping(6 * SECOND), wrapping(7 * SECOND), wrapping(9 * SECOND), talking(100 * SECOND)];
    expect(callsToPlace(snapshot({ mode: 'power', agents }))).toBe(0);
    expect(callsToPlace(snapshot({ agents }))).toBeGreaterThan(0);
  });

  it('places nothing when nobody can be free before the people it would reach are ready', () => {
    // Every agent just started talking: none is free for 30 s of wrap-up at least.
    const agents = Array.from({ length: 10 }, () => talking(2 * SECOND));
    expect(callsToPlace(snapshot({ agents }))).toBe(0);
  });

  it('places nothing for an idle agent while a person already waits for one', () => {
    const calls: PacerCall[] = [
      { placed_at_ms: NOW - 12 * SECOND, answered_at_ms: NOW - 3 * SECOND, human: true },
    ];
    expect(callsToPlace(snapshot({ agents: [available(), talking(30 * SECOND)], calls }))).toBe(0);
  });

  it('weighs a call awaiting its AMD result by how long it rang: early pick-ups are people, not machines', () => {
    const agents = [
      available(),
      available(),
      ...Array.from({ length: 8 }, (_, i) => talking((30 + 20 * i) * SECOND)),
    ];
    const answeredAfter = (ring: number): PacerCall[] => [
      { placed_at_ms: NOW - ring - SECOND, answered_at_ms: NOW - SECOND },
      ringing(4 * SECOND),
    ];
    // Answered after 3 s: no machine picks up that soon, so one of the two idle agents is as good as taken.
    expect(callsToPlace(snapshot({ agents, calls: answeredAfter(3 * SECOND) }))).toBe(0);
    // Answered after 10 s, when the machines pick up: most likely a machine, so both agents may be idle soon.
    expect(callsToPlace(snapshot({ agents, calls: answeredAfter(10 * SECOND) }))).toBe(1);
  });

  it('places fewer calls the more are already in flight', () => {
    const counts = [0, 2, 4, 8, 16].map((inFlight) =>
      callsToPlace(
        snapshot({
          agents: BUSY_FLOOR,
          calls: Array.from({ length: inFlight }, (_, i) => ringing((i % 4) * SECOND)),
        }),
      ),
    );
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
    expect(counts[0]).toBeGreaterThan(counts[counts.length - 1]);
    expect(counts[counts.length - 1]).toBe(0);
  });

  it('throttles when the observed abandonment is over the cap', () => {
    const base = snapshot({ agents: BUSY_FLOOR, calls: [ringing(1000)] });
    const normal = callsToPlace(base);
    const overPeriod = callsToPlace({
      ...base,
      stats: { ...STEADY, period_human_answers: 2000, period_abandoned: 100 },
    });
    const overWindow = callsToPlace({ ...base, stats: { ...STEADY, human_answers: 350, abandoned: 35 } });
    expect(normal).toBeGreaterThan(1);
    expect(overPeriod).toBeLessThan(normal);
    expect(overWindow).toBeLessThan(normal);
    // At or under the cap's aim, more is allowed than over it.
    const under = callsToPlace({ ...base, stats: { ...STEADY, period_abandoned: 0 } });
    expect(under).toBeGreaterThanOrEqual(normal);
  });

  it('caps its answer by max_calls', () => {
    const agents = Array.from({ length: 10 }, () => available());
    expect(callsToPlace(snapshot({ agents }))).toBeGreaterThan(3);
    expect(callsToPlace(snapshot({ agents, max_calls: 3 }))).toBe(3);
    expect(callsToPlace(snapshot({ agents, max_calls: 0 }))).toBe(0);
  });

  it('falls back to one line per available agent when no abandonment at all is allowed', () => {
    const agents = [available(), available(), wrapping(4 * SECOND)];
    expect(callsToPlace(snapshot({ agents, max_abandon_rate: 0, calls: [ringing(1000)] }))).toBe(1);
  });
});

describe('abandonAllowance', () => {
  it('allows more under the aim, less over it, and little over the cap', () => {
    const at = (period_abandoned: number) => abandonAllowance(0.03, { ...STEADY, period_abandoned });
    expect(at(0)).toBeGreaterThan(at(48));
    expect(at(48)).toBeGreaterThan(at(58));
    expect(at(70)).toBeCloseTo(0.003, 6);
  });
});

describe('humanIfAnsweredAfter', () => {
  const model = dialModel(STEADY);

  it('tells people from machines by the ring before the answer', () => {
    expect(humanIfAnsweredAfter(model, 3 * SECOND)).toBeGreaterThan(0.99);
    expect(humanIfAnsweredAfter(model, 10 * SECOND)).toBeLessThan(0.3);
    expect(humanIfAnsweredAfter(model, 20 * SECOND)).toBeGreaterThan(0.99);
  });

  it('falls back to the share of people among answers when no ring time is observed', () => {
    const blind = dialModel({ ...STEADY, human_answer_ms_mean: 0, machine_answer_ms_mean: 0 });
    expect(humanIfAnsweredAfter(blind, 10 * SECOND)).toBe(0.5);
  });
});

describe('AbandonmentForecast', () => {
  const bins = 5;
  const zeros = () => new Array<number>(bins).fill(0);
  const none = () => Array.from({ length: bins }, () => [] as number[]);

  it('loses the people beyond the idle agents', () => {
    const bernoulli = none();
    bernoulli[0] = [1, 1, 1];
    const forecast = new AbandonmentForecast(
      { idle: 1, known: zeros(), expected: zeros() },
      { ringing: zeros(), ringingCalls: 0, bernoulli },
      zeros(),
    );
    expect(forecast.expected(0)).toBeCloseTo(2, 9);
  });

  it('counts at most one person per call, and agents coming free later', () => {
    // Each new call reaches a person with chance 0.5, spread over the first two bins; one idle agent.
    const fresh = zeros();
    fresh[0] = 0.25;
    fresh[1] = 0.25;
    const supply = { idle: 1, known: zeros(), expected: zeros() };
    const demand = { ringing: zeros(), ringingCalls: 0, bernoulli: none() };
    const forecast = new AbandonmentForecast(supply, demand, fresh);
    expect(forecast.expected(1)).toBeCloseTo(0, 12);
    // Two calls: both reach someone with chance 0.25; one of them is lost (a Poisson count would say more).
    expect(forecast.expected(2)).toBeCloseTo(0.25, 9);
    // A second agent free in the third bin takes nobody from the first two.
    const later = { ...supply, known: [0, 0, 1, 0, 0] };
    expect(new AbandonmentForecast(later, demand, fresh).expected(2)).toBeCloseTo(0.25, 9);
    const sooner = { ...supply, known: [0, 1, 0, 0, 0] };
    expect(new AbandonmentForecast(sooner, demand, fresh).expected(2)).toBeLessThan(0.25);
  });
});

describe('pacing math', () => {
  it('has the standard normal CDF and a log-normal of the given mean', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
    const ring = logNormalDuration(8000, 4000);
    // The median of a log-normal lies under its mean: exp(mu) = 8000 / sqrt(1.25).
    expect(ring.cdf(8000 / Math.sqrt(1.25))).toBeCloseTo(0.5, 6);
    expect(ring.cdf(0)).toBe(0);
    const fixed = logNormalDuration(25_000, 0);
    expect(fixed.cdf(24_999)).toBe(0);
    expect(fixed.cdf(25_000)).toBe(1);
  });

  it('has a Poisson pmf that sums to one', () => {
    const pmf = poissonPmf(2.5);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(pmf[0]).toBeCloseTo(Math.exp(-2.5), 12);
    expect(poissonPmf(0)).toEqual([1]);
  });
});
