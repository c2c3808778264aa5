import { Foundation1763798400000 } from './1763798400000-foundation';
import { Leads1763884800000 } from './1763884800000-leads';
import { LeadImports1763971200000 } from './1763971200000-lead-imports';
import { UserAuthVersion1764460800000 } from './1764460800000-user-auth-version';
import { Messaging1764547200000 } from './1764547200000-messaging';
import { MessageTracking1764720000000 } from './1764720000000-message-tracking';
import { MessageThreadIndex1764806400000 } from './1764806400000-message-thread-index';
import { LeadsLiveIndex1764892800000 } from './1764892800000-leads-live-index';
import { ErasureAndUnlistedOptOuts1765000000000 } from './1765000000000-erasure-and-unlisted-opt-outs';
import { MessageSweepIndexes1765100000000 } from './1765100000000-message-sweep-indexes';
import { Campaigns1765200000000 } from './1765200000000-campaigns';
import { Ai1765400000000 } from './1765400000000-ai';
import { Voice1765300000000 } from './1765300000000-voice';
import { StatusDrain1765500000000 } from './1765500000000-status-drain';
import { AgentPresencePending1765600000000 } from './1765600000000-agent-presence-pending';
import { WebhookEventLead1765700000000 } from './1765700000000-webhook-event-lead';
import { PreviewTimeout1765800000000 } from './1765800000000-preview-timeout';
import { DncBounce1765900000000 } from './1765900000000-dnc-bounce';
import { ReopenStrandedCampaigns1766000000000 } from './1766000000000-reopen-stranded-campaigns';
import { LeadReferencesByTenant1766100000000 } from './1766100000000-lead-references-by-tenant';
import { MessageRateLimited1766200000000 } from './1766200000000-message-rate-limited';
import { AgentWrapUpSweep1766300000000 } from './1766300000000-agent-wrap-up-sweep';
import { PendingEventsSweep1766400000000 } from './1766400000000-pending-events-sweep';
import { OneOpenAgentLeg1766500000000 } from './1766500000000-one-open-agent-leg';
import { MessageAttachments1766600000000 } from './1766600000000-message-attachments';
import { InboundEmailHtml1766700000000 } from './1766700000000-inbound-email-html';
import { DncImports1766800000000 } from './1766800000000-dnc-imports';
import { CampaignFiles1766900000000 } from './1766900000000-campaign-files';
import { WebhookEventRetention1767000000000 } from './1767000000000-webhook-event-retention';
import { OrphanedSendsIndex1767100000000 } from './1767100000000-orphaned-sends-index';
import { EnrollmentDueBeforeReply1767200000000 } from './1767200000000-enrollment-due-before-reply';
import { OneLiveLeg1767300000000 } from './1767300000000-one-live-leg';
import { QuietCallsIndex1767400000000 } from './1767400000000-quiet-calls-index';
import { LeadCallLockout1767500000000 } from './1767500000000-lead-call-lockout';
import { TemplateStepSubject1767600000000 } from './1767600000000-template-step-subject';
import { ActivityLeadIndex1767700000000 } from './1767700000000-activity-lead-index';
import { CampaignPauseReason1767800000000 } from './1767800000000-campaign-pause-reason';
import { ChannelConfigVersion1767900000000 } from './1767900000000-channel-config-version';
import { InboundSentAt1768000000000 } from './1768000000000-inbound-sent-at';
import { EnrollmentStepFailure1768100000000 } from './1768100000000-enrollment-step-failure';
import { CampaignRetryDue1768200000000 } from './1768200000000-campaign-retry-due';
import { LeadOptKeywordAt1768300000000 } from './1768300000000-lead-opt-keyword-at';
import { MessagesTenantCreated1768400000000 } from './1768400000000-messages-tenant-created';
import { CallAddresses1768500000000 } from './1768500000000-call-addresses';
import { AiCostPrecision1768600000000 } from './1768600000000-ai-cost-precision';
import { ConversationHandle1768700000000 } from './1768700000000-conversation-handle';
import { OptOutConfirmationDecision1768750000000 } from './1768750000000-opt-out-confirmation-decision';
import { CampaignQueuedMessages1768760000000 } from './1768760000000-campaign-queued-messages';
import { MessageSendAfter1768770000000 } from './1768770000000-message-send-after';
import { LeadArchivedIdentities1768780000000 } from './1768780000000-lead-archived-identities';
import { LeadImportsUnfinished1768790000000 } from './1768790000000-lead-imports-unfinished';
import { LeadTagKeys1768791000000 } from './1768791000000-lead-tag-keys';
import { EnrollmentWindowHeld1768795000000 } from './1768795000000-enrollment-window-held';
import { MessagesLeadInbound1768800000000 } from './1768800000000-messages-lead-inbound';
import { AgentGroupNamesAnyCase1768810000000 } from './1768810000000-agent-group-names-any-case';
import { DncPersonOptOut1768820000000 } from './1768820000000-dnc-person-opt-out';
import { Appointments1768850000000 } from './1768850000000-appointments';
import { OutboundWebhooks1768900000000 } from './1768900000000-outbound-webhooks';
import { Notifications1768950000000 } from './1768950000000-notifications';
import { Workflows1769000000000 } from './1769000000000-workflows';
import { WebhookDeliveryLead1768960000000 } from './1768960000000-webhook-delivery-lead';
import { Achievements1769020000000 } from './1769020000000-achievements';
import { AchievementProgressIndexes1769020000001 } from './1769020000001-achievement-progress-indexes';
import { Integrations1769010000000 } from './1769010000000-integrations';
import { WebhookDeliveryRetention1769030000000 } from './1769030000000-webhook-delivery-retention';
import { NotificationSeq1769031000000 } from './1769031000000-notification-seq';
import { WorkflowRunChain1769150000000 } from './1769150000000-workflow-run-chain';
import { WebhookDeliveryLog1769160000000 } from './1769160000000-webhook-delivery-log';
import { WebhookSecretRotation1769161000000 } from './1769161000000-webhook-secret-rotation';
import { IntegrationDeliveries1769162000000 } from './1769162000000-integration-deliveries';
import { AppointmentCreatedBy1769170000000 } from './1769170000000-appointment-created-by';
import { WorkflowRunsRunningIndex1769240000000 } from './1769240000000-workflow-runs-running-index';
import { CanonicalTimeZones1769300000000 } from './1769300000000-canonical-time-zones';
import { DropMessagesTenantStatus1769330000000 } from './1769330000000-drop-messages-tenant-status';
import { WorkflowRunsWakeAt1769360000000 } from './1769360000000-workflow-runs-wake-at';
import { IntegrationDeliveryOccurredAt1769361000000 } from './1769361000000-integration-delivery-occurred-at';
import { EnrollmentOrderIndex1769370000000 } from './1769370000000-enrollment-order-index';
import { DropWebhookEventsTenantReceived1769410000000 } from './1769410000000-drop-webhook-events-tenant-received';
import { LeadType1769430000000 } from './1769430000000-lead-type';
import { LeadTagKeysPlpgsql1769464900000 } from './1769464900000-lead-tag-keys-plpgsql';
import { ImportChunksLz41769464700000 } from './1769464700000-import-chunks-lz4';
import { EnrollmentsQueuedIndex1769468050000 } from './1769468050000-enrollments-queued-index';
import { TenantTablesAnalyzeThreshold1769470000000 } from './1769470000000-tenant-tables-analyze-threshold';
import { AchievementLiveLeadsIndex1769480000000 } from './1769480000000-achievement-live-leads-index';
import { CallOutcome1769490000000 } from './1769490000000-call-outcome';

