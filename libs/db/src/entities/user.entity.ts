import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';
import type { Role } from '../roles';

@Entity('users')
@Check('ck_users_role', `"role" IN ('admin', 'manager', 'agent')`)
@Index('uq_users_email_lower', { synchronize: false })
@Index('uq_users_tenant_username_lower', { synchronize: false })
@Index('ix_users_tenant_created', ['tenantId', 'createdAt'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_users_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 320 }) email!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) username!: string | null;
  @Column({ type: 'text', select: false }) passwordHash!: string;
  @Column({ type: 'varchar', length: 100 }) firstName!: string;
  @Column({ type: 'varchar', length: 100 }) lastName!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 16 }) role!: Role;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  /** Tokens issued before this instant stop working (deactivation, password change). */
  @Column({ type: 'timestamptz', nullable: true }) tokensRevokedAt!: Date | null;
  /** Bumped with every change of role, active flag or token revocation: orders the cached auth states. */
  @Column({ type: 'integer', default: 0 }) authVersion!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
