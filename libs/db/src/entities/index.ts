import { ActivityLogEntity } from './activity-log.entity';
import { ApiKeyEntity } from './api-key.entity';
import { DncEntryEntity } from './dnc-entry.entity';
import { LeadIdentityEntity } from './lead-identity.entity';
import { LeadImportChunkEntity, LeadImportEntity, LeadImportErrorEntity } from './lead-import.entity';
import { LeadEntity } from './lead.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export * from './dnc-entry.entity';
export * from './lead-identity.entity';
export * from './lead-import.entity';
export * from './lead-row';
export * from './lead.entity';
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
];
