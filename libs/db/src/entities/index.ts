import { AchievementEntity, UserAchievementEntity } from './achievement.entity';
import { ActivityLogEntity } from './activity-log.entity';
import { AiAgentEntity } from './ai-agent.entity';
import { AiInteractionEntity } from './ai-interaction.entity';
import { AgentGroupEntity } from './agent-group.entity';
import { AgentEntity } from './agent.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AppointmentEntity } from './appointment.entity';
import { CampaignEnrollmentEntity } from './campaign-enrollment.entity';
import { CampaignStepEntity } from './campaign-step.entity';
import { CampaignEntity } from './campaign.entity';
import { CallEntity } from './call.entity';
import { ChannelConfigEntity } from './channel-config.entity';
import { ConversationEntity } from './conversation.entity';
import { DncEntryEntity } from './dnc-entry.entity';
import { LeadIdentityEntity } from './lead-identity.entity';
import { LeadImportChunkEntity, LeadImportEntity, LeadImportErrorEntity } from './lead-import.entity';
import { LeadEntity } from './lead.entity';
import { LlmConfigEntity } from './llm-config.entity';
import { MessageEntity } from './message.entity';
import { MessageAttachmentEntity } from './message-attachment.entity';
import { IntegrationEntity } from './integration.entity';
import { IntegrationDeliveryEntity } from './integration-delivery.entity';
import { NotificationEntity } from './notification.entity';
import { ProductContextEntity, ProductContextMessageEntity } from './product-context.entity';
import { ReplyClassificationEntity } from './reply-classification.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEventEntity } from './webhook-event.entity';
import { WorkflowEntity, WorkflowRunEntity, WorkflowRunStepEntity } from './workflow.entity';

export * from './achievement.entity';
export * from './agent-group.entity';
export * from './ai-agent.entity';
export * from './ai-interaction.entity';
export * from './agent.entity';
export * from './appointment.entity';
export * from './call.entity';
export * from './campaign-enrollment.entity';
export * from './campaign-step.entity';
export * from './campaign.entity';
export * from './channel-config.entity';
export * from './conversation.entity';
export * from './dnc-entry.entity';
export * from './lead-identity.entity';
export * from './lead-import.entity';
export * from './lead-row';
export * from './lead.entity';
export * from './llm-config.entity';
export * from './message.entity';
export * from './message-attachment.entity';
export * from './integration.entity';
export * from './integration-delivery.entity';
export * from './notification.entity';
export * from './numeric-column';
export * from './product-context.entity';
export * from './reply-classification.entity';
export * from './webhook-delivery.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-event.entity';
export * from './workflow.entity';
export { ActivityLogEntity, ApiKeyEntity, TenantEntity, UserEntity };

export const ENTITIES = [
  TenantEntity,
  UserEntity,
  ApiKeyEntity,
  ActivityLogEntity,
  LeadEntity,
  LeadIdentityEntity,
  DncEntryEntity,
  LeadImportEntity,
  LeadImportChunkEntity,
  LeadImportErrorEntity,
  ChannelConfigEntity,
  ConversationEntity,
  MessageEntity,
  MessageAttachmentEntity,
  WebhookEventEntity,
  CampaignEntity,
  CampaignStepEntity,
  CampaignEnrollmentEntity,
  AgentGroupEntity,
  AgentEntity,
  CallEntity,
  LlmConfigEntity,
  AiAgentEntity,
  AiInteractionEntity,
  ReplyClassificationEntity,
  ProductContextEntity,
  ProductContextMessageEntity,
  AppointmentEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  NotificationEntity,
  AchievementEntity,
  UserAchievementEntity,
  WorkflowEntity,
  WorkflowRunEntity,
  WorkflowRunStepEntity,
  IntegrationEntity,
  IntegrationDeliveryEntity,
];
