/**
 * The pacer's statistics as the runtime would compute them from the calls table: aggregates over the calls whose
 * outcome became known in the last window (rolling), and over the whole shift (the judged period).
 */
import { EMPTY_PACER_STATS, type PacerStats } from '../../libs/domain/src/dialer/pacing/pacer-snapshot';

/** Count, mean and sd (sample) of the values observed in the last `windowMs`. */
class RollingMoments {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private head = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number, value: number): void {
    this.times.push(at);
    this.values.push(value);
    this.sum += value;
    this.sumSq += value * value;
  }

  evict(now: number): void {
    while (this.head < this.times.length && this.times[this.head] < now - this.windowMs) {
      const v = this.values[this.head++];
      this.sum -= v;
      this.sumSq -= v * v;
    }
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.values.splice(0, this.head);
      this.head = 0;
    }
  }

  get count(): number {
    return this.times.length - this.head;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  get sd(): number {
    const n = this.count;
    if (n < 2) return 0;
    return Math.sqrt(Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / (n - 1)));
  }
}

export type DialClass = 'human' | 'machine' | 'no_answer' | 'rejected';

export class RollingPacerStats {
  private readonly outcome: Record<DialClass, RollingMoments>;
  private readonly amd: RollingMoments;
  private readonly talk: RollingMoments;
  private readonly abandoned: RollingMoments;
  private readonly connected: RollingMoments;
  private periodHumans = 0;
  private periodAbandoned = 0;

  constructor(windowMs: number) {
    const make = () => new RollingMoments(windowMs);
    this.outcome = { human: make(), machine: make(), no_answer: make(), rejected: make() };
    this.amd = make();
    this.talk = make();
    this.abandoned = make();
    this.connected = make();
  }

  /** A dial's outcome became known: `ms` from placement to answer (human, machine) or to the end. */
  dial(at: number, kind: DialClass, ms: number): void {
    this.outcome[kind].add(at, ms);
    if (kind === 'human') this.periodHumans++;
  }

  amdResult(at: number, ms: number): void {
    this.amd.add(at, ms);
  }

  abandon(at: number): void {
    this.abandoned.add(at, 1);
    this.periodAbandoned++;
  }

  connect(at: number): void {
    this.connected.add(at, 1);
  }

  talked(at: number, ms: number): void {
    this.talk.add(at, ms);
  }

  snapshot(now: number): PacerStats {
    const all = [...Object.values(this.outcome), this.amd, this.talk, this.abandoned, this.connected];
    for (const m of all) m.evict(now);
    const o = this.outcome;
    return {
      ...EMPTY_PACER_STATS,
      dials: o.human.count + o.machine.count + o.no_answer.count + o.rejected.count,
      human_answers: o.human.count,
      machine_answers: o.machine.count,
      no_answers: o.no_answer.count,
      rejected: o.rejected.count,
      abandoned: this.abandoned.count,
      connected: this.connected.count,
      human_answer_ms_mean: o.human.mean,
      human_answer_ms_sd: o.human.sd,
      machine_answer_ms_mean: o.machine.mean,
      machine_answer_ms_sd: o.machine.sd,
      no_answer_ms_mean: o.no_answer.mean,
      no_answer_ms_sd: o.no_answer.sd,
      rejected_ms_mean: o.rejected.mean,
      rejected_ms_sd: o.rejected.sd,
      amd_ms_mean: this.amd.mean,
      talk_ms_mean: this.talk.mean,
      talk_ms_sd: this.talk.sd,
      period_human_answers: this.periodHumans,
      period_abandoned: this.periodAbandoned,
    };
  }
}
