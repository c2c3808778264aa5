import {
  CallOutcome,
  CallPlan,
  DEFAULT_TELEPHONY_SETTINGS,
  logNormal,
  pickOutcome,
  telephonyPlan,
  TelephonySimulatorSettings,
} from './telephony-plan';

const settings: TelephonySimulatorSettings = { ...DEFAULT_TELEPHONY_SETTINGS, seed: 'spec-seed' };
const keys = Array.from({ length: 20_000 }, (_, i) => `call-${i}`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('telephony plan', () => {
  let plans: CallPlan[];
  beforeAll(() => {
    plans = keys.map((key) => telephonyPlan(settings, key, 'DetectMessageEnd'));
  });
  const of = (outcome: CallOutcome) => plans.filter((p) => p.outcome === outcome);

  it('has the issue numbers as defaults', () => {
    expect(DEFAULT_TELEPHONY_SETTINGS).toMatchObject({
      timeScale: 1,
      mix: { human: 25, machine: 25, no_answer: 40, busy: 10, failed: 0 },
      humanRingMeanMs: 8000,
      machineRingMs: 10_000,
      noAnswerRingMs: 25_000,
      busyAfterMs: 5000,
      amdMinMs: 2000,
      amdMaxMs: 3000,
      talkMeanMs: 180_000,
      talkSdMs: 120_000,
      humanPatienceMs: 20_000,
      agentAnswerMs: 2000,
    });
  });

  it('follows from the seed and the call key only', () => {
    expect(keys.slice(0, 500).map((k) => telephonyPlan(settings, k, 'DetectMessageEnd'))).toEqual(
      plans.slice(0, 500),
    );
    const other = keys.slice(0, 500).map((k) => telephonyPlan({ ...settings, seed: 'other' }, k));
    expect(other.map((p) => p.outcome)).not.toEqual(plans.slice(0, 500).map((p) => p.outcome));
  });

  it('mixes outcomes by the weights: 25 % human, 25 % machine, 40 % no answer, 10 % busy', () => {
    const share = (o: CallOutcome) => of(o).length / plans.length;
    expect(Math.abs(share('human') - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(share('machine') - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(share('no_answer') - 0.4)).toBeLessThan(0.015);
    expect(Math.abs(share('busy') - 0.1)).toBeLessThan(0.01);
    expect(of('failed')).toHaveLength(0);
  });

  it('draws human ring and talk times log-normally around the configured means', () => {
    const humans = of('human');
    const rings = humans.map((p) => p.ringMs);
    const talks = humans.map((p) => p.talkMs);
    expect(Math.abs(mean(rings) - 8000) / 8000).toBeLessThan(0.05);
    expect(Math.abs(sd(rings) - 4000) / 4000).toBeLessThan(0.15);
    expect(Math.abs(mean(talks) - 180_000) / 180_000).toBeLessThan(0.05);
    expect(Math.abs(sd(talks) - 120_000) / 120_000).toBeLessThan(0.2);
    expect(Math.min(...rings, ...talks)).toBeGreaterThan(0);
    expect(humans.every((p) => p.answeredBy === 'human')).toBe(true);
  });

  it('answers AMD 2-3 s after the answer; a machine is machine_end_beep with DetectMessageEnd', () => {
    for (const p of [...of('human'), ...of('machine')]) {
      expect(p.amdMs).toBeGreaterThanOrEqual(2000);
      expect(p.amdMs).toBeLessThanOrEqual(3000);
    }
    expect(Math.abs(mean(of('machine').map((p) => p.amdMs)) - 2500)).toBeLessThan(50);
    expect(of('machine').every((p) => p.answeredBy === 'machine_end_beep')).toBe(true);
    const machineKey = keys[plans.findIndex((p) => p.outcome === 'machine')];
    expect(telephonyPlan(settings, machineKey, 'Enable').answeredBy).toBe('machine_start');
    expect(telephonyPlan(settings, machineKey).answeredBy).toBe('machine_start');
  });

  it('rings machines, no-answers and busies for their configured times', () => {
    expect(Math.abs(mean(of('machine').map((p) => p.ringMs)) - 10_000)).toBeLessThan(200);
    expect(of('machine').every((p) => p.ringMs >= 8000 && p.ringMs <= 12_000)).toBe(true);
    expect(of('no_answer').every((p) => p.ringMs === 25_000)).toBe(true);
    expect(Math.abs(mean(of('busy').map((p) => p.ringMs)) - 5000)).toBeLessThan(150);
    expect([...of('no_answer'), ...of('busy')].every((p) => p.talkMs === 0 && p.amdMs === 0)).toBe(true);
  });

  it('gives every call the only outcome with a weight', () => {
    const onlyBusy = { ...settings, mix: { human: 0, machine: 0, no_answer: 0, busy: 1, failed: 0 } };
    expect(keys.slice(0, 200).every((k) => telephonyPlan(onlyBusy, k).outcome === 'busy')).toBe(true);
    const onlyFailed = { ...settings, mix: { ...onlyBusy.mix, busy: 0, failed: 3 } };
    expect(telephonyPlan(onlyFailed, 'x')).toMatchObject({ outcome: 'failed', ringMs: 1000 });
    expect(pickOutcome(onlyBusy.mix, 0.999999999)).toBe('busy');
    expect(() => pickOutcome({ ...onlyBusy.mix, busy: 0 }, 0.5)).toThrow(/positive weight/);
  });

  it('computes a log-normal with the given mean: the median draw is exp(mu)', () => {
    // u2 = 0.25 gives cos(π/2) = 0, so z = 0 and the draw is the median exp(mu) = m / sqrt(1 + s²/m²).
    expect(logNormal(100, 50, 0.3, 0.25)).toBeCloseTo(100 / Math.sqrt(1.25), 6);
    expect(logNormal(100, 0, 0.9, 0.9)).toBe(100);
  });
});
