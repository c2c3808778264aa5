/** One Bull queue per kind of work (DESIGN §6), plus `system` for the platform's own jobs. */
export enum QueueName {
  Imports = 'imports',
  CampaignSteps = 'campaign-steps',
  OutboundMessages = 'outbound-messages',
  Dialer = 'dialer',
  InboundEvents = 'inbound-events',
  Classification = 'classification',
  Exports = 'exports',
  WebhookDeliveries = 'webhook-deliveries',
  Workflows = 'workflows',
  Simulator = 'simulator',
  System = 'system',
}

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}
