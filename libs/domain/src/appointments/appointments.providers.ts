import type { Provider } from '@nestjs/common';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

/** Appointments (seed 003): exported services. */
export const APPOINTMENT_SERVICES: Provider[] = [AppointmentsService, AppointmentsRepository];
