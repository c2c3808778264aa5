import { AppConfig, loadConfig } from '@app/config';
import { randomBytes } from 'node:crypto';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const TEST_ENCRYPTION_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
/**
 * PUBLIC_BASE_URL of a test that gives none: a port nothing of ours listens on (not 3000, where a developer's
 * platform may run: the simulator's signed callbacks of a test without a proxy of its own went there), and not one
 * of fetch's blocked ports (a refused connection, as before, not a "bad port" error).
 */
export const TEST_PUBLIC_BASE_URL = 'http://127.0.0.1:2';

/**
 * The environment of a test process: the run's database, a Redis prefix of its own (so queues, rate limits and
 * socket.io channels never meet another test's), and limits raised so only tests of the limits hit them.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const runId = process.env.TEST_RUN_ID;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!runId || !databaseUrl)
    throw new Error('Run tests through jest: its global setup makes the test database');
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `rltest_${runId}_${randomBytes(4).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    CORS_ORIGINS: 'http://dashboard.test',
    // Tests point tenants' endpoints (LLM, channels, SMTP) at local servers; egress tests set their own.
    EGRESS_ALLOWED: '127.0.0.1,localhost,::1',
    RATE_LIMIT_AUTH_POINTS: '100000',
    RATE_LIMIT_MESSAGES_POINTS: '100000',
    RATE_LIMIT_API_POINTS: '100000',
    LOGIN_THROTTLE_ATTEMPTS: '100000',
    SOCKET_MAX_PER_USER: '10000',
    SEND_RATE_SMS_PER_SECOND: '10000',
    SEND_RATE_WHATSAPP_PER_SECOND: '10000',
    SEND_RATE_TELEGRAM_PER_SECOND: '10000',
    SEND_RATE_EMAIL_PER_SECOND: '10000',
    WORKER_CONCURRENCY: '2',
    // The scheduler's tick claims every active campaign's due enrollments in the database, which test files share:
    // only a file on a database of its own (isolatedDatabase) turns it on.
    CAMPAIGN_TICK_MS: '0',
    // The same for the sweep of pending status callbacks: it would start drains for other files' tenants.
    STATUS_SWEEP_EVERY_MS: '0',
    // And for the sweep of lost sends (queued or sending with no job): it would send or reconcile other files'
    // messages, which files that set the platform clock to past dates leave queued. A file on a database of its own
    // sets its own interval and age.
    MESSAGES_SWEEP_EVERY_MS: '0',
    MESSAGES_SWEEP_AGE_MS: String(7 * 86_400_000),
    // And for the sweep of stranded workflow runs: it would fail other files' runs whose jobs they left aside.
    WORKFLOW_SWEEP_EVERY_MS: '0',
    STATISTICS_SWEEP_EVERY_MS: '0',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(overrides));
}
