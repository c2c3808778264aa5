import { OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { AppliedEventsRetention } from './applied-events-retention';
import { InboundAttachments } from './inbound-attachments';
import { PendingEventsSweeper } from './pending-events-sweeper';
import { StatusSweeper } from './status-sweeper';

/**
 * The `inbound.sweep` job (repeating, added once by the worker): the provider events a lost or failed job would
 * leave unapplied — status callbacks get a drain of their tenant, other events their own job again — the files
 * of messages never recorded, and the applied events past their retention.
 */
@Injectable()
export class InboundSweepService {
  constructor(
    private readonly statuses: StatusSweeper,
    private readonly pending: PendingEventsSweeper,
    private readonly attachments: InboundAttachments,
    private readonly retention: AppliedEventsRetention,
  ) {}

  @OnJob('inbound.sweep')
  async sweep(): Promise<void> {
    await this.statuses.sweep();
    await this.pending.sweep();
    await this.attachments.sweepUnlinked();
    await this.retention.sweep();
  }
}
