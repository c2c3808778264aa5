import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import ipaddr from 'ipaddr.js';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, CallMix } from './app-config';
import { EnvSchema } from './env.schema';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(errors: ValidationError[]): string {
  return errors
    .map((e) => {
      if (e.value === undefined || e.value === null) return `${e.property} is required`;
      // Constraints are listed bottom decorator first; the top one (the type check) explains best.
      const reason = Object.values(e.constraints ?? {}).reverse()[0] ?? 'is invalid';
      return `${e.property} ${reason.replace(new RegExp(`^${e.property} `), '')}`;
    })
    .join('; ');
}

function decodeKey(raw: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
}

/** EGRESS_ALLOWED: host names, IPs and CIDRs; a malformed CIDR is refused here, not when a tenant connects. */
export function parseEgressAllowed(text: string): string[] {
  const entries = text
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const bad = entries.find((e) => e.includes('/') && !ipaddr.isValidCIDR(e));
  if (bad) throw new ConfigError(`Invalid configuration: EGRESS_ALLOWED: "${bad}" is not a CIDR`);
  return entries;
}

/** proxy-addr's names for address ranges, which Fastify takes as trusted proxies too. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads TRUST_PROXY into what Fastify trusts: which X-Forwarded-For hops are our proxies, so that the client's IP is
 * the address the outermost of them saw. `true` is one proxy (the address it appended; what comes before it is the
 * client's own text), a number that many, else the proxies' IPs or CIDRs; never every hop, which would let any
 * client pick its IP (and a fresh per-IP rate limit) by sending X-Forwarded-For.
 */
export function parseTrustProxy(text: string): false | number | string[] {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find(
    (e) => !PROXY_RANGES.has(e) && !(e.includes('/') ? ipaddr.isValidCIDR(e) : ipaddr.isValid(e)),
  );
  if (bad)
    throw new ConfigError(
      `Invalid configuration: TRUST_PROXY: "${bad}" is not true, false, a number of proxies, an IP, a CIDR or loopback, linklocal, uniquelocal`,
    );
  return entries;
}

const CALL_OUTCOMES = ['human', 'machine', 'no_answer', 'busy', 'failed'] as const;

/**
 * Reads SIMULATOR_CALL_MIX (`human:25,machine:25,no_answer:40,busy:10`): outcomes left out weigh 0; at least one
 * weight must be positive.
 */
export function parseCallMix(text: string): CallMix {
  const mix: CallMix = { human: 0, machine: 0, no_answer: 0, busy: 0, failed: 0 };
  for (const part of text.split(',')) {
    const [name, weight, extra] = part.split(':').map((s) => s.trim());
    const value = weight ? Number(weight) : Number.NaN;
    const outcome = CALL_OUTCOMES.find((o) => o === name);
    if (!outcome || extra !== undefined || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(
        `SIMULATOR_CALL_MIX: "${part.trim()}" is not outcome:weight (${CALL_OUTCOMES.join(', ')})`,
      );
    }
    mix[outcome] = value;
  }
  if (!CALL_OUTCOMES.some((o) => mix[o] > 0)) {
    throw new ConfigError('SIMULATOR_CALL_MIX needs at least one positive weight');
  }
  return mix;
}

