import { ActivityLogEntity } from './activity-log.entity';
import { ApiKeyEntity } from './api-key.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export { ActivityLogEntity, ApiKeyEntity, TenantEntity, UserEntity };

export const ENTITIES = [TenantEntity, UserEntity, ApiKeyEntity, ActivityLogEntity];
