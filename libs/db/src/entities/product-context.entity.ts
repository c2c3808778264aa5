import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export type ProductContextStatus = 'empty' | 'clarifying' | 'confirmed';

/** What the tenant sells and to whom (seed 002's product context), built by `POST product-context/chat`. */
@Entity('product_contexts')
@Check('ck_product_contexts_status', `"status" IN ('empty', 'clarifying', 'confirmed')`)
export class ProductContextEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_product_contexts' }) tenantId!: string;
  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_product_contexts_tenant' })
  tenant?: TenantEntity;
  /** ProductMetadata of libs/providers. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) metadata!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16, default: 'empty' }) status!: ProductContextStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** One turn of the product-context chat (`GET product-context/log`). */
@Entity('product_context_messages')
@Check('ck_product_context_messages_role', `"role" IN ('user', 'assistant')`)
@Index('ix_product_context_messages_tenant_created', ['tenantId', 'createdAt'])
export class ProductContextMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_product_context_messages' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_product_context_messages_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 16 }) role!: 'user' | 'assistant';
  @Column({ type: 'text' }) content!: string;
  /** The metadata after an assistant turn. */
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @Column({ type: 'uuid', nullable: true }) userId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_product_context_messages_user' })
  user?: UserEntity;
  @Column({ type: 'uuid', nullable: true }) interactionId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