/** Every migration, oldest first. A generated migration is added here by hand. */
export const MIGRATIONS = [
  Foundation1763798400000,
  Leads1763884800000,
  LeadImports1763971200000,
  UserAuthVersion1764460800000,
  Messaging1764547200000,
  MessageTracking1764720000000,
  MessageThreadIndex1764806400000,
  LeadsLiveIndex1764892800000,
  ErasureAndUnlistedOptOuts1765000000000,
  MessageSweepIndexes1765100000000,
  Campaigns1765200000000,
  Voice1765300000000,
  Ai1765400000000,
  StatusDrain1765500000000,
  AgentPresencePending1765600000000,
  WebhookEventLead1765700000000,
  PreviewTimeout1765800000000,
  DncBounce1765900000000,
  ReopenStrandedCampaigns1766000000000,
  LeadReferencesByTenant1766100000000,
  MessageRateLimited1766200000000,
  AgentWrapUpSweep1766300000000,
  PendingEventsSweep1766400000000,
  OneOpenAgentLeg1766500000000,
  MessageAttachments1766600000000,
  InboundEmailHtml1766700000000,
  DncImports1766800000000,
  CampaignFiles1766900000000,
  WebhookEventRetention1767000000000,
  OrphanedSendsIndex1767100000000,
  EnrollmentDueBeforeReply1767200000000,
  OneLiveLeg1767300000000,
  QuietCallsIndex1767400000000,
  LeadCallLockout1767500000000,
  TemplateStepSubject1767600000000,
  ActivityLeadIndex1767700000000,
  CampaignPauseReason1767800000000,
  ChannelConfigVersion1767900000000,
  InboundSentAt1768000000000,
  EnrollmentStepFailure1768100000000,
  CampaignRetryDue1768200000000,
  LeadOptKeywordAt1768300000000,
  MessagesTenantCreated1768400000000,
  CallAddresses1768500000000,
  AiCostPrecision1768600000000,
  ConversationHandle1768700000000,
  OptOutConfirmationDecision1768750000000,
  CampaignQueuedMessages1768760000000,
  MessageSendAfter1768770000000,
  LeadArchivedIdentities1768780000000,
  LeadImportsUnfinished1768790000000,
  LeadTagKeys1768791000000,
  EnrollmentWindowHeld1768795000000,
  MessagesLeadInbound1768800000000,
  AgentGroupNamesAnyCase1768810000000,
  DncPersonOptOut1768820000000,
  Appointments1768850000000,
  OutboundWebhooks1768900000000,
  Notifications1768950000000,
  WebhookDeliveryLead1768960000000,
  Workflows1769000000000,
  Integrations1769010000000,
  Achievements1769020000000,
  AchievementProgressIndexes1769020000001,
  WebhookDeliveryRetention1769030000000,
  NotificationSeq1769031000000,
  WorkflowRunChain1769150000000,
  WebhookDeliveryLog1769160000000,
  WebhookSecretRotation1769161000000,
  IntegrationDeliveries1769162000000,
  AppointmentCreatedBy1769170000000,
  WorkflowRunsRunningIndex1769240000000,
  CanonicalTimeZones1769300000000,
  DropMessagesTenantStatus1769330000000,
  WorkflowRunsWakeAt1769360000000,
  IntegrationDeliveryOccurredAt1769361000000,
  EnrollmentOrderIndex1769370000000,
  DropWebhookEventsTenantReceived1769410000000,
  LeadType1769430000000,
  LeadTagKeysPlpgsql1769464900000,
  ImportChunksLz41769464700000,
  EnrollmentsQueuedIndex1769468050000,
  TenantTablesAnalyzeThreshold1769470000000,
  AchievementLiveLeadsIndex1769480000000,
  CallOutcome1769490000000,
];
