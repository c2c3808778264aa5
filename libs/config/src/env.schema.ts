import { Transform } from 'class-transformer';
import { availableParallelism } from 'node:os';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  IsUrl,
} from 'class-validator';
// The file, not @app/common: @app/common imports @app/config, so its index would load back into this one.
import { E164 } from '../../common/src/phone/e164';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+(\.\d+)?$/.test(String(value))
      ? Number(value)
      : value;

const PG_URL = /^postgres(ql)?:\/\/.+/;
const REDIS_URL = /^rediss?:\/\/.+/;
const CALL_OUTCOME = '\\s*(human|machine|no_answer|busy|failed)\\s*:\\s*\\d+(\\.\\d+)?\\s*';
const CALL_MIX = new RegExp(`^${CALL_OUTCOME}(,${CALL_OUTCOME})*$`);

/** The environment variables Reachline reads, with their defaults. Nothing else reads process.env. */
export class EnvSchema {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV = 'development';
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) WORKER_HEALTH_PORT = 3001;

  @IsString()
  @Matches(PG_URL, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/reachline';
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;

  @IsString() @Matches(REDIS_URL, { message: 'must be a redis:// URL' }) REDIS_URL = 'redis://127.0.0.1:6379';
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'must be 1-64 of A-Z a-z 0-9 : _ -' })
  REDIS_KEY_PREFIX = 'rl';

  @IsString({ message: 'is required' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET!: string;
  @Transform(toInt) @IsInt() @Min(60) JWT_ACCESS_TTL_SECONDS = 3600;
  @Transform(toInt) @IsInt() @Min(300) JWT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;

  @IsString({ message: 'is required' })
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'must be 32 bytes as 64 hex characters or base64',
  })
  ENCRYPTION_KEY!: string;

  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_BASE_URL = 'http://localhost:3000';
  @IsString() CORS_ORIGINS = 'http://localhost:5173';
  /**
   * Private addresses a tenant's own endpoint may reach (an LLM or channel `base_url`, an SMTP host): host names,
   * IPs or CIDRs, comma-separated, e.g. `ollama,10.0.5.0/24`. Public addresses are always reachable.
   */
  @IsString()
  @Matches(/^[\w.:/\-[\], ]*$/, { message: 'must be host names, IPs or CIDRs, comma-separated' })
  EGRESS_ALLOWED = '';
  /**
   * Which X-Forwarded-For hops to trust for the client's IP (per-IP rate limits): `false`, `true` (one proxy), a
   * number of proxies, or the proxies' IPs or CIDRs, comma-separated.
   */
  @IsString()
  @Matches(/^[\w.:/, ]*$/, { message: 'must be true, false, a number of proxies, or their IPs or CIDRs' })
  TRUST_PROXY = 'false';
  @Transform(toInt) @IsInt() @Min(1024) BODY_LIMIT_BYTES = 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) SOCKET_RECHECK_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) AGENT_PRESENCE_GRACE_MS = 20_000;
  /** How long an API process's socket.io rooms count as listened to in Redis without its renewal (a third of it). */
  @Transform(toInt) @IsInt() @Min(300) @Max(3_600_000) LIVE_ROOM_TTL_MS = 30_000;
  /** Open socket.io connections one user (or API key) may hold across every API process; one more is refused. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SOCKET_MAX_PER_USER = 20;
  @Transform(toInt) @IsInt() @Min(1024) INBOUND_EMAIL_MAX_BYTES = 10 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(1024) MEDIA_MAX_BYTES = 25 * 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1024) IMPORT_MAX_BYTES = 512 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(0) IMPORT_INLINE_MAX_BYTES = 512 * 1024;
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) IMPORT_BATCH_ROWS = 20_000;
  /** Import batches' weight (import-batches.ts): above 16 MiB a batch of wide rows can exhaust a staging thread. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(16 * 1024 * 1024) IMPORT_BATCH_BYTES = 16 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(5) IMPORT_LEASE_SECONDS = 60;
  /**
   * How often the worker gives their job again to imports left queued or running a lease past their lease (their
   * job lost with Redis); 0: this worker adds no sweep.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) IMPORT_SWEEP_EVERY_MS = 60_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(16) IMPORT_THREADS = Math.max(1, availableParallelism() - 1);
  @Transform(toInt) @IsInt() @Min(0) IMPORT_THREAD_MIN_BYTES = 4 * 1024 * 1024;
  /** Rows in a batch from which a second connection works half of them (import-batch.ts BatchSplit); 0: never. */
  @Transform(toInt) @IsInt() @Min(0) IMPORT_SPLIT_MIN_ROWS = 2000;
  @Transform(toInt) @IsInt() @Min(1) IMPORT_UPLOADS_AT_ONCE = 4;
  @Transform(toInt) @IsInt() @Min(100) IMPORT_UPLOAD_IDLE_MS = 60_000;

  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_AUTH_POINTS = 5;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_AUTH_WINDOW_SECONDS = 60;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_MESSAGES_POINTS = 100;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_MESSAGES_WINDOW_SECONDS = 3600;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_API_POINTS = 100;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_API_WINDOW_SECONDS = 60;
  /**
   * Logins of one identity (an email, or a username in its tenant) without a success, from any IP, before further
   * logins of it are refused until the window (from the first of them) ends.
   */
  @Transform(toInt) @IsInt() @Min(1) LOGIN_THROTTLE_ATTEMPTS = 10;
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  @IsString()
  @Matches(/^\S{1,128}$/, { message: 'must be 1-128 characters without spaces' })
  SIMULATOR_SEED = 'reachline';
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) SIMULATOR_DELAY_MS = 2000;
  @Transform(toNumber) @IsNumber() @Min(0) @Max(1) SIMULATOR_FAILURE_RATE = 0.03;
  @Transform(toNumber) @IsNumber() @Min(0) @Max(1) SIMULATOR_REPLY_RATE = 0.2;
  /** The simulated provider's sends per second per sender (0: no limit); over it a send is answered 429 / 20429. */
  @Transform(toInt) @IsInt() @Min(0) @Max(100_000) SIMULATOR_RATE_LIMIT_PER_SECOND = 0;

  /** The telephony simulator: every simulated duration is multiplied by this (1 real time; tests 0.02). */
  @Transform(toNumber) @IsNumber() @Min(0.0001) @Max(100) SIMULATOR_CALL_TIME_SCALE = 1;
  /** Weights of simulated call outcomes: `outcome:weight` for human, machine, no_answer, busy, failed. */
  @IsString()
  @Matches(CALL_MIX, { message: 'must be outcome:weight pairs (human, machine, no_answer, busy, failed)' })
  SIMULATOR_CALL_MIX = 'human:25,machine:25,no_answer:40,busy:10';
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) SIMULATOR_CALL_HUMAN_RING_MS = 8000;
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) SIMULATOR_CALL_MACHINE_RING_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) SIMULATOR_CALL_NO_ANSWER_RING_MS = 25_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) SIMULATOR_CALL_BUSY_AFTER_MS = 5000;
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000) SIMULATOR_CALL_AMD_MIN_MS = 2000;
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000) SIMULATOR_CALL_AMD_MAX_MS = 3000;
  @Transform(toInt) @IsInt() @Min(0) @Max(14_400_000) SIMULATOR_CALL_TALK_MEAN_MS = 180_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(14_400_000) SIMULATOR_CALL_TALK_SD_MS = 120_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) SIMULATOR_CALL_PATIENCE_MS = 20_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) SIMULATOR_CALL_AGENT_ANSWER_MS = 2000;

  /**
   * Platform-wide Twilio (DESIGN §2): with both set, a tenant's SMS, WhatsApp and voice channels that it has not
   * configured itself run on this account (its numbers TWILIO_FROM and TWILIO_WHATSAPP_FROM) instead of the
   * simulator. TWILIO_BASE_URL points the SDK elsewhere (a proxy, a test server).
   */
  @IsOptional()
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'must be an account SID (AC…)' })
  TWILIO_ACCOUNT_SID?: string;
  @IsOptional() @IsString() TWILIO_AUTH_TOKEN?: string;
  @IsOptional() @Matches(E164, { message: 'must be an E.164 number' }) TWILIO_FROM?: string;
  @IsOptional()
  @Matches(E164, { message: 'must be an E.164 number' })
  TWILIO_WHATSAPP_FROM?: string;
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  TWILIO_BASE_URL?: string;

  /**
   * The platform's LLM (issue 7): with OPENAI_API_KEY set, tenants without their own LLM config use OpenAI (or the
   * OpenAI-compatible server at OPENAI_BASE_URL: vLLM, Ollama, LM Studio); without it, the built-in local provider.
   */
  @IsOptional() @IsString() OPENAI_API_KEY?: string;
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  OPENAI_BASE_URL = 'https://api.openai.com/v1';
  @IsString() @Matches(/^\S{1,100}$/, { message: 'must be a model name' }) OPENAI_MODEL = 'gpt-4o-mini';
  /** Which OpenAI API the adapter speaks: Chat Completions (every compatible server) or Responses. */
  @IsIn(['chat', 'responses']) OPENAI_API_STYLE: 'chat' | 'responses' = 'chat';
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) LLM_TIMEOUT_MS = 30_000;
  /** Retries of a call answered 429 or 5xx (or timed out), with exponential backoff. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10) LLM_MAX_RETRIES = 2;

  /** Outbound sends per second per sender (a number, bot or account), shared by every worker process. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SEND_RATE_SMS_PER_SECOND = 1;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SEND_RATE_WHATSAPP_PER_SECOND = 80;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SEND_RATE_TELEGRAM_PER_SECOND = 30;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SEND_RATE_EMAIL_PER_SECOND = 10;

  /**
   * How often the worker looks for messages left `queued` (an enqueue lost after commit), and how old they are;
   * 0: this worker adds no sweep.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) MESSAGES_SWEEP_EVERY_MS = 60_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(7 * 86_400_000) MESSAGES_SWEEP_AGE_MS = 900_000;
  /**
   * How often the worker fails workflow runs left `running` with no job for their step (lost from Redis, or failed
   * with no worker left to record it), once they have not moved for WORKFLOW_SWEEP_AGE_MS; 0: this worker adds no
   * sweep.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) WORKFLOW_SWEEP_EVERY_MS = 60_000;
  @Transform(toInt) @IsInt() @Min(60_000) @Max(7 * 86_400_000) WORKFLOW_SWEEP_AGE_MS = 600_000;
  /**
   * How often the worker analyzes the tables set to be analyzed after a count of changed rows (the tables a tenant's
   * traffic grows) that reached it, where autovacuum will not: off on the server or on the table. 0: this worker adds
   * no sweep.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) STATISTICS_SWEEP_EVERY_MS = 60_000;
  /**
   * How often the worker starts a drain for tenants whose status callbacks have waited longer than
   * STATUS_SWEEP_AGE_MS (a drain lost with its Redis job); 0: this worker adds no sweep.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) STATUS_SWEEP_EVERY_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) STATUS_SWEEP_AGE_MS = 5_000;
  /** Applied provider events are kept this long (deduplication of retries: Meta retries for up to 7 days). */
  @Transform(toInt) @IsInt() @Min(8) @Max(3650) WEBHOOK_EVENTS_RETENTION_DAYS = 30;
  /** A send's lease: a provider call never outlives it, and a dead worker's send is looked at again after it. */
  @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000) MESSAGES_SEND_LEASE_MS = 120_000;

  /**
   * How often the campaign scheduler takes due enrollments (0: this worker adds no tick; launch, resume and cede
   * still fan out at once); how long one may stay `queued` before it is re-run.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) CAMPAIGN_TICK_MS = 1000;
  @Transform(toInt) @IsInt() @Min(1000) @Max(86_400_000) CAMPAIGN_STALE_QUEUED_MS = 600_000;
  /**
   * Messages a campaign's steps may have made that the sender has not yet tried (0: no bound): past it, step jobs
   * wait for the sends to catch up instead of making messages far ahead of them.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) CAMPAIGN_MAX_UNSENT = 500;

  @IsString() WORKER_QUEUES = 'all';
  @Transform(toInt) @IsInt() @Min(1) @Max(100) WORKER_CONCURRENCY = 5;
  /**
   * Sends (`outbound-messages`) and simulator callbacks at once per worker process: a send mostly waits, for its
   * pacing slot and for the provider's answer (hundreds of ms for Twilio), so 80 WhatsApp messages a second need
   * dozens in flight; a simulated callback waits for our webhook's answer.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(500) WORKER_SEND_CONCURRENCY = 50;
  /** How long a running job's lock lasts (renewed while it runs): a dead worker's jobs run again after it. */
  @Transform(toInt) @IsInt() @Min(1000) @Max(600_000) WORKER_JOB_LOCK_MS = 30_000;
  /**
   * A job that failed for good stays in its queue's failed set for admins to see and retry, this many days and at
   * most this many per queue (the oldest go first), so Redis does not fill up with years of failures.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650) QUEUE_FAILED_RETENTION_DAYS = 30;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000) QUEUE_FAILED_MAX = 10_000;
  /** How often a worker adds its repeating jobs again (lost with Redis's data, they would stop until a restart). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) WORKER_REPEAT_CHECK_MS = 300_000;

  /**
   * Outbound webhooks: attempts per event and endpoint, the first wait between two (each later one doubles:
   * 1 min, 3, 7, 15, 31 by default), how long a receiver has to answer, and after how many deliveries failed for
   * good in a row the endpoint is disabled (0: never).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(20) WEBHOOK_ATTEMPTS = 6;
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) WEBHOOK_RETRY_BASE_MS = 60_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(1000) WEBHOOK_DISABLE_AFTER = 20;
  /**
   * Outbound webhook deliveries delivered or failed are kept this long (their log, GET /api/webhooks/:id/deliveries),
   * then deleted by a sweep every WEBHOOK_PRUNE_EVERY_MS (0: this worker adds no sweep); pending ones are kept.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650) WEBHOOK_DELIVERIES_RETENTION_DAYS = 30;
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) WEBHOOK_PRUNE_EVERY_MS = 3_600_000;
}
