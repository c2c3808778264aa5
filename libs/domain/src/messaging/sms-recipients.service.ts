import { AppError, ErrorCode } from '@app/common';
import { MessageEntity, SqlRunner, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { LeadsService } from '../leads/leads.service';
import { normalizePhone } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { ConversationsService, ManualSend } from './conversations.service';
import { OutboundMessagesService } from './outbound-messages.service';

/** Leads made for a number someone sent an SMS to carry this source (as a broadcast's carry `outbound_call`). */
export const SMS_RECIPIENT_SOURCE = 'outbound_sms';

/**
 * Seed 003's `POST sms/send`: an SMS to a lead named by id, or to any phone number. A number is the caller's tenant's
 * live lead with that phone (written in any form), else a lead made for it as POST /api/leads makes one (a clinic
 * confirms an appointment with a patient not in the system yet, as Chatwoot makes a contact for a new number).
 */
@Injectable()
export class SmsRecipientsService {
  constructor(
    private readonly db: DataSource,
    private readonly tenants: TenantsService,
    private readonly leads: LeadsService,
    private readonly policy: ContactPolicyService,
    private readonly outbound: OutboundMessagesService,
    private readonly conversations: ConversationsService,
  ) {}

  async send(
    auth: AuthContext,
    to: { lead_id?: string; phone?: string },
    input: ManualSend,
  ): Promise<MessageEntity> {
    if (!to.lead_id && !to.phone) throw AppError.field('phone', 'or lead_id is required');
    const leadId = to.lead_id ?? (await this.leadOf(auth, to.phone as string, input));
    return this.conversations.sendToLead(auth, leadId, 'sms', input);
  }

  /**
   * The number's lead, found or made. Nothing is made for a send that would be refused: the input is checked as the
   * send checks it, then a number on the do-not-contact list for all channels or for SMS is refused as the contact
   * policy refuses a listed lead, asked in the lead's creation under the lock a do-not-contact entry added for the
   * number takes (DncService), so an entry added meanwhile refuses it too, never leaves a lead made for nothing.
   * Two sends to one new number at once make one lead: the identity index decides, and the loser (whose creation
   * answers 409) takes the winner's lead.
   */
  private async leadOf(auth: AuthContext, phone: string, input: ManualSend): Promise<string> {
    const tenant = await this.tenants.get(auth.tenantId);
    const parsed = normalizePhone(phone, tenant.defaultCountry);
    if (!parsed.ok) throw AppError.field('phone', parsed.reason);
    const e164 = parsed.phone.e164;
    const known = await this.owner(auth.tenantId, e164);
    if (known) return known;
    await this.outbound.checkInput(auth.tenantId, { ...input, channel: 'sms' });
    const listed = async (tx: SqlRunner) => {
      const verdict = await this.policy.checkNumber(auth.tenantId, e164, 'sms', tx);
      if (!verdict.allowed)
        throw new AppError(ErrorCode.POLICY_VIOLATION, verdict.message, { rule: verdict.rule });
    };
    try {
      const lead = await this.leads.create(
        auth,
        { phone: phone.trim(), source: SMS_RECIPIENT_SOURCE },
        listed,
      );
      return lead.id;
    } catch (err) {
      const winner =
        err instanceof AppError && err.code === ErrorCode.CONFLICT && (await this.owner(auth.tenantId, e164));
      if (!winner) throw err;
      return winner;
    }
  }

  /** The live lead whose phone identity the number is (archiving a lead frees its identities). */
  private async owner(tenantId: string, e164: string): Promise<string | null> {
    const [row] = await tenantQuery<{ lead_id: string }>(
      this.db,
      tenantId,
      `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND channel = 'phone' AND address = $2`,
      [e164],
    );
    return row?.lead_id ?? null;
  }
}
