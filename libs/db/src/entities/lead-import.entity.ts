import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DncChannel, DncReason } from './dnc-entry.entity';
import { TenantEntity } from './tenant.entity';

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Where every data row of an import landed (DESIGN §3): total = inserted + updated + invalid + duplicates + dnc. */
export interface ImportResults {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  dnc: number;
  inserted: number;
  updated: number;
}

export interface ImportOptions {
  default_country: string | null;
  on_duplicate: 'skip' | 'update';
  tags: string[];
  /** The campaign the imported leads are enrolled in, batch by batch. */
  campaign_id?: string | null;
}

export const IMPORT_KINDS = ['leads', 'dnc'] as const;
/** What an import fills: the leads, or the do-not-contact list. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What each row of a do-not-contact import adds (DncImportRunner): its columns, and the defaults of the form. */
export interface DncImportOptions {
  /** 0-based positions in the header; -1 when the file has no such column. */
  columns: { phone: number; email: number; channel: number; reason: number };
  channel: DncChannel;
  reason: DncReason;
  /** For national phone numbers (else the tenant's default country); absent from imports stored before it. */
  default_country?: string | null;
  /**
   * An admin imports the file: a row's own reason may be `erasure` (a restored list). Absent from imports stored
   * before it: no erasure rows.
   */
  erasure_rows?: boolean;
}

/** Where every data row of a do-not-contact import landed: total = invalid + the rows whose entries were written. */
export interface DncImportResults {
  total: number;
  added: number;
  existing: number;
  /** Of `existing`: entries only the person's STOP listed, now carrying the file's reason. */
  taken_over: number;
  invalid: number;
  leads_flagged: number;
}

/**
 * A CSV upload (of leads, or of do-not-contact entries): its bytes live in lead_import_chunks until the import is
 * done, so any process can run it.
 */
@Entity('lead_imports')
@Check('ck_lead_imports_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
@Check('ck_lead_imports_kind', `"kind" IN ('leads', 'dnc')`)
@Index('ix_lead_imports_tenant_kind_created', ['tenantId', 'kind', 'createdAt'])
@Index('ix_lead_imports_unfinished', ['updatedAt'], { where: `"status" IN ('queued', 'running')` })
export class LeadImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lead_imports' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_lead_imports_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @Column({ type: 'varchar', length: 8, default: 'leads' }) kind!: ImportKind;
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName!: string | null;
  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  fileBytes!: number;
  @Column({ type: 'varchar', length: 16 }) encoding!: string;
  @Column({ type: 'varchar', length: 1 }) delimiter!: string;
  /** What each column of the file becomes (ColumnTarget[]). */
  @Column({ type: 'jsonb' }) columns!: unknown[];
  @Column({ type: 'jsonb', default: () => "'{}'" }) options!: ImportOptions | DncImportOptions;
  @Column({ type: 'varchar', length: 16, default: 'queued' }) status!: ImportStatus;
  /** The 1-based number of the last data row whose outcome is committed: a resumed import starts after it. */
  @Column({ type: 'integer', default: 0 }) rowsDone!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) results!:
    Partial<ImportResults> | Partial<DncImportResults>;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** The process running the import holds it until then, and extends it after every batch. */
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The uploaded file, in order: read back by whichever process runs the import. */
@Entity('lead_import_chunks')
export class LeadImportChunkEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lead_import_chunks' }) tenantId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lead_import_chunks' }) importId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_lead_import_chunks' }) seq!: number;
  @ManyToOne(() => LeadImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_lead_import_chunks_import' })
  leadImport?: LeadImportEntity;
  @Column({ type: 'bytea' }) data!: Buffer;
}

/** One problem of one data row (1-based, header excluded). */
@Entity('lead_import_errors')
export class LeadImportErrorEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lead_import_errors' }) tenantId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lead_import_errors' }) importId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_lead_import_errors' }) row!: number;
  @PrimaryColumn({ type: 'varchar', length: 120, primaryKeyConstraintName: 'pk_lead_import_errors' })
  field!: string;
  @ManyToOne(() => LeadImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_lead_import_errors_import' })
  leadImport?: LeadImportEntity;
  @Column({ type: 'text', nullable: true }) value!: string | null;
  @Column({ type: 'text' }) error!: string;
}
