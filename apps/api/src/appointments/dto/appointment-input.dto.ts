import { AnyCase, CharLength, IanaTimeZone, MaxChars, Optional, PageQueryDto, Trimmed } from '@app/common';
import { APPOINTMENT_STATUSES } from '@app/db';
import type { AppointmentStatus } from '@app/db';
import type { AppointmentChanges, AppointmentFilter, NewAppointment } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, ValidateBy } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
const DST_RULE =
  "A time the zone's clocks skip (the night they go forward) is a 400; a time they show twice (the night they " +
  'fall back) is its first showing, the earlier instant: `starts_at` says which.';

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
const CalendarDate = () =>
  applyDecorators(
    IsString(),
    Matches(DATE, { message: DATE_MESSAGE }),
    IsISO8601({ strict: true }, { message: DATE_MESSAGE }),
  );

/**
 * The days an appointment may be on: a year 10000 date (or one in a zone west of UTC on 9999-12-31, whose start is
 * in year 10000) is a typing error, not a booking, and has no ISO-8601 timestamp of four year digits.
 */
export const APPOINTMENT_DATES = { from: '1900-01-01', to: '2100-12-31' } as const;
const RANGE_MESSAGE = `must be a date from ${APPOINTMENT_DATES.from} to ${APPOINTMENT_DATES.to}`;

/** An existing calendar date in APPOINTMENT_DATES (YYYY-MM-DD strings compare as the days they name). */
const AppointmentDate = () =>
  applyDecorators(
    CalendarDate(),
    ValidateBy({
      name: 'appointmentDate',
      validator: {
        validate: (value) =>
          typeof value === 'string' && value >= APPOINTMENT_DATES.from && value <= APPOINTMENT_DATES.to,
        defaultMessage: () => `$property ${RANGE_MESSAGE}`,
      },
    }),
  );

const ClockTime = () =>
  applyDecorators(IsString(), Matches(TIME, { message: 'must be a time HH:MM (00:00-23:59)' }));

/** The statuses a new appointment may start in. */
const OPENING_STATUSES = ['pending', 'confirmed'] as const;

export class CreateAppointmentDto implements NewAppointment {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "A lead of the tenant (not archived): the appointment is theirs, and takes the lead's name and phone unless patient_name or phone is sent",
  })
  @IsOptional()
  @IsUUID()
  lead_id?: string;

  @ApiPropertyOptional({
    example: 'John Doe',
    description: 'Required without lead_id (seed 003: patientName)',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  patient_name?: string;

  @ApiPropertyOptional({
    example: '+1 415 555 2671',
    description:
      "As people write it; national numbers read in the tenant's default country; answered in E.164 (seed 003: phoneNumber)",
  })
  @IsOptional()
  @IsString()
  @MaxChars(64)
  phone?: string;

  @ApiProperty({
    example: '2026-12-24',
    description: `YYYY-MM-DD in \`timezone\`, from ${APPOINTMENT_DATES.from} to ${APPOINTMENT_DATES.to} (seed 003: appointmentDate)`,
  })
  @AppointmentDate()
  appointment_date!: string;

  @ApiProperty({
    example: '14:00',
    description: `HH:MM in \`timezone\` (seed 003: appointmentTime). ${DST_RULE}`,
  })
  @ClockTime()
  appointment_time!: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description:
      "IANA, any case, kept in its canonical spelling (`america/new_york` → `America/New_York`); default the tenant's time zone",
  })
  @Optional()
  @IanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'Consultation' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  service?: string;

  @ApiPropertyOptional({
    enum: OPENING_STATUSES,
    default: 'pending',
    example: 'pending',
    description: 'Any case',
  })
  @Optional()
  @AnyCase()
  @IsIn(OPENING_STATUSES)
  status?: AppointmentStatus;

  @ApiPropertyOptional({ example: 'First visit' })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  notes?: string;
}

export class UpdateAppointmentDto implements AppointmentChanges {
  @ApiPropertyOptional({
    enum: APPOINTMENT_STATUSES,
    example: 'confirmed',
    description:
      'Any case. pending and confirmed move to any status; cancelled and completed are final (409), as is any change but notes to such an appointment',
  })
  @Optional()
  @AnyCase()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;

  @ApiPropertyOptional({ type: String, example: 'Patient confirmed attendance', nullable: true })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  notes?: string | null;

  @ApiPropertyOptional({
    example: '2026-12-27',
    description: `YYYY-MM-DD in \`timezone\`, from ${APPOINTMENT_DATES.from} to ${APPOINTMENT_DATES.to}`,
  })
  @Optional()
  @AppointmentDate()
  appointment_date?: string;

  @ApiPropertyOptional({ example: '09:30', description: `HH:MM in \`timezone\`. ${DST_RULE}` })
  @Optional()
  @ClockTime()
  appointment_time?: string;

  @ApiPropertyOptional({
    example: 'Europe/Lisbon',
    description: 'IANA, any case, kept in its canonical spelling: the zone of the date and time',
  })
  @Optional()
  @IanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: String, example: 'Follow-up', nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  service?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'John Doe',
    nullable: true,
    description: "null only for a lead's appointment",
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  patient_name?: string | null;

  @ApiPropertyOptional({ type: String, example: '+14155552671', nullable: true })
  @IsOptional()
  @IsString()
  @MaxChars(64)
  phone?: string | null;
}

export class AppointmentQueryDto extends PageQueryDto implements AppointmentFilter {
  @ApiPropertyOptional({ example: '2026-12-24', description: 'On this local date (YYYY-MM-DD)' })
  @Optional()
  @CalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'On or after this local date (YYYY-MM-DD)' })
  @Optional()
  @CalendarDate()
  date_from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'On or before this local date (YYYY-MM-DD)' })
  @Optional()
  @CalendarDate()
  date_to?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES, example: 'confirmed', description: 'Any case' })
  @Optional()
  @AnyCase()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "The lead's appointments" })
  @Optional()
  @IsUUID()
  lead_id?: string;
}
