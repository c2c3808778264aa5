import { AppError, canonicalTimeZone, Clock, FieldIssue, invalidInput, Page, PageWindow } from '@app/common';
import { AppointmentEntity, AppointmentStatus } from '@app/db';
import { AppointmentJson, AppointmentUpdateEvent, LiveEvents } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { normalizePhone } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { appointmentJson, canMove, isClosed, startOf } from './appointment-time';
import { AppointmentFilter, AppointmentsRepository } from './appointments.repository';

/** POST /api/appointments, validated: dates YYYY-MM-DD, times HH:MM, zones IANA, texts trimmed. */
export interface NewAppointment {
  lead_id?: string;
  patient_name?: string | null;
  phone?: string | null;
  appointment_date: string;
  appointment_time: string;
  timezone?: string;
  service?: string | null;
  status?: AppointmentStatus;
  notes?: string | null;
}

/** PUT /api/appointments/:id: what is sent changes. */
export type AppointmentChanges = Partial<Omit<NewAppointment, 'lead_id'>>;

/** The fields a closed (cancelled or completed) appointment still takes. */
const CLOSED_EDITABLE = new Set(['notes']);

/**
 * Appointments (seed 003): booked for a lead of the tenant or for a patient by name and phone, at a local date and
 * time of a zone (the tenant's unless given). Changes follow the status rules (appointment-time.ts); cancelling
 * keeps the row. Every change is logged in the activity feed and told to the tenant's sockets (`appointment_update`).
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly appointments: AppointmentsRepository,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
  ) {}

  async list(
    auth: AuthContext,
    window: PageWindow,
    filter: AppointmentFilter,
  ): Promise<Page<AppointmentJson>> {
    if (filter.date_from && filter.date_to && filter.date_to < filter.date_from)
      throw AppError.field('date_to', 'must not be before date_from');
    const [rows, total] = await this.appointments.list(auth.tenantId, window, filter);
    return new Page(rows.map(appointmentJson), total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<AppointmentJson> {
    const found = await this.appointments.findById(auth.tenantId, id);
    if (!found) throw AppError.notFound('Appointment');
    return appointmentJson(found);
  }

  async create(auth: AuthContext, input: NewAppointment): Promise<AppointmentJson> {
    const tenant = await this.tenants.get(auth.tenantId);
    const errors: FieldIssue[] = [];
    const phone = this.phoneOf(input.phone, tenant.defaultCountry, errors);
    const timezone = input.timezone ?? canonicalTimeZone(tenant.timezone ?? 'UTC') ?? 'UTC';
    const startsAt = this.startOf(input.appointment_date, input.appointment_time, timezone, errors);
    const saved = await this.db.transaction(async (tx) => {
      const lead = input.lead_id ? await this.appointments.lockLead(tx, auth.tenantId, input.lead_id) : null;
      if (input.lead_id && !lead) errors.push({ field: 'lead_id', reason: 'is not a lead of this tenant' });
      const patientName = input.patient_name ?? lead?.name ?? null;
      if (!patientName && !input.lead_id)
        errors.push({ field: 'patient_name', reason: 'is required (or lead_id, a lead of this tenant)' });
      if (errors.length || !startsAt) throw invalidInput(errors);
      const row = await tx.save(
        tx.create(AppointmentEntity, {
          tenantId: auth.tenantId,
          leadId: input.lead_id ?? null,
          patientName,
          phone: phone ?? lead?.phone ?? null,
          appointmentDate: input.appointment_date,
          appointmentTime: input.appointment_time,
          timezone,
          startsAt,
          service: input.service ?? null,
          status: input.status ?? 'pending',
          notes: input.notes ?? null,
          createdBy: auth.userId ?? null,
        }),
      );
      await this.record(tx, auth, 'created', row);
      return row;
    });
    return this.announce(auth.tenantId, 'created', null, saved);
  }

  /** PUT: the fields sent change, as the appointment's status allows (409 otherwise). */
  async update(auth: AuthContext, id: string, changes: AppointmentChanges): Promise<AppointmentJson> {
    const tenant = await this.tenants.get(auth.tenantId);
    const { saved, previous } = await this.db.transaction(async (tx) => {
      const current = await this.appointments.lock(tx, auth.tenantId, id);
      if (!current) throw AppError.notFound('Appointment');
      const errors: FieldIssue[] = [];
      const phone =
        changes.phone === undefined
          ? current.phone
          : this.phoneOf(changes.phone, tenant.defaultCountry, errors);
      const date = changes.appointment_date ?? current.appointmentDate;
      const time = changes.appointment_time ?? current.appointmentTime.slice(0, 5);
      const timezone = changes.timezone ?? current.timezone;
      const moved =
        date !== current.appointmentDate ||
        time !== current.appointmentTime.slice(0, 5) ||
        timezone !== current.timezone;
      const startsAt = moved ? this.startOf(date, time, timezone, errors) : current.startsAt;
      if (changes.patient_name === null && !current.leadId)
        errors.push({ field: 'patient_name', reason: 'is required for an appointment linked to no lead' });
      if (errors.length || !startsAt) throw invalidInput(errors);
      const next: Partial<AppointmentEntity> = {
        patientName: changes.patient_name === undefined ? current.patientName : changes.patient_name,
        phone,
        appointmentDate: date,
        appointmentTime: moved ? time : current.appointmentTime,
        timezone,
        startsAt,
        service: changes.service === undefined ? current.service : changes.service,
        status: changes.status ?? current.status,
        notes: changes.notes === undefined ? current.notes : changes.notes,
      };
      this.checkMove(current, next);
      const changed = (Object.keys(next) as (keyof AppointmentEntity)[]).some(
        (k) => !same(next[k], current[k]),
      );
      if (!changed) return { saved: current, previous: null };
      const previousStatus = current.status;
      const row = await tx.save(Object.assign(current, next));
      await this.record(tx, auth, actionOf(previousStatus, row.status), row);
      return { saved: row, previous: previousStatus };
    });
    if (!previous) return appointmentJson(saved);
    return this.announce(auth.tenantId, actionOf(previous, saved.status), previous, saved);
  }

  /** DELETE: cancels (the row stays, with its history); cancelling a cancelled one again changes nothing. */
  async cancel(auth: AuthContext, id: string): Promise<AppointmentJson> {
    return this.update(auth, id, { status: 'cancelled' });
  }

  /** A closed appointment takes notes only; its status moves only as canMove allows. */
  private checkMove(current: AppointmentEntity, next: Partial<AppointmentEntity>): void {
    const to = next.status ?? current.status;
    if (!canMove(current.status, to))
      throw AppError.conflict(`A ${current.status} appointment cannot be made ${to}`, {
        field: 'status',
        status: current.status,
      });
    if (!isClosed(current.status)) return;
    const touched = (Object.keys(next) as (keyof AppointmentEntity)[]).filter(
      (k) => !CLOSED_EDITABLE.has(COLUMN_FIELDS[k] ?? k) && !same(next[k], current[k]),
    );
    if (touched.length)
      throw AppError.conflict(
        `A ${current.status} appointment cannot be changed (its notes aside): book a new appointment`,
        { fields: [...new Set(touched.map((k) => COLUMN_FIELDS[k] ?? k))], status: current.status },
      );
  }

  private phoneOf(
    raw: string | null | undefined,
    country: string | null,
    errors: FieldIssue[],
  ): string | null {
    if (raw === undefined || raw === null || !raw.trim()) return null;
    const parsed = normalizePhone(raw, country);
    if (parsed.ok) return parsed.phone.e164;
    errors.push({ field: 'phone', reason: parsed.reason });
    return null;
  }

  private startOf(date: string, time: string, zone: string, errors: FieldIssue[]): Date | null {
    const at = startOf(date, time, zone);
    if (!at)
      errors.push({
        field: 'appointment_time',
        reason: `does not exist on ${date} in ${zone} (the clocks skip it)`,
      });
    return at;
  }

  private record(
    tx: EntityManager,
    auth: AuthContext,
    action: AppointmentUpdateEvent['action'],
    row: AppointmentEntity,
  ): Promise<void> {
    return this.activity.record(
      auth.tenantId,
      auth,
      {
        type: `appointment.${action}`,
        description: `Appointment ${action} (${row.appointmentDate} ${row.appointmentTime.slice(0, 5)} ${row.timezone})`,
        data: { appointment_id: row.id, lead_id: row.leadId, status: row.status },
      },
      tx,
    );
  }

  /** Tells the tenant's sockets, through Redis (any API process), once the change committed. */
  private announce(
    tenantId: string,
    action: AppointmentUpdateEvent['action'],
    previousStatus: string | null,
    row: AppointmentEntity,
  ): AppointmentJson {
    const appointment = appointmentJson(row);
    this.events.toTenant(tenantId, 'appointment_update', {
      action,
      appointment_id: row.id,
      previous_status: previousStatus,
      status: row.status,
      appointment,
      timestamp: this.clock.now().toISOString(),
    });
    return appointment;
  }
}

/** The API's field names of the entity's properties that differ from them. */
const COLUMN_FIELDS: Partial<Record<keyof AppointmentEntity, string>> = {
  patientName: 'patient_name',
  appointmentDate: 'appointment_date',
  appointmentTime: 'appointment_time',
  startsAt: 'appointment_time',
};

/** `cancelled` when the change cancelled it, `updated` otherwise. */
function actionOf(from: AppointmentStatus, to: AppointmentStatus): AppointmentUpdateEvent['action'] {
  return to === 'cancelled' && from !== 'cancelled' ? 'cancelled' : 'updated';
}

function same(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
