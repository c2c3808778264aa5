import type { Provider } from '@nestjs/common';
import { SimulatorCallJobsService } from '../simulator/simulator-call-jobs.service';
import { SimulatorJobsService } from '../simulator/simulator-jobs.service';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { TenantEgress } from '../egress/tenant-egress';
import { ChannelConfigChanges } from './channel-config-changes';
import { ChannelConfigsRepository } from './channel-configs.repository';
import { ChannelConfigsService } from './channel-configs.service';

/** What the channel configs and the messaging simulator export to both apps. */
export const CHANNEL_SERVICES = [
  ChannelConfigsService,
  ChannelConfigChanges,
  SimulatorRuntime,
  SimulatorJobsService,
  SimulatorCallJobsService,
  TenantEgress,
];

export const CHANNEL_PROVIDERS: Provider[] = [...CHANNEL_SERVICES, ChannelConfigsRepository];
