import { Logger } from '@nestjs/common';
import type { LeadAnnouncements } from '../leads/lead-announcements';

/** A committed batch whose `metrics.update` is still to be sent. */
interface CommittedBatch {
  /** Its place in the run (0 for the first; batches commit in the order they are submitted). */
  index: number;
  /** The leads it inserted. */
  added: number;
  now: Date;
}

/** The figure last sent, and whether it was counted or added up. */
interface Figure {
  value: number;
  dayStart: number;
  counted: boolean;
}

/**
 * The `metrics.update` leads_today of an import's run, for two counts a run rather than one a batch: a count visits
 * every lead the tenant created that day, so counting after each batch grew with the square of the import (a 1M-row
 * import's fifty counts visited ~25M rows). The first batch that adds leads counts, each next one adds its leads to
 * that figure, and the last batch counts again, so the dashboard settles on the true figure with the leads others
 * created or archived meanwhile. A batch's figure is sent once the run knows whether another batch follows it (the
 * next one submitted, or the run's end), in batch order. The tenant's day turning also makes a batch count.
 * One per run: it holds only that run's figure, in its own process.
 */
export class ImportLeadsToday {
  private readonly logger = new Logger(ImportLeadsToday.name);
  private submitted = 0;
  private commits = 0;
  private ended = false;
  private readonly committed: CommittedBatch[] = [];
  private figure?: Figure;
  private sent: Promise<void> = Promise.resolve();

  constructor(
    private readonly announcements: LeadAnnouncements,
    private readonly tenantId: string,
  ) {}

  /** The run takes its next batch to commit: the one before it is not the last. */
  submit(): void {
    this.submitted++;
    this.release();
  }

  /** The next batch committed, with `added` new leads. */
  commit(added: number, now: Date): void {
    this.committed.push({ index: this.commits++, added, now });
    this.release();
  }

  /** No batch follows (the run finished or failed): the last one committed counts. Never rejects. */
  end(): Promise<void> {
    this.ended = true;
    this.release();
    return this.sent;
  }

  /** Sends, in order, the figures of the committed batches known to be the last or not. */
  private release(): void {
    while (this.committed.length) {
      const batch = this.committed[0];
      const last = batch.index === this.submitted - 1;
      if (last && !this.ended) return;
      this.committed.shift();
      this.sent = this.sent.then(() => this.send(batch, last));
    }
  }

  private async send({ added, now }: CommittedBatch, last: boolean): Promise<void> {
    const previous = this.figure;
    // A last batch that added nothing still settles a figure that was added up.
    if (!added && !(last && previous && !previous.counted)) return;
    try {
      const dayStart = (await this.announcements.dayStart(this.tenantId, now)).getTime();
      const count = last || !previous || previous.dayStart !== dayStart;
      const value = count
        ? await this.announcements.leadsToday(this.tenantId, new Date(dayStart))
        : previous.value + added;
      this.figure = { value, dayStart, counted: count };
      if (!added && value === previous?.value) return;
      this.announcements.leadsTodayMoved(this.tenantId, value, added, now);
    } catch (err) {
      // The leads are committed and told; the next batch counts again.
      this.figure = undefined;
      this.logger.warn({ err, tenant_id: this.tenantId }, 'leads_today not counted: metrics.update not sent');
    }
  }
}
