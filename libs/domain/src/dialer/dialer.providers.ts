import type { Provider } from '@nestjs/common';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentAbsenceService } from './agent-absence.service';
import { AgentBridgeService } from './agent-bridge.service';
import { AgentLegEndings } from './agent-leg-endings';
import { AgentLines } from './agent-lines';
import { AgentPresenceService } from './agent-presence.service';
import { CallCostsService } from './call-costs.service';
import { CallEndingsService } from './call-endings.service';
import { CallEventsService } from './call-events.service';
import { CallPlacementService } from './call-placement.service';
import { DialerAgents } from './dialer-agents';
import { DialerAgentsRepository } from './dialer-agents.repository';
import { DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { DialerPacerService } from './dialer-pacer.service';
import { DialerPoolRepository } from './dialer-pool.repository';
import { DialerTickService } from './dialer-tick.service';
import { LiveLegsDue } from './live-legs-due';
import { LateConnections } from './late-connections';
import { LeadCards } from './lead-cards';
import { PacerSnapshotsRepository } from './pacer-snapshots.repository';
import { PreviewCallsService } from './preview-calls.service';
import { PreviewExpiryService } from './preview-expiry.service';
import { PreviewOffers } from './preview-offers';
import { VoiceAnswersService } from './voice-answers.service';

/** The dialer (issue 6): its job handlers run in the worker; the API uses the voice channels and previews. */
export const DIALER_SERVICES: Provider[] = [
  VoiceChannelsService,
  DialerPacerService,
  DialerTickService,
  CallEventsService,
  AgentPresenceService,
  AgentAbsenceService,
  AgentBridgeService,
  AgentLines,
  PreviewCallsService,
  VoiceAnswersService,
  DialerCallsRepository,
  LeadCards,
];

export const DIALER_PROVIDERS: Provider[] = [
  ...DIALER_SERVICES,
  AgentLegEndings,
  CallCostsService,
  CallEndingsService,
  CallPlacementService,
  DialerAgentsRepository,
  DialerAgents,
  LiveLegsDue,
  DialerLeases,
  DialerPoolRepository,
  LateConnections,
  PacerSnapshotsRepository,
  PreviewExpiryService,
  PreviewOffers,
];
