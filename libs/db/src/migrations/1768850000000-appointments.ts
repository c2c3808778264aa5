import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appointments (seed 003): a lead's, or a patient's who is no lead. Every index leads with tenant_id: the list by
 * start and by local date, the lead's (the erasure's SET NULL probes it) and the phone's (an erased person's
 * appointments linked to no lead). A lead's deletion keeps its appointments, without the lead.
 */
export class Appointments1768850000000 implements MigrationInterface {
  name = 'Appointments1768850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "appointments" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "tenant_id" uuid NOT NULL,
         "lead_id" uuid,
         "patient_name" character varying(200),
         "phone" character varying(20),
         "appointment_date" date NOT NULL,
         "appointment_time" TIME NOT NULL,
         "timezone" character varying(64) NOT NULL,
         "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "service" character varying(200),
         "status" character varying(16) NOT NULL DEFAULT 'pending',
         "notes" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "pk_appointments" PRIMARY KEY ("id"),
         CONSTRAINT "fk_appointments_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")
           ON DELETE CASCADE,
         CONSTRAINT "fk_appointments_lead" FOREIGN KEY ("tenant_id", "lead_id") REFERENCES "leads"("tenant_id", "id")
           ON DELETE SET NULL ("lead_id"),
         CONSTRAINT "ck_appointments_status" CHECK ("status" IN ('pending', 'confirmed', 'cancelled', 'completed')))`,
    );
    await q.query(
      `CREATE INDEX "ix_appointments_tenant_starts" ON "appointments" ("tenant_id", "starts_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_appointments_tenant_date" ON "appointments" ("tenant_id", "appointment_date")`,
    );
    await q.query(`CREATE INDEX "ix_appointments_tenant_lead" ON "appointments" ("tenant_id", "lead_id")`);
    await q.query(
      `CREATE INDEX "ix_appointments_tenant_phone" ON "appointments" ("tenant_id", "phone")
        WHERE "phone" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "appointments"`);
  }
}
