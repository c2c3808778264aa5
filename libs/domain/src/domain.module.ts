import { AuthModule } from '@app/auth';
import { Global, Module } from '@nestjs/common';
import { ActivityRepository } from './activity/activity.repository';
import { ActivityService } from './activity/activity.service';
import { AchievementProgress } from './achievements/achievement-progress.service';
import { AchievementsService } from './achievements/achievements.service';
import { NotificationWriter } from './notifications/notification-writer';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsService } from './notifications/notifications.service';
import { AGENT_PROVIDERS, AGENT_SERVICES } from './agents/agents.providers';
import { APPOINTMENT_SERVICES } from './appointments/appointments.providers';
import { AI_OUTREACH_PROVIDERS, AI_OUTREACH_SERVICES } from './ai-outreach/ai-outreach.providers';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import {
  CAMPAIGN_ANALYTICS_PROVIDERS,
  CAMPAIGN_ANALYTICS_SERVICES,
} from './campaign-analytics/analytics.providers';
import { CAMPAIGN_CONTROL_PROVIDERS, CAMPAIGN_CONTROL_SERVICES } from './campaign-control/control.providers';
import { CLASSIFICATION_PROVIDERS, CLASSIFICATION_SERVICES } from './classification/classification.providers';
import { CAMPAIGN_ENGINE_PROVIDERS, CAMPAIGN_ENGINE_SERVICES } from './campaign-engine/engine.providers';
import { CALL_PROVIDERS, CALL_SERVICES } from './calls/calls.providers';
import { WEBHOOK_PROVIDERS, WEBHOOK_SERVICES } from './webhooks/webhooks.providers';
import { WORKFLOW_PROVIDERS, WORKFLOW_SERVICES } from './workflows/workflows.providers';
import { INTEGRATION_PROVIDERS, INTEGRATION_SERVICES } from './integrations/integrations.providers';
import { CAMPAIGN_PROVIDERS, CAMPAIGN_SERVICES } from './campaigns/campaigns.providers';
import { CHANNEL_PROVIDERS, CHANNEL_SERVICES } from './channels/channels.providers';
import { DASHBOARD_PROVIDERS, DASHBOARD_SERVICES } from './dashboard/dashboard.providers';
import { DIALER_PROVIDERS, DIALER_SERVICES } from './dialer/dialer.providers';
import { DncRepository } from './dnc/dnc.repository';
import { DncExportService } from './dnc/dnc-export.service';
import { DncImportRunner } from './dnc/dnc-import.runner';
import { DncImportService } from './dnc/dnc-import.service';
import { DncService } from './dnc/dnc.service';
import { ImportJobsService } from './imports/import-jobs.service';
import { ImportRunner } from './imports/import-runner.service';
import { ImportsSweeper } from './imports/imports-sweeper';
import { ImportErrorsExportService } from './imports/import-errors-export.service';
import { ImportsService } from './imports/imports.service';
import { InboundJobsService } from './inbound/inbound-jobs.service';
import { EmailBouncesService } from './inbound/email-bounces.service';
import { InboundEnrollmentStops } from './inbound/inbound-enrollment-stops';
import { InboundFollowUps } from './inbound/inbound-follow-ups';
import { InboundMessagesService } from './inbound/inbound-messages.service';
import { LoggedInboundService } from './inbound/logged-inbound.service';
import { EmailUnsubscribeService } from './inbound/email-unsubscribe.service';
import { OptOutNotifier } from './inbound/opt-out.notifier';
import { ProviderOptOutsService } from './inbound/provider-opt-outs.service';
import { MessageStatusService } from './inbound/message-status.service';
import { StatusDrainService } from './inbound/status-drain.service';
import { StatusDrainSignal } from './inbound/status-drain.signal';
import { AppliedEventsRetention } from './inbound/applied-events-retention';
import { StatusSweeper } from './inbound/status-sweeper';
import { PendingEventsSweeper } from './inbound/pending-events-sweeper';
import { InboundSweepService } from './inbound/inbound-sweep.service';
import { InboundAttachments } from './inbound/inbound-attachments';
import { InboundMedia } from './inbound/inbound-media';
import { WebhookIntakeService } from './inbound/webhook-intake.service';
import { LeadExportService } from './leads/lead-export.service';
import { ErasedRecordingsService } from './leads/erased-recordings.service';
import { LeadLastContacts } from './leads/lead-last-contacts';
import { ReportRanges } from './reporting/report-ranges.service';
import { LeadsRepository } from './leads/leads.repository';
import { LeadsService } from './leads/leads.service';
import { LeadErasureService } from './leads/lead-erasure.service';
import { LLM_PROVIDERS, LLM_SERVICES } from './llm/llm.providers';
import { MESSAGING_PROVIDERS, MESSAGING_SERVICES } from './messaging/messaging.providers';
import { PRODUCT_CONTEXT_SERVICES } from './product-context/product-context.providers';
import { AI_AGENT_SERVICES } from './ai-agents/ai-agents.providers';
import { AdminConfigService } from './system/admin-config.service';
import { HealthService } from './system/health.service';
import { SystemJobsService } from './system/system-jobs.service';
import { StatisticsSweep } from './system/statistics-sweep';
import { TenantStatistics } from './system/tenant-statistics';
import { TenantsService } from './tenants/tenants.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { LeadAnnouncements } from './leads/lead-announcements';

