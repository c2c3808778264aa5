import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';

/** Appointments (seed 003). */
@Module({ controllers: [AppointmentsController] })
export class AppointmentsModule {}
