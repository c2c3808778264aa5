import { ManualClock } from '@app/common';

/**
 * A test clock that runs: it starts at a chosen instant (inside calling hours, say) and moves on with real time,
 * for flows whose timers are real (Bull's delays, a simulated call's ring and talk). `set` and `advance` still jump.
 */
export class RunningClock extends ManualClock {
  private offset: number;

  constructor(start: Date | string | number) {
    super(start);
    this.offset = new Date(start).getTime() - Date.now();
  }

  override now(): Date {
    return new Date(Date.now() + this.offset);
  }

  override set(to: Date | string | number): void {
    this.offset = new Date(to).getTime() - Date.now();
  }

  override advance(ms: number): Date {
    this.offset += ms;
    return this.now();
  }
}
