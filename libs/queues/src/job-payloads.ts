import { QueueName } from './queue-names';

/** Every job carries its tenant and ids only; processors re-read state when they run. */
export interface TenantJob {
  tenant_id: string;
}

/** A platform job (a sweep across tenants): no tenant, nothing but its name; see PLATFORM_JOBS. */
export interface PlatformJob {
  tenant_id?: never;
}

/** One enrollment's turn in a `campaigns.step` batch. */
export interface StepTurnRef {
  enrollment_id: string;
  step: number;
  attempt: number;
}

/** Job name -> payload type. A job's name is unique across queues. */
export interface JobPayloads {
  /** An end-to-end check of the pipeline: API -> queue -> worker -> live event to the tenant's room. */
  'system.ping': TenantJob & { requested_by: string | null; requested_at: string };
  /** Runs or resumes a CSV import from its stored upload: of leads, or (`kind: 'dnc'`) of do-not-contact entries. */
  'imports.run': TenantJob & { import_id: string; kind?: 'leads' | 'dnc' };
  /**
   * Platform-wide, repeating: gives `imports.run` again to imports left queued or running a lease past their lease
   * with no job waiting, delayed or running (their job lost with Redis).
   */
  'imports.sweep': PlatformJob;
  /**
   * One pending callback of the messaging simulator (DESIGN §2): the `step`-th event of the send `provider_message_id`
   * (a status callback or the lead's reply), re-derived from the seed and the recorded send when it runs.
   */
  'simulator.deliver': TenantJob & {
    channel: 'sms' | 'whatsapp' | 'telegram' | 'email';
    provider_message_id: string;
    step: number;
  };
  /** Sends one outbound message at most once (DESIGN §7.6). */
  'messages.send': TenantJob & { message_id: string };
  /**
   * Platform-wide, repeating (added once by the worker at start): re-enqueues `messages.send` for messages left
   * `queued` past MESSAGES_SWEEP_AGE_MS with no job pending (an enqueue that failed after the row committed).
   */
  'messages.sweep': PlatformJob;
  /** Applies one recorded inbound message from webhook_events. */
  'inbound.process': TenantJob & { event_id: string };
  /**
   * Applies the tenant's pending status callbacks from webhook_events in batches, until none is left (added by
   * the intake when it records one and no drain of the tenant is waiting to start). `due`: the end of the tenant's
   * pace this drain was added for (a successor, StatusDrainSignal), whose turn it takes.
   */
  'inbound.statuses': TenantJob & { due?: number };
  /**
   * Platform-wide, repeating: starts a drain for every tenant whose status callbacks have waited too long, and the
   * job again of every other event left unapplied (its job lost, or failed for good).
   */
  'inbound.sweep': PlatformJob;
  /**
   * Takes the campaign's due enrollments now (launch, resume, send, leads added to a running campaign) instead of
   * at the scheduler's next tick: marks them `queued` and adds their `campaigns.step` jobs in bulk.
   */
  /** `launch_queued_at`: the launch enrolled leads `queued` with this `updated_at`; the fan-out queues their jobs. */
  'campaigns.fanout': TenantJob & { campaign_id: string; launch_queued_at?: string };
  /** Platform-wide, repeating: takes due enrollments of every active campaign (the scheduler's clock). */
  'campaigns.tick': PlatformJob;
  /**
   * The sends made room in the campaign and none of its step jobs is parked (CampaignBackPressure): its due
   * enrollments are taken now, up to the room, instead of at the scheduler's next tick (one queued or running per
   * campaign, which takes the room again for the sends that asked while it ran).
   */
  'campaigns.refill': TenantJob & { campaign_id: string };
  /**
   * The campaign was cancelled: its parked step jobs are removed and its back-pressure keys deleted
   * (CampaignBackPressure), instead of each copy waking later to find its turns stopped.
   */
  'campaigns.forget': TenantJob & { campaign_id: string };
  /**
   * Runs a batch of one campaign's enrollments (a few at once), each at step `step` (0-based position) and
   * attempt `attempt` (1-based): at most once per triple, so a batch that runs again skips what it already did.
   * `campaign_id`: the campaign of every turn, whose bound on unsent messages the job waits for (CampaignBackPressure);
   * `queued_at`: when its enrollments were last stamped `queued` for it (the stale sweep's clock).
   */
  'campaigns.step': TenantJob & { turns: StepTurnRef[]; campaign_id?: string; queued_at?: string };
  /**
   * One pending event of a simulated call (DESIGN §2): the `step`-th event of the call `call_sid`'s plan (a status
   * callback, the answer URL's fetch, the AMD result, the lead hanging up...), re-derived from the ledger when it runs.
   */
  'simulator.call': TenantJob & { call_sid: string; step: number };
  /** Applies one recorded voice webhook event (a call status, AMD result, conference or recording event). */
  'calls.event': TenantJob & { event_id: string };
  /**
   * Paces one campaign's CALL step for a moment: holds the campaign's Redis lease, places the calls the dialing
   * mode asks for now, and queues itself again while the campaign has leads to call.
   */
  'dialer.pace': TenantJob & { campaign_id: string };
  /** Platform-wide, repeating: queues `dialer.pace` for every active campaign with leads waiting at a CALL step. */
  'dialer.tick': PlatformJob;
  /** An answered lead still without an agent 2 s later: bridged if one is free now, else played the safe harbour. */
  'dialer.connect-deadline': TenantJob & { call_id: string };
  /**
   * Asks the provider what an ended call cost and stores it as the call's `cost`: queued at the end with a delay
   * (Twilio prices a call some time after it completed); `check` is the 0-based round, each later one waited longer.
   */
  'calls.fetch-cost': TenantJob & { call_id: string; check: number };
  /** An answered call placed with AMD whose result never came (its callback lost): handled as AMD's `unknown`. */
  'dialer.amd-deadline': TenantJob & { call_id: string };
  /** An agent's status changed: their live leg is placed or ended, and the pacers of their campaigns woken. */
  'agents.status-changed': TenantJob & { agent_id: string; status: string };
  /**
   * An agent's after-call work ends: back to available unless they changed status since. `call_id` names the call it
   * followed; the dialer tick's sweep of overdue wrap-ups has none.
   */
  'agents.wrap-up-end': TenantJob & { agent_id: string; call_id?: string };
  /**
   * The agent's last own socket closed AGENT_PRESENCE_GRACE_MS ago: without one open again, an available agent (or
   * one on a break) goes offline; a busy one is checked again after the next grace.
   */
  'agents.presence-check': TenantJob & { agent_id: string };
  /**
   * Classifies one inbound message (issue 7) with the tenant's LLM, stores the result, scores the lead and applies
   * what the class means (opt-out, out-of-office pause, meeting request); `reclassify` from `POST leads/:id/reclassify`.
   */
  'classification.classify': TenantJob & { message_id: string; reclassify?: boolean };
  /** Writes and sends the AI's answer to one inbound message of a conversation in `ai_mode: auto`. */
  'ai.auto-reply': TenantJob & { message_id: string };
  /**
   * An erased lead's call recordings, deleted at the telephony provider again (a deletion already done is a no-op):
   * queued in the erasure's transaction, so it happens whatever becomes of the process that erased; nothing is
   * deleted when the erasure rolled back (the lead is still there).
   */
  'leads.erase-recordings': TenantJob & { lead_id: string; recording_sids: string[] };
  /**
   * An event of the tenant's happened (seed 004's webhook events): the tenant's enabled endpoints subscribed to it
   * get a delivery each, its body built now from `subject_id` (the lead, message or AI interaction) as it stands,
   * then a `webhooks.deliver` each. `event_id` is the id receivers dedupe on.
   */
  'webhooks.dispatch': TenantJob & {
    event: string;
    event_id: string;
    subject_id: string;
    occurred_at: string;
  };
  /** POSTs one delivery to its endpoint, signed; a failure is retried with backoff, each attempt recorded. */
  'webhooks.deliver': TenantJob & { delivery_id: string };
  /**
   * An event of the tenant happened that active workflows start from (`lead.created`, `lead.updated`,
   * `message.received`): one run per active workflow of that trigger, for the lead `subject_id` is (or is about),
   * once per `event_id`. `chain`: the workflows whose runs' changes raised the event (a run's update_lead), none of
   * which it starts.
   */
  'workflows.trigger': TenantJob & { event: string; event_id: string; subject_id: string; chain?: string[] };
  /**
   * Runs (or resumes, after a wait) one node of a workflow run: the node acts at most once per (run, node), then the
   * run moves on to the next node's job.
   */
  'workflows.step': TenantJob & { run_id: string; node_id: string };
  /**
   * Platform-wide, repeating: fails runs left `running` that have not moved for WORKFLOW_SWEEP_AGE_MS and have no
   * job waiting, delayed or running for their step (lost from Redis, or failed with no worker left to record it).
   */
  'workflows.sweep': PlatformJob;
  /**
   * Posts one event to one of the tenant's integrations (Slack, Zapier), its text built when it runs from
   * `subject_id` (an inbound message, or a notification for a qualified lead or a finished import): nothing is sent
   * for a subject gone (its lead erased), nor to an integration disconnected since. Retried with backoff.
   */
  'integrations.deliver': TenantJob & {
    integration_id: string;
    data_type: string;
    source: 'message' | 'notification';
    subject_id: string;
    occurred_at: string;
  };
  /** Deletes finished deliveries past WEBHOOK_DELIVERIES_RETENTION_DAYS (repeating, platform-wide). */
  'webhooks.prune': PlatformJob;
  /** Analyzes the tables autovacuum leaves that changed enough since their last ANALYZE (repeating, platform-wide). */
  'statistics.sweep': PlatformJob;
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on; the worker refuses to start when a consumed queue has a job without a handler. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'system.ping': QueueName.System,
  'imports.run': QueueName.Imports,
  'imports.sweep': QueueName.Imports,
  'simulator.deliver': QueueName.Simulator,
  'messages.send': QueueName.OutboundMessages,
  'messages.sweep': QueueName.OutboundMessages,
  'inbound.process': QueueName.InboundEvents,
  'inbound.statuses': QueueName.InboundEvents,
  'inbound.sweep': QueueName.InboundEvents,
  'campaigns.fanout': QueueName.CampaignSteps,
  'campaigns.tick': QueueName.CampaignSteps,
  'campaigns.refill': QueueName.CampaignSteps,
  'campaigns.forget': QueueName.CampaignSteps,
  'campaigns.step': QueueName.CampaignSteps,
  'simulator.call': QueueName.Simulator,
  'calls.event': QueueName.Dialer,
  'calls.fetch-cost': QueueName.Dialer,
  'dialer.pace': QueueName.Dialer,
  'dialer.tick': QueueName.Dialer,
  'dialer.connect-deadline': QueueName.Dialer,
  'dialer.amd-deadline': QueueName.Dialer,
  'agents.status-changed': QueueName.Dialer,
  'agents.wrap-up-end': QueueName.Dialer,
  'agents.presence-check': QueueName.Dialer,
  'classification.classify': QueueName.Classification,
  'ai.auto-reply': QueueName.Classification,
  'leads.erase-recordings': QueueName.System,
  'webhooks.dispatch': QueueName.WebhookDeliveries,
  'webhooks.deliver': QueueName.WebhookDeliveries,
  'workflows.trigger': QueueName.Workflows,
  'workflows.step': QueueName.Workflows,
  'workflows.sweep': QueueName.Workflows,
  'integrations.deliver': QueueName.WebhookDeliveries,
  'webhooks.prune': QueueName.WebhookDeliveries,
  'statistics.sweep': QueueName.System,
};

/** Jobs that run for the whole platform, outside any tenant: only JobProducer.repeat adds them. */
export const PLATFORM_JOBS: readonly JobName[] = [
  'messages.sweep',
  'campaigns.tick',
  'dialer.tick',
  'inbound.sweep',
  'imports.sweep',
  'webhooks.prune',
  'workflows.sweep',
  'statistics.sweep',
];

export type JobCatalog = Readonly<Record<string, QueueName>>;

export function jobsOf(catalog: JobCatalog, queue: QueueName): string[] {
  return Object.entries(catalog)
    .filter(([, q]) => q === queue)
    .map(([name]) => name);
}