const SERVICES = [
  DncExportService,
  DncImportRunner,
  DncImportService,
  DncService,
  ImportErrorsExportService,
  ImportJobsService,
  ImportRunner,
  ImportsSweeper,
  ImportsService,
  InboundJobsService,
  InboundMessagesService,
  LoggedInboundService,
  InboundFollowUps,
  InboundEnrollmentStops,
  EmailBouncesService,
  EmailUnsubscribeService,
  OptOutNotifier,
  ProviderOptOutsService,
  MessageStatusService,
  StatusDrainService,
  StatusDrainSignal,
  StatusSweeper,
  AppliedEventsRetention,
  PendingEventsSweeper,
  InboundSweepService,
  InboundAttachments,
  InboundMedia,
  WebhookIntakeService,
  LeadsService,
  LeadErasureService,
  LeadExportService,
  LeadLastContacts,
  LeadAnnouncements,
  ErasedRecordingsService,
  ReportRanges,

  ActivityService,
  NotificationsService,
  NotificationWriter,
  AchievementProgress,
  AchievementsService,
  ApiKeysService,
  HealthService,
  AdminConfigService,
  SystemJobsService,
  StatisticsSweep,
  TenantStatistics,
  TenantsService,
  UsersService,
  UsersRepository,
];

@Global()
@Module({
  imports: [AuthModule],
  providers: [
    ...SERVICES,
    ...MESSAGING_PROVIDERS,
    ...CHANNEL_PROVIDERS,
    ...CAMPAIGN_PROVIDERS,
    ...CAMPAIGN_ENGINE_PROVIDERS,
    ...CAMPAIGN_ANALYTICS_PROVIDERS,
    ...CAMPAIGN_CONTROL_PROVIDERS,
    ...AGENT_PROVIDERS,
    ...APPOINTMENT_SERVICES,
    ...CALL_PROVIDERS,
    ...DIALER_PROVIDERS,
    ...DASHBOARD_PROVIDERS,
    ...LLM_PROVIDERS,
    ...AI_OUTREACH_PROVIDERS,
    ...CLASSIFICATION_PROVIDERS,
    ...PRODUCT_CONTEXT_SERVICES,
    ...AI_AGENT_SERVICES,
    ...WEBHOOK_PROVIDERS,
    ...WORKFLOW_PROVIDERS,
    ...INTEGRATION_PROVIDERS,
    ActivityRepository,
    NotificationsRepository,
    ApiKeysRepository,
    DncRepository,
    LeadsRepository,
  ],
  exports: [
    ...SERVICES,
    ...MESSAGING_SERVICES,
    ...CHANNEL_SERVICES,
    ...CAMPAIGN_SERVICES,
    ...CAMPAIGN_ENGINE_SERVICES,
    ...CAMPAIGN_ANALYTICS_SERVICES,
    ...CAMPAIGN_CONTROL_SERVICES,
    ...AGENT_SERVICES,
    ...APPOINTMENT_SERVICES,
    ...CALL_SERVICES,
    ...DIALER_SERVICES,
    ...DASHBOARD_SERVICES,
    ...LLM_SERVICES,
    ...AI_OUTREACH_SERVICES,
    ...CLASSIFICATION_SERVICES,
    ...PRODUCT_CONTEXT_SERVICES,
    ...AI_AGENT_SERVICES,
    ...WEBHOOK_SERVICES,
    ...WORKFLOW_SERVICES,
    ...INTEGRATION_SERVICES,
  ],
})
export class DomainModule {}
