/**
 * SQL: whether a campaign has automated messages (a step's, the AI's) still queued (a throttled backlog, a wait for
 * the window), to one lead when `lead` is given. A campaign is not done, and a lead's sequence not over, while one
 * is: a pause, a reply or a takeover must still reach it. The arguments are SQL expressions (`$1`, `c.id`...);
 * `ix_messages_campaign_queued` answers it from the queue alone.
 */
export function queuedCampaignSends(tenant: string, campaign: string, lead?: string): string {
  return `EXISTS (SELECT 1 FROM messages m
                   WHERE m.tenant_id = ${tenant} AND m.campaign_id = ${campaign}${lead ? ` AND m.lead_id = ${lead}` : ''}
                     AND m.direction = 'outbound' AND m.status = 'queued' AND m.sender IN ('system', 'ai'))`;
}
