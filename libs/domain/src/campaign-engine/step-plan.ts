import type { StepType } from '@app/db';

/** What the plan needs of a step. */
export interface PlanStep {
  position: number;
  type: StepType;
  delay_minutes: number | null;
}

/** Where an enrollment goes after a step: the next step to act on and how long to wait, or the end. */
export type NextAction = { done: true } | { done: false; position: number; wait_ms: number };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * From `position` (a step just done, or -1 before the first), skips DELAY steps, adding their waits, to the next
 * step that acts. Two acting steps with no DELAY between them are spaced by `follow_up_interval_days` (seed 002)
 * when the campaign sets it; the first step of the sequence never is.
 */
export function nextAction(
  steps: readonly PlanStep[],
  position: number,
  followUpIntervalDays: number | null,
): NextAction {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  let wait = 0;
  let delayed = false;
  for (const step of ordered) {
    if (step.position <= position) continue;
    if (step.type === 'DELAY') {
      wait += (step.delay_minutes ?? 0) * MINUTE_MS;
      delayed = true;
      continue;
    }
    if (!delayed && position >= 0 && followUpIntervalDays) wait += followUpIntervalDays * DAY_MS;
    return { done: false, position: step.position, wait_ms: wait };
  }
  return { done: true };
}
