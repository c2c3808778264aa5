import { AccessGuard, AuthenticationGuard } from '@app/auth';
import { InputPipe } from '@app/common';
import { AppConfig } from '@app/config';
import { PlatformModule } from '@app/domain';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { AgentsModule } from './agents/agents.module';
import { AiAgentsModule } from './ai-agents/ai-agents.module';
import { AiAnalyticsModule } from './ai-analytics/ai-analytics.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AppointmentsModule } from './appointments/appointments.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AchievementsModule } from './achievements/achievements.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { AuthApiModule } from './auth/auth-api.module';
import { CallsModule } from './calls/calls.module';
import { CampaignAnalyticsModule } from './campaign-analytics/campaign-analytics.module';
import { CampaignControlModule } from './campaign-control/campaign-control.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ChannelsModule } from './channels/channels.module';
import { ContactsModule } from './contacts/contacts.module';
import { ConversationsModule } from './conversations/conversations.module';
import { DncModule } from './dnc/dnc.module';
import { GatewayModule } from './gateway/gateway.module';
import { LeadsModule } from './leads/leads.module';
import { LlmModule } from './llm/llm.module';
import { MessagesModule } from './messages/messages.module';
import { OutboundCallsModule } from './outbound-calls/outbound-calls.module';
import { ProductContextModule } from './product-context/product-context.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { NotFoundModule } from './system/not-found.module';
import { SystemModule } from './system/system.module';
import { TenantModule } from './tenant/tenant.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module';
import { WorkflowsModule } from './workflows/workflows.module';

const FEATURES = [
  AuthApiModule,
  UsersModule,
  ApiKeysModule,
  NotificationsModule,
  AchievementsModule,
  TenantModule,
  SystemModule,
  AdminModule,
  LeadsModule,
  ContactsModule,
  DncModule,
  ConversationsModule,
  MessagesModule,
  ChannelsModule,
  GatewayModule,
  WebhooksModule,
  WebhookEndpointsModule,
  WorkflowsModule,
  IntegrationsModule,
  CampaignsModule,
  CampaignAnalyticsModule,
  CampaignControlModule,
  AgentsModule,
  CallsModule,
  OutboundCallsModule,
  LlmModule,
  ProductContextModule,
  AiAgentsModule,
  AiAnalyticsModule,
  AppointmentsModule,
  DashboardModule,
  // Last: its wildcard route answers every /api path the others do not.
  NotFoundModule,
];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, 'api'), RateLimitModule, ...FEATURES],
      providers: [
        // Global guards run in this order: identify the caller, count the request, then check access.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useClass: InputPipe },
      ],
    };
  }
}
