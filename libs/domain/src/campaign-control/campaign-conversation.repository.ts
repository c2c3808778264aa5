import type { PageWindow } from '@app/common';
import { ConversationChannel, MessageEntity, TenantRepository } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';

export interface CampaignHistoryFilter {
  lead_id: string;
  campaign_id: string;
  /** The campaign's channels: the lead's messages on them belong to its history, whoever sent them. */
  channels: ConversationChannel[];
}

/** A lead's history as one campaign sees it: its messages on the campaign's channels, and any the campaign tagged. */
@Injectable()
export class CampaignConversationRepository extends TenantRepository<MessageEntity> {
  constructor(@InjectRepository(MessageEntity) repo: Repository<MessageEntity>) {
    super(repo);
  }

  /** Oldest first (message ids are time-ordered, so they break ties). */
  list(
    tenantId: string,
    filter: CampaignHistoryFilter,
    window: PageWindow,
  ): Promise<[MessageEntity[], number]> {
    return this.scoped(tenantId, 'm')
      .andWhere('m.lead_id = :leadId', { leadId: filter.lead_id })
      .andWhere(
        new Brackets((q) => {
          q.where('m.campaign_id = :campaignId', { campaignId: filter.campaign_id });
          if (filter.channels.length) q.orWhere('m.channel IN (:...channels)', { channels: filter.channels });
        }),
      )
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }
}
