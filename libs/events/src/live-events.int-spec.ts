import { testConfig } from '@app/testing';
import Redis from 'ioredis';
import { LiveEvents } from './live-events';

/**
 * A live event is published without waiting for Redis's answer. One that Redis refuses (unreachable, or its
 * connection closed at shutdown) is logged and dropped: as an unhandled rejection it would end the process.
 */
describe('live events when Redis refuses (integration)', () => {
  it('a publish on a closed connection is dropped, not an unhandled rejection', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    await redis.connect();
    await redis.quit();
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const live = new LiveEvents(redis, testConfig());
      live.toTenant('00000000-0000-4000-8000-000000000001', 'call:ended', {
        call_id: 'c',
        lead_id: null,
        campaign_id: null,
        agent_id: null,
        disposition: 'answered',
        duration: 1,
        talk_time: 1,
        timestamp: new Date(0).toISOString(),
      });
      // Long enough for the refused publish to settle, and for an unhandled rejection to be reported.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
