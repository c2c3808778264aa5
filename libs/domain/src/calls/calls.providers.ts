import type { Provider } from '@nestjs/common';
import { BroadcastLaunchService } from '../outbound-calls/broadcast-launch.service';
import { BroadcastsRepository } from '../outbound-calls/broadcasts.repository';
import { BroadcastsService } from '../outbound-calls/broadcasts.service';
import { CallRecordingsService } from './call-recordings.service';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';

/** The Calls API and voice broadcasts (issue 6 items 8, 9): exported services. */
export const CALL_SERVICES: Provider[] = [
  CallsService,
  CallRecordingsService,
  CallsRepository,
  BroadcastsService,
  BroadcastLaunchService,
];

export const CALL_PROVIDERS: Provider[] = [...CALL_SERVICES, BroadcastsRepository];
