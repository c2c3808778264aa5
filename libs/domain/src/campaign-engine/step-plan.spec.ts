import { nextAction, PlanStep } from './step-plan';

const step = (position: number, type: PlanStep['type'], delay_minutes: number | null = null): PlanStep => ({
  position,
  type,
  delay_minutes,
});

describe('campaign step plan', () => {
  // Seed 000: WHATSAPP, DELAY "24" (hours), WHATSAPP.
  const seed000 = [step(0, 'WHATSAPP'), step(1, 'DELAY', 24 * 60), step(2, 'WHATSAPP')];

  it('starts at the first acting step at once', () => {
    expect(nextAction(seed000, -1, null)).toEqual({ done: false, position: 0, wait_ms: 0 });
  });

  it('waits the DELAY steps between two sends, then ends after the last', () => {
    expect(nextAction(seed000, 0, null)).toEqual({ done: false, position: 2, wait_ms: 24 * 3_600_000 });
    expect(nextAction(seed000, 2, null)).toEqual({ done: true });
  });

  it('adds up consecutive delays and a leading delay', () => {
    const steps = [step(0, 'DELAY', 30), step(1, 'DELAY', 90), step(2, 'SMS')];
    expect(nextAction(steps, -1, null)).toEqual({ done: false, position: 2, wait_ms: 120 * 60_000 });
  });

  it('spaces follow-ups without a DELAY by follow_up_interval_days, never the first step', () => {
    const steps = [step(0, 'EMAIL'), step(1, 'EMAIL'), step(2, 'DELAY', 60), step(3, 'EMAIL')];
    expect(nextAction(steps, -1, 3)).toEqual({ done: false, position: 0, wait_ms: 0 });
    expect(nextAction(steps, 0, 3)).toEqual({ done: false, position: 1, wait_ms: 3 * 86_400_000 });
    // An explicit DELAY says how long: the interval is not added to it.
    expect(nextAction(steps, 1, 3)).toEqual({ done: false, position: 3, wait_ms: 3_600_000 });
    expect(nextAction(steps, 0, null)).toEqual({ done: false, position: 1, wait_ms: 0 });
  });

  it('a campaign of delays only ends at once', () => {
    expect(nextAction([step(0, 'DELAY', 5)], -1, null)).toEqual({ done: true });
  });
});
