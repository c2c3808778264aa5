import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TemplateLead } from '../campaigns/message-template';

/** What an agent is told of a lead: seed 001's `incoming:call` fields and the whisper. */
export interface LeadCard {
  id: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  notes: string | null;
  company: string | null;
}

/** The whisper an agent hears before a lead joins: the lead's name (and company), then their notes. */
export function whisperOf(card: LeadCard | null, campaignName: string | null): string {
  if (!card) return campaignName ? `Incoming call for ${campaignName}.` : 'Incoming call.';
  const name = [card.first_name, card.last_name].filter(Boolean).join(' ') || card.phone || 'a lead';
  const parts = [
    `${campaignName ? `${campaignName}: ` : ''}${name}${card.company ? ` of ${card.company}` : ''}.`,
  ];
  if (card.notes?.trim()) parts.push(`Notes: ${card.notes.trim().slice(0, 300)}`);
  return parts.join(' ');
}

@Injectable()
export class LeadCards {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  async card(tenantId: string, leadId: string): Promise<LeadCard | null> {
    const [row] = await tenantQuery<LeadCard>(
      this.sql,
      tenantId,
      `SELECT id, first_name, last_name, phone_normalized AS phone, notes, company
         FROM leads WHERE tenant_id = $1 AND id = $2`,
      [leadId],
    );
    return row ?? null;
  }

  /** The lead's fields a spoken message's placeholders read (`{{first_name}}`, a custom field...), if it is there. */
  async templateLead(tenantId: string, leadId: string): Promise<TemplateLead | null> {
    const [row] = await tenantQuery<TemplateLead>(
      this.sql,
      tenantId,
      `SELECT first_name, last_name, email, phone, company, position, source, type, country, value,
              custom_fields
         FROM leads WHERE tenant_id = $1 AND id = $2`,
      [leadId],
    );
    return row ?? null;
  }

  /** The tenant's live lead with this number (an inbound caller), if any. */
  async byPhone(tenantId: string, phone: string): Promise<LeadCard | null> {
    const [row] = await tenantQuery<LeadCard>(
      this.sql,
      tenantId,
      `SELECT l.id, l.first_name, l.last_name, l.phone_normalized AS phone, l.notes, l.company
         FROM lead_identities i JOIN leads l ON l.tenant_id = i.tenant_id AND l.id = i.lead_id
        WHERE i.tenant_id = $1 AND i.channel = 'phone' AND i.address = $2 AND l.archived_at IS NULL
        LIMIT 1`,
      [phone],
    );
    return row ?? null;
  }
}
