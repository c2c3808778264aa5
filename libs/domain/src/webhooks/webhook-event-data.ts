import { AiInteractionEntity, IntegrationEntity, LeadEntity, MessageEntity, WebhookEventName } from '@app/db';
import { catalogueEntry } from '../integrations/integration-catalogue';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const fullName = (l: LeadEntity) => [l.firstName, l.lastName].filter(Boolean).join(' ') || null;

/** A lead as webhooks carry it (seed 004's `{ id, name, email }`, and what a CRM sync needs besides). */
export function leadData(l: LeadEntity): Record<string, unknown> {
  return {
    id: l.id,
    name: fullName(l),
    first_name: l.firstName,
    last_name: l.lastName,
    email: l.email,
    phone: l.phoneNormalized,
    company: l.company,
    position: l.position,
    source: l.source,
    type: l.type,
    status: l.status,
    score: l.score,
    classification: l.classification,
    tags: l.tags,
    owner_id: l.ownerId,
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

/**
 * An event's `data`, read when its dispatch runs (jobs carry ids): the lead, the inbound message with its lead, the
 * AI agent's run, or the integration in error. Null when the subject is gone (erased, deleted): nothing is sent.
 */
@Injectable()
export class WebhookEventData {
  constructor(private readonly db: DataSource) {}

  async of(
    tenantId: string,
    event: WebhookEventName,
    subjectId: string,
  ): Promise<Record<string, unknown> | null> {
    switch (event) {
      case 'lead.created':
      case 'lead.updated':
      case 'lead.qualified': {
        const lead = await this.db.getRepository(LeadEntity).findOneBy({ tenantId, id: subjectId });
        return lead ? leadData(lead) : null;
      }
      case 'message.received':
        return this.message(tenantId, subjectId);
      case 'agent.completed':
        return this.agentRun(tenantId, subjectId);
      case 'integration.error':
        return this.integration(tenantId, subjectId);
    }
  }

  private async message(tenantId: string, id: string): Promise<Record<string, unknown> | null> {
    const m = await this.db.getRepository(MessageEntity).findOneBy({ tenantId, id });
    if (!m) return null;
    const lead = m.leadId
      ? await this.db.getRepository(LeadEntity).findOneBy({ tenantId, id: m.leadId })
      : null;
    return {
      id: m.id,
      conversation_id: m.conversationId,
      lead_id: m.leadId,
      channel: m.channel,
      direction: m.direction,
      content: m.content,
      subject: m.subject,
      media_urls: m.mediaUrls,
      provider_message_id: m.providerMessageId,
      created_at: m.createdAt.toISOString(),
      lead: lead
        ? { id: lead.id, name: fullName(lead), phone: lead.phoneNormalized, email: lead.email }
        : null,
    };
  }

  /** An integration whose delivery failed for good: which, and why (the error is ours, never the receiver's). */
  private async integration(tenantId: string, id: string): Promise<Record<string, unknown> | null> {
    const i = await this.db.getRepository(IntegrationEntity).findOneBy({ tenantId, id });
    if (!i) return null;
    return {
      id: i.type,
      integration_id: i.id,
      name: catalogueEntry(i.type)?.name ?? i.type,
      type: i.type,
      status: i.status,
      error: i.lastError,
      error_at: i.errorAt?.toISOString() ?? null,
      last_sync: i.lastSync?.toISOString() ?? null,
    };
  }

  private async agentRun(tenantId: string, id: string): Promise<Record<string, unknown> | null> {
    const run = await this.db.getRepository(AiInteractionEntity).findOneBy({ tenantId, id });
    if (!run) return null;
    const output = (run.output ?? {}) as { response?: unknown; confidence?: unknown };
    return {
      interaction_id: run.id,
      agent_id: run.agentId,
      lead_id: run.leadId,
      success: run.success,
      qualified: run.qualified,
      response: output.response ?? null,
      confidence: output.confidence ?? null,
      model: run.model,
      latency_ms: run.latencyMs,
      created_at: run.createdAt.toISOString(),
    };
  }
}
