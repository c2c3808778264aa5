import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';

type Listener = (webhookKey: string) => void;

/**
 * Tells every process that a channel config changed (by its webhook key), through Redis pub/sub, so a process that
 * remembers a verified channel (the webhook routes) forgets it at once instead of trusting its old secret until the
 * memo expires. Best-effort: a process that misses the message (Redis briefly away) keeps the old channel only
 * until its memo's own expiry.
 */
@Injectable()
export class ChannelConfigChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ChannelConfigChanges.name);
  private readonly listeners: Listener[] = [];
  private readonly topic: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.topic = config.redisKey('channel-config-changed');
  }

  /** Called by the memos at construction; the subscription opens at init in a process that has any. */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    if (!this.listeners.length) return;
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    subscriber.on('message', (topic: string, webhookKey: string) => {
      if (topic === this.topic) for (const listener of this.listeners) listener(webhookKey);
    });
    subscriber.on('error', (err: unknown) => this.logger.warn({ err }, 'Channel config subscription error'));
    this.subscriber = subscriber;
    await subscriber.subscribe(this.topic);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** After the change committed: every process forgets what it remembered of this key. */
  async announce(webhookKey: string): Promise<void> {
    // Applied here first, so this process never depends on Redis for its own change.
    for (const listener of this.listeners) listener(webhookKey);
    await this.redis.publish(this.topic, webhookKey).catch((err: unknown) => {
      this.logger.warn(
        { err },
        'Channel config change not announced; other processes expire it on their own',
      );
    });
  }
}
