export type RateLimitClass = 'auth' | 'messages' | 'api';

export interface RateLimitRule {
  points: number;
  windowSeconds: number;
}

/** The one typed configuration object. Built by loadConfig() and provided to every module. */
export class AppConfig {
  nodeEnv!: 'development' | 'production' | 'test';
  logLevel!: string;
  port!: number;
  workerHealthPort!: number;
  database!: { url: string; poolSize: number };
  redis!: { url: string; keyPrefix: string };
  jwt!: { secret: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  encryptionKey!: Buffer;
  publicBaseUrl!: string;
  corsOrigins!: string[] | true;
  /** Private hosts, IPs and CIDRs a tenant's own endpoints may reach (EGRESS_ALLOWED). */
  egressAllowed!: string[];
  /** The X-Forwarded-For hops that are our proxies (TRUST_PROXY): none, how many, or their addresses. */
  trustProxy!: false | number | string[];
  bodyLimitBytes!: number;
  /** How often an open socket's credentials are checked again (a revoked, expired or deactivated one is closed). */
  socketRecheckMs!: number;
  /**
   * How long an agent whose last own socket closed has to connect again before an available agent (or one on a
   * break) goes offline.
   */
  agentPresenceGraceMs!: number;
  /**
   * How long the rooms an API process's sockets are in count as listened to (RoomPresence in Redis) unless the
   * process renews them, which it does every third of it: a process that died stops counting that long after.
   */
  liveRoomTtlMs!: number;
  /**
   * Open sockets one principal (a user, or an API key) may hold across every API process: the next handshake is
   * refused RATE_LIMIT_EXCEEDED until one closes (or, its process dead, lapses after three `socketRecheckMs`).
   */
  socketMaxPerUser!: number;
  /** The largest inbound email a relay may post (whole messages, attachments included). */
  inboundEmailMaxBytes!: number;
  /** The largest file a message carries: one uploaded to send, or one of an inbound message (larger: left out). */
  mediaMaxBytes!: number;
  /** CSV imports: the largest upload, the largest answered at once (run in the API), rows per merge, lease. */
  imports!: {
    maxBytes: number;
    inlineMaxBytes: number;
    batchRows: number;
    /**
     * The most cell text a batch holds (each cell weighed with what holding it costs, import-batches.ts): a batch
     * closes at `batchRows` rows or at this weight, whichever comes first, so wide rows fit a staging thread's heap.
     */
    batchBytes: number;
    leaseSeconds: number;
    /** How often the worker sweeps imports whose job was lost (0: this worker adds no sweep). */
    sweepEveryMs: number;
    /** Worker threads that normalise rows of uploads of at least `threadMinBytes` (0 threads: the main one). */
    threads: number;
    threadMinBytes: number;
    /**
     * Rows in a batch from which a second connection works half of them, so two Postgres backends share the
     * look-ups and the inserts (import-batch.ts BatchSplit); 0: one connection always.
     */
    splitMinRows: number;
    /**
     * Uploads one API process receives at once: each holds a database connection (its transaction) until its last
     * byte; one more is refused (503) rather than starving the process's other requests of connections.
     */
    uploadsAtOnce: number;
    /** An upload that sends nothing for this long is dropped (400), its transaction rolled back. */
    uploadIdleMs: number;
  };
  rateLimits!: Record<RateLimitClass, RateLimitRule>;
  /**
   * Per-account login throttle (OWASP): logins of one identity (an email, or a username in its tenant) without a
   * success, from whatever IPs, counted in Redis; past `attempts` in `windowSeconds` (from the first, never
   * extended) its logins are refused 429 until the window ends. A success clears the count.
   */
  loginThrottle!: { attempts: number; windowSeconds: number };
  /**
   * The embedded messaging simulator (DESIGN §2): the seed its provider ids and choices derive from, the delay
   * before each status callback (and before a reply), the chances a send fails or the lead replies, and the
   * provider's sends per second per sender (0: none; over it a send is answered 429).
   */
  simulator!: {
    seed: string;
    delayMs: number;
    failureRate: number;
    replyRate: number;
    rateLimitPerSecond: number;
  };
  /**
   * The telephony simulator (DESIGN §2; its seed is `simulator.seed`): the scale of every simulated duration, the
   * mix of call outcomes, ring, AMD and talk times, a lone human's patience and how soon an agent's leg answers.
   * The shape of libs/providers' TelephonySimulatorSettings without the seed.
   */
  telephonySimulator!: {
    timeScale: number;
    mix: CallMix;
    humanRingMeanMs: number;
    machineRingMs: number;
    noAnswerRingMs: number;
    busyAfterMs: number;
    amdMinMs: number;
    amdMaxMs: number;
    talkMeanMs: number;
    talkSdMs: number;
    humanPatienceMs: number;
    agentAnswerMs: number;
  };
  /**
   * Outbound sends per second per sender on each channel (Twilio long-code SMS 1/s, WhatsApp 80/s, Telegram 30/s
   * per bot, email 10/s per SMTP account), counted in Redis across every worker process.
   */
  sendRates!: Record<'sms' | 'whatsapp' | 'telegram' | 'email', number>;
  /**
   * The sweep of messages left `queued` (their enqueue failed after the row committed): every `everyMs`, messages
   * queued longer than `ageMs` with no job pending get their `messages.send` again. `leaseMs`: a send's lease.
   */
  messageSweep!: { everyMs: number; ageMs: number; leaseMs: number };
  /**
   * The sweep of workflow runs stranded `running` (their step's job gone): every `everyMs` (0: off in this worker),
   * runs that have not moved for `ageMs` and have no job waiting, delayed or running for their step are failed.
   */
  workflowSweep!: { everyMs: number; ageMs: number };
  /** The sweep that analyzes tables autovacuum leaves (it is off): every `everyMs` (0: off in this worker). */
  statisticsSweep!: { everyMs: number };
  /**
   * The sweep of status callbacks left pending (their drain job lost): every `everyMs` (0: off in this worker),
   * tenants with callbacks waiting longer than `ageMs` get a drain.
   */
  statusSweep!: { everyMs: number; ageMs: number };
  /** Applied provider events older than this are deleted by the inbound sweep (their dedupe keys with them). */
  webhookEventsRetentionDays!: number;
  /**
   * The campaign scheduler: every `tickMs` it takes due enrollments of active campaigns; an enrollment `queued`
   * longer than `staleQueuedMs` (its step job lost) is taken again; a campaign has at most about `maxUnsent`
   * messages made by its steps and not yet tried by the sender (0: no bound).
   */
  campaigns!: { tickMs: number; staleQueuedMs: number; maxUnsent: number };
  /**
   * Outbound webhooks: attempts per delivery, the first backoff wait (doubling), a receiver's time to answer, and
   * how many deliveries failed for good in a row disable an endpoint (0: never); finished deliveries are kept
   * `retentionDays`, pruned every `pruneEveryMs` (0: never by this worker).
   */
  webhooks!: {
    attempts: number;
    retryBaseMs: number;
    timeoutMs: number;
    disableAfter: number;
    retentionDays: number;
    pruneEveryMs: number;
  };
  /**
   * Platform-wide Twilio: set when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are; a tenant's SMS, WhatsApp and voice
   * channels without a config of their own run on it instead of the simulator.
   */
  twilio!: {
    accountSid: string;
    authToken: string;
    from: string | null;
    whatsappFrom: string | null;
    baseUrl: string | null;
  } | null;
  /**
   * The platform's LLM: `openai` is set when OPENAI_API_KEY is (tenants without their own config use it), else
   * tenants without a config use the local provider. Timeouts and retries apply to every OpenAI call.
   */
  llm!: {
    openai: { apiKey: string; baseUrl: string; model: string; apiStyle: 'chat' | 'responses' } | null;
    defaultBaseUrl: string;
    defaultModel: string;
    timeoutMs: number;
    maxRetries: number;
  };
  worker!: {
    queues: string[] | 'all';
    concurrency: number;
    sendConcurrency: number;
    jobLockMs: number;
    repeatCheckMs: number;
    /** How long, and how many per queue, jobs that failed for good are kept. */
    failedRetention: { days: number; max: number };
  };

  /** A Redis key (or key prefix) namespaced for this deployment or test run. */
  redisKey(...parts: string[]): string {
    return [this.redis.keyPrefix, ...parts].join(':');
  }
}

/** Weights of the simulated call outcomes (SIMULATOR_CALL_MIX). */
export interface CallMix {
  human: number;
  machine: number;
  no_answer: number;
  busy: number;
  failed: number;
}
