import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '@app/db';
import { HumanTakeover } from '../messaging/human-takeover';
import { EnrollmentControlRepository } from './enrollment-control.repository';

/**
 * A manual message from anywhere (the inbox, `POST messages`, a campaign's lead) pauses every running enrollment
 * of the lead, in the message's transaction (DESIGN §7.5): the engine sends nothing more until control is ceded.
 */
@Injectable()
export class CampaignTakeover extends HumanTakeover {
  constructor(private readonly enrollments: EnrollmentControlRepository) {
    super();
  }

  async takeOver(tx: SqlRunner, tenantId: string, leadId: string, at: Date): Promise<void> {
    await this.enrollments.pauseAllOfLead(tx, tenantId, leadId, at);
  }
}
