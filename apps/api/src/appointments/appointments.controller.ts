import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { AppointmentsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppointmentQueryDto, CreateAppointmentDto, UpdateAppointmentDto } from './dto/appointment-input.dto';
import { AppointmentDto, CancelledAppointmentDto } from './dto/appointment.dto';

const id = new UuidPipe('Appointment');

/** Seed 003's appointments: any role books and works them, as agents log calls. */
@ApiTags('appointments')
@Controller('appointments')
@Authenticated()
@Roles('agent')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @ApiOperation({
    summary: "The tenant's appointments, soonest first",
    description:
      "`date`, `date_from` and `date_to` are local dates: each appointment's date in its own time zone.",
  })
  @ApiPage(AppointmentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  list(@CurrentAuth() auth: AuthContext, @Query() query: AppointmentQueryDto) {
    return this.appointments.list(auth, pageWindow(query), query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appointment' })
  @ApiEnvelope(AppointmentDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(@CurrentAuth() auth: AuthContext, @Param('id', id) appointmentId: string) {
    return this.appointments.get(auth, appointmentId);
  }

  @Post()
  @ApiOperation({
    summary: 'Book an appointment for a lead, or for a patient by name and phone',
    description:
      "The date and time are the wall clock of `timezone` (default the tenant's); a time its clocks skip is a 400. Raises `appointment_update` (action created) to the tenant's sockets.",
  })
  @ApiBody({
    type: CreateAppointmentDto,
    examples: {
      patient: {
        summary: 'A patient (seed 003)',
        value: {
          patientName: 'John Doe',
          phoneNumber: '+1 415 555 2671',
          appointmentDate: '2026-12-24',
          appointmentTime: '14:00',
          service: 'Consultation',
          notes: 'First visit',
        },
      },
      lead: {
        summary: "A lead's (their name and phone)",
        value: {
          lead_id: '0190b1c2-7d3e-7a4f-9b5c-1d2e3f4a5b6c',
          appointment_date: '2026-12-24',
          appointment_time: '09:30',
          timezone: 'Europe/Lisbon',
          status: 'confirmed',
        },
      },
    },
  })
  @ApiEnvelope(AppointmentDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateAppointmentDto) {
    return this.appointments.create(auth, dto);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Change an appointment: status, notes, date, time, time zone, service, patient name or phone',
    description:
      'Only the fields sent change. A cancelled or completed appointment is final: another status, or a change but its notes, is a 409. Raises `appointment_update` (action updated, or cancelled) when something changed.',
  })
  @ApiBody({
    type: UpdateAppointmentDto,
    examples: {
      confirm: { value: { status: 'confirmed', notes: 'Patient confirmed attendance' } },
      reschedule: { value: { appointment_date: '2026-12-27', appointment_time: '10:00' } },
    },
  })
  @ApiEnvelope(AppointmentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, {
    code: ErrorCode.CONFLICT,
    when: 'the appointment is cancelled or completed',
  })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) appointmentId: string,
    @Body() dto: UpdateAppointmentDto,
  ) {
    return this.appointments.update(auth, appointmentId, dto);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an appointment (it stays, cancelled)',
    description:
      'Cancelling a cancelled appointment again answers the same; a completed one is a 409. Raises `appointment_update` (action cancelled).',
  })
  @ApiEnvelope(CancelledAppointmentDto)
  @ApiErrors(ErrorCode.NOT_FOUND, { code: ErrorCode.CONFLICT, when: 'the appointment is completed' })
  async cancel(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) appointmentId: string,
  ): Promise<CancelledAppointmentDto> {
    return {
      ...(await this.appointments.cancel(auth, appointmentId)),
      message: 'Appointment cancelled successfully',
    };
  }
}
