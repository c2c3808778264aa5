import type { PageWindow } from '@app/common';
import { AppointmentEntity, AppointmentStatus, TenantRepository, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

export interface AppointmentFilter {
  /** A local date (YYYY-MM-DD), as the appointment's own zone reads it. */
  date?: string;
  /** Local dates, both ends inclusive. */
  date_from?: string;
  date_to?: string;
  status?: AppointmentStatus;
  lead_id?: string;
}

/** What an appointment takes from the lead it is booked for. */
export interface BookedLead {
  /** First and last names (up to 100 characters each) joined, cut to the 200 that `patient_name` holds. */
  name: string | null;
  phone: string | null;
}

/** Appointments: every method takes the tenant first. */
@Injectable()
export class AppointmentsRepository extends TenantRepository<AppointmentEntity> {
  constructor(@InjectRepository(AppointmentEntity) repo: Repository<AppointmentEntity>) {
    super(repo);
  }

  /** A page of appointments, soonest first. */
  list(
    tenantId: string,
    window: PageWindow,
    filter: AppointmentFilter,
  ): Promise<[AppointmentEntity[], number]> {
    const q = this.scoped(tenantId, 'a');
    if (filter.date) q.andWhere('a.appointment_date = :date', { date: filter.date });
    if (filter.date_from) q.andWhere('a.appointment_date >= :from', { from: filter.date_from });
    if (filter.date_to) q.andWhere('a.appointment_date <= :to', { to: filter.date_to });
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.lead_id) q.andWhere('a.lead_id = :leadId', { leadId: filter.lead_id });
    return q
      .orderBy('a.starts_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /** The appointment's row, locked until `tx` ends. */
  lock(tx: EntityManager, tenantId: string, id: string): Promise<AppointmentEntity | null> {
    return tx.findOne(AppointmentEntity, {
      where: this.where(tenantId, { id }),
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The live lead an appointment is booked for, its row held (FOR KEY SHARE) until `tx` ends: an erasure of the lead
   * (which locks its row FOR UPDATE first) then either went before, and the lead is gone, or waits for this booking
   * and scrubs it too.
   */
  async lockLead(tx: EntityManager, tenantId: string, leadId: string): Promise<BookedLead | null> {
    const [row] = await tenantQuery<BookedLead>(
      tx,
      tenantId,
      `SELECT left(nullif(btrim(concat_ws(' ', first_name, last_name)), ''), 200) AS name, phone_normalized AS phone
         FROM leads WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR KEY SHARE`,
      [leadId],
    );
    return row ?? null;
  }
}