/**
 * Validates the environment into one typed AppConfig.
 * Throws ConfigError whose message is one line naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(EnvSchema, present);
  const errors = validateSync(parsed, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) throw new ConfigError(`Invalid configuration: ${describe(errors)}`);
  if (parsed.SIMULATOR_CALL_AMD_MIN_MS > parsed.SIMULATOR_CALL_AMD_MAX_MS) {
    throw new ConfigError(
      'Invalid configuration: SIMULATOR_CALL_AMD_MIN_MS must not exceed SIMULATOR_CALL_AMD_MAX_MS',
    );
  }
  if (!parsed.TWILIO_ACCOUNT_SID !== !parsed.TWILIO_AUTH_TOKEN) {
    throw new ConfigError('Invalid configuration: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together');
  }
  let callMix: CallMix;
  try {
    callMix = parseCallMix(parsed.SIMULATOR_CALL_MIX);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${(err as Error).message}`);
  }
  const queues = parsed.WORKER_QUEUES.trim();
  const origins = parsed.CORS_ORIGINS.trim();
  return Object.assign(new AppConfig(), {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.PORT,
    workerHealthPort: parsed.WORKER_HEALTH_PORT,
    database: { url: parsed.DATABASE_URL, poolSize: parsed.DATABASE_POOL_SIZE },
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    jwt: {
      secret: parsed.JWT_SECRET,
      accessTtlSeconds: parsed.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: parsed.JWT_REFRESH_TTL_SECONDS,
    },
    encryptionKey: decodeKey(parsed.ENCRYPTION_KEY),
    publicBaseUrl: parsed.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    corsOrigins:
      origins === '*'
        ? true
        : origins
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    egressAllowed: parseEgressAllowed(parsed.EGRESS_ALLOWED),
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    socketRecheckMs: parsed.SOCKET_RECHECK_MS,
    agentPresenceGraceMs: parsed.AGENT_PRESENCE_GRACE_MS,
    liveRoomTtlMs: parsed.LIVE_ROOM_TTL_MS,
    socketMaxPerUser: parsed.SOCKET_MAX_PER_USER,
    inboundEmailMaxBytes: parsed.INBOUND_EMAIL_MAX_BYTES,
    mediaMaxBytes: parsed.MEDIA_MAX_BYTES,
    imports: {
      maxBytes: parsed.IMPORT_MAX_BYTES,
      inlineMaxBytes: parsed.IMPORT_INLINE_MAX_BYTES,
      batchRows: parsed.IMPORT_BATCH_ROWS,
      batchBytes: parsed.IMPORT_BATCH_BYTES,
      leaseSeconds: parsed.IMPORT_LEASE_SECONDS,
      sweepEveryMs: parsed.IMPORT_SWEEP_EVERY_MS,
      threads: parsed.IMPORT_THREADS,
      threadMinBytes: parsed.IMPORT_THREAD_MIN_BYTES,
      splitMinRows: parsed.IMPORT_SPLIT_MIN_ROWS,
      uploadsAtOnce: parsed.IMPORT_UPLOADS_AT_ONCE,
      uploadIdleMs: parsed.IMPORT_UPLOAD_IDLE_MS,
    },
    rateLimits: {
      auth: { points: parsed.RATE_LIMIT_AUTH_POINTS, windowSeconds: parsed.RATE_LIMIT_AUTH_WINDOW_SECONDS },
      messages: {
        points: parsed.RATE_LIMIT_MESSAGES_POINTS,
        windowSeconds: parsed.RATE_LIMIT_MESSAGES_WINDOW_SECONDS,
      },
      api: { points: parsed.RATE_LIMIT_API_POINTS, windowSeconds: parsed.RATE_LIMIT_API_WINDOW_SECONDS },
    },
    loginThrottle: {
      attempts: parsed.LOGIN_THROTTLE_ATTEMPTS,
      windowSeconds: parsed.LOGIN_THROTTLE_WINDOW_SECONDS,
    },
    simulator: {
      seed: parsed.SIMULATOR_SEED,
      delayMs: parsed.SIMULATOR_DELAY_MS,
      failureRate: parsed.SIMULATOR_FAILURE_RATE,
      replyRate: parsed.SIMULATOR_REPLY_RATE,
      rateLimitPerSecond: parsed.SIMULATOR_RATE_LIMIT_PER_SECOND,
    },
    telephonySimulator: {
      timeScale: parsed.SIMULATOR_CALL_TIME_SCALE,
      mix: callMix,
      humanRingMeanMs: parsed.SIMULATOR_CALL_HUMAN_RING_MS,
      machineRingMs: parsed.SIMULATOR_CALL_MACHINE_RING_MS,
      noAnswerRingMs: parsed.SIMULATOR_CALL_NO_ANSWER_RING_MS,
      busyAfterMs: parsed.SIMULATOR_CALL_BUSY_AFTER_MS,
      amdMinMs: parsed.SIMULATOR_CALL_AMD_MIN_MS,
      amdMaxMs: parsed.SIMULATOR_CALL_AMD_MAX_MS,
      talkMeanMs: parsed.SIMULATOR_CALL_TALK_MEAN_MS,
      talkSdMs: parsed.SIMULATOR_CALL_TALK_SD_MS,
      humanPatienceMs: parsed.SIMULATOR_CALL_PATIENCE_MS,
      agentAnswerMs: parsed.SIMULATOR_CALL_AGENT_ANSWER_MS,
    },
    twilio:
      parsed.TWILIO_ACCOUNT_SID && parsed.TWILIO_AUTH_TOKEN
        ? {
            accountSid: parsed.TWILIO_ACCOUNT_SID,
            authToken: parsed.TWILIO_AUTH_TOKEN,
            from: parsed.TWILIO_FROM ?? null,
            whatsappFrom: parsed.TWILIO_WHATSAPP_FROM ?? null,
            baseUrl: parsed.TWILIO_BASE_URL ?? null,
          }
        : null,
    llm: {
      openai: parsed.OPENAI_API_KEY
        ? {
            apiKey: parsed.OPENAI_API_KEY,
            baseUrl: parsed.OPENAI_BASE_URL,
            model: parsed.OPENAI_MODEL,
            apiStyle: parsed.OPENAI_API_STYLE,
          }
        : null,
      defaultBaseUrl: parsed.OPENAI_BASE_URL,
      defaultModel: parsed.OPENAI_MODEL,
      timeoutMs: parsed.LLM_TIMEOUT_MS,
      maxRetries: parsed.LLM_MAX_RETRIES,
    },
    sendRates: {
      sms: parsed.SEND_RATE_SMS_PER_SECOND,
      whatsapp: parsed.SEND_RATE_WHATSAPP_PER_SECOND,
      telegram: parsed.SEND_RATE_TELEGRAM_PER_SECOND,
      email: parsed.SEND_RATE_EMAIL_PER_SECOND,
    },
    messageSweep: {
      everyMs: parsed.MESSAGES_SWEEP_EVERY_MS,
      ageMs: parsed.MESSAGES_SWEEP_AGE_MS,
      leaseMs: parsed.MESSAGES_SEND_LEASE_MS,
    },
    statusSweep: { everyMs: parsed.STATUS_SWEEP_EVERY_MS, ageMs: parsed.STATUS_SWEEP_AGE_MS },
    workflowSweep: { everyMs: parsed.WORKFLOW_SWEEP_EVERY_MS, ageMs: parsed.WORKFLOW_SWEEP_AGE_MS },
    statisticsSweep: { everyMs: parsed.STATISTICS_SWEEP_EVERY_MS },
    webhookEventsRetentionDays: parsed.WEBHOOK_EVENTS_RETENTION_DAYS,
    campaigns: {
      tickMs: parsed.CAMPAIGN_TICK_MS,
      staleQueuedMs: parsed.CAMPAIGN_STALE_QUEUED_MS,
      maxUnsent: parsed.CAMPAIGN_MAX_UNSENT,
    },
    webhooks: {
      attempts: parsed.WEBHOOK_ATTEMPTS,
      retryBaseMs: parsed.WEBHOOK_RETRY_BASE_MS,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      disableAfter: parsed.WEBHOOK_DISABLE_AFTER,
      retentionDays: parsed.WEBHOOK_DELIVERIES_RETENTION_DAYS,
      pruneEveryMs: parsed.WEBHOOK_PRUNE_EVERY_MS,
    },
    worker: {
      queues:
        queues === 'all'
          ? 'all'
          : queues
              .split(',')
              .map((q) => q.trim())
              .filter(Boolean),
      concurrency: parsed.WORKER_CONCURRENCY,
      sendConcurrency: parsed.WORKER_SEND_CONCURRENCY,
      jobLockMs: parsed.WORKER_JOB_LOCK_MS,
      repeatCheckMs: parsed.WORKER_REPEAT_CHECK_MS,
      failedRetention: { days: parsed.QUEUE_FAILED_RETENTION_DAYS, max: parsed.QUEUE_FAILED_MAX },
    },
  });
}

/** Loads the config for a process entry point: a bad variable prints one line and exits. */
export function loadConfigOrExit(envFile = '.env'): AppConfig {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
