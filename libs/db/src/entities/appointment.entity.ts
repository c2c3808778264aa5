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
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * An appointment (seed 003): a lead's, or a patient's who is no lead (a name and a phone). Its date and time are
 * the wall clock of its time zone; `starts_at` is that instant, which lists and the dashboard order and count by.
 */
@Entity('appointments')
@Check('ck_appointments_status', `"status" IN ('pending', 'confirmed', 'cancelled', 'completed')`)
@Index('ix_appointments_tenant_starts', ['tenantId', 'startsAt'])
@Index('ix_appointments_tenant_date', ['tenantId', 'appointmentDate'])
@Index('ix_appointments_tenant_lead', ['tenantId', 'leadId'])
/** The appointments of an erased person found by their phone (those linked to no lead). */
@Index('ix_appointments_tenant_phone', ['tenantId', 'phone'], { where: '"phone" IS NOT NULL' })
export class AppointmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_appointments' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_appointments_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @ManyToOne(() => LeadEntity, { onDelete: 'SET NULL' })
  @JoinColumn(leadReference('fk_appointments_lead'))
  lead?: LeadEntity;
  /** Null once the person was erased. */
  @Column({ type: 'varchar', length: 200, nullable: true }) patientName!: string | null;
  /** E.164; null when none was given, or once the person was erased. */
  @Column({ type: 'varchar', length: 20, nullable: true }) phone!: string | null;
  /** YYYY-MM-DD, in `timezone`. */
  @Column({ type: 'date' }) appointmentDate!: string;
  /** HH:MM:SS, in `timezone`. */
  @Column({ type: 'time' }) appointmentTime!: string;
  /** IANA. */
  @Column({ type: 'varchar', length: 64 }) timezone!: string;
  @Column({ type: 'timestamptz' }) startsAt!: Date;
  @Column({ type: 'varchar', length: 200, nullable: true }) service!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: AppointmentStatus;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** The user who booked it; null when an API key did, for those booked before it was recorded, once deleted. */
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_appointments_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
