import type { AppointmentEntity, AppointmentStatus } from '@app/db';
import type { AppointmentJson } from '@app/events';
import { instantOf, localTime } from '../contact-policy/send-window';

/**
 * The instant an appointment starts: its date (YYYY-MM-DD) and time (HH:MM) on the wall clock of its zone. Null
 * when the zone's clocks skip that time (a DST gap: 02:30 on the night clocks go forward), which no one can keep.
 */
export function startOf(date: string, time: string, zone: string): Date | null {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const at = instantOf(zone, year, month, day, hour * 60 + minute);
  const shown = localTime(at, zone);
  const kept =
    shown.year === year && shown.month === month && shown.day === day && shown.minute === hour * 60 + minute;
  return kept ? at : null;
}

/**
 * Where an appointment may go from each status. A cancelled or completed appointment is closed: it cannot be
 * confirmed, reopened or moved again (a new appointment is booked instead); a confirmed one may go back to pending.
 */
const NEXT: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  pending: ['pending', 'confirmed', 'cancelled', 'completed'],
  confirmed: ['pending', 'confirmed', 'cancelled', 'completed'],
  cancelled: ['cancelled'],
  completed: ['completed'],
};

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return NEXT[from].includes(to);
}

export function isClosed(status: AppointmentStatus): boolean {
  return NEXT[status].length === 1;
}

/** The appointment as the API answers it and `appointment_update` carries it. */
export function appointmentJson(a: AppointmentEntity): AppointmentJson {
  return {
    id: a.id,
    tenant_id: a.tenantId,
    lead_id: a.leadId,
    patient_name: a.patientName,
    phone: a.phone,
    phone_number: a.phone,
    appointment_date: a.appointmentDate,
    appointment_time: a.appointmentTime.slice(0, 5),
    timezone: a.timezone,
    starts_at: a.startsAt.toISOString(),
    service: a.service,
    status: a.status,
    notes: a.notes,
    created_by: a.createdBy,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}
