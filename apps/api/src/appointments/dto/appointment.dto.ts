import { APPOINTMENT_STATUSES } from '@app/db';
import type { AppointmentJson } from '@app/events';
import { ApiProperty } from '@nestjs/swagger';

export class AppointmentDto implements AppointmentJson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a patient who is no lead, or once erased',
  })
  lead_id!: string | null;
  @ApiProperty({ type: String, example: 'John Doe', nullable: true }) patient_name!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true, description: 'E.164' }) phone!:
    string | null;
  @ApiProperty({
    type: String,
    example: '+14155552671',
    nullable: true,
    description: "Seed 003's phoneNumber (= phone)",
  })
  phone_number!: string | null;
  @ApiProperty({ example: '2026-12-24', description: 'YYYY-MM-DD in `timezone`' }) appointment_date!: string;
  @ApiProperty({ example: '14:00', description: 'HH:MM in `timezone`' }) appointment_time!: string;
  @ApiProperty({ example: 'America/New_York' }) timezone!: string;
  @ApiProperty({ example: '2026-12-24T19:00:00.000Z', description: 'The date and time as an instant (UTC)' })
  starts_at!: string;
  @ApiProperty({ type: String, example: 'Consultation', nullable: true }) service!: string | null;
  @ApiProperty({ enum: APPOINTMENT_STATUSES, example: 'confirmed' }) status!: string;
  @ApiProperty({ type: String, example: 'First visit', nullable: true }) notes!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0b9c5e0e-2f1d-4a57-8f3e-6d2a1c9b7e41',
    description:
      'The user who booked it; null when an API key did, or for one booked before this was recorded',
  })
  created_by!: string | null;
  @ApiProperty({ example: '2026-12-01T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-12-01T10:00:00.000Z' }) updated_at!: string;
}

export class CancelledAppointmentDto extends AppointmentDto {
  @ApiProperty({ example: 'Appointment cancelled successfully' }) message!: string;
}
