import { SecretBox } from '@app/common';
import type { AppConfig } from '@app/config';
import { randomBytes } from 'node:crypto';
import type { ChannelConfigChanges } from './channel-config-changes';
import type { ChannelConfigRow, ChannelConfigsRepository } from './channel-configs.repository';
import { ChannelConfigsService, RESOLVED_TTL_MS } from './channel-configs.service';

/**
 * Every send resolves its tenant's channel (the step that records it, the sender, each simulator callback): the
 * row is read once per RESOLVED_TTL_MS, however many sends ask at once, and a change announced (PUT
 * config/channels, in any process) is seen at once.
 */
describe('ChannelConfigsService.resolve', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const row = (version: number, from: string): ChannelConfigRow => ({
    id: 'c1',
    tenant_id: 't1',
    channel: 'sms',
    provider: 'simulator',
    credentials_sealed: box.encrypt(JSON.stringify({ signing_secret: 's' })),
    settings: { from },
    webhook_key: 'wk1',
    version,
    created_at: new Date(0),
    updated_at: new Date(0),
  });

  const setUp = () => {
    let announce: (webhookKey: string) => void = () => undefined;
    const changes = { onChange: (listener: (k: string) => void) => (announce = listener) };
    const find = jest.fn(async () => row(1, '+15005550001'));
    const simulator = { adapter: jest.fn((_t: string, _c: string, from?: string) => ({ from })) };
    const service = new ChannelConfigsService(
      { find } as unknown as ChannelConfigsRepository,
      simulator as never,
      {} as never,
      { encryptionKey: key, twilio: undefined, publicBaseUrl: 'http://x' } as unknown as AppConfig,
      {} as never,
      {} as never,
      changes as unknown as ChannelConfigChanges,
      {} as never,
      {} as never,
    );
    return { service, find, announce: (k: string) => announce(k) };
  };

  afterEach(() => jest.useRealTimers());

  it('reads the row once for the sends of a second, and again after it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const { service, find } = setUp();
    for (let i = 0; i < 5; i++) expect((await service.resolve('t1', 'sms')).sender).toBe('+15005550001');
    expect(find).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(RESOLVED_TTL_MS);
    find.mockResolvedValue(row(2, '+15005550002'));
    expect((await service.resolve('t1', 'sms')).sender).toBe('+15005550002');
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('shares one read among the sends that ask while it runs', async () => {
    const { service, find } = setUp();
    let release: (r: ChannelConfigRow) => void = () => undefined;
    find.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const asked = Array.from({ length: 20 }, () => service.resolve('t1', 'sms'));
    release(row(1, '+15005550001'));
    for (const channel of await Promise.all(asked)) expect(channel.sender).toBe('+15005550001');
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('reads again after a read failed', async () => {
    const { service, find } = setUp();
    find.mockRejectedValueOnce(new Error('connection lost'));
    await expect(service.resolve('t1', 'sms')).rejects.toThrow('connection lost');
    expect((await service.resolve('t1', 'sms')).sender).toBe('+15005550001');
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('reads the row again at once after its change is announced', async () => {
    const { service, find, announce } = setUp();
    await service.resolve('t1', 'sms');
    find.mockResolvedValue(row(2, '+15005550002'));
    announce('wk1');
    expect((await service.resolve('t1', 'sms')).sender).toBe('+15005550002');
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('does not keep a row read before a change was announced', async () => {
    const { service, find, announce } = setUp();
    let release: (r: ChannelConfigRow) => void = () => undefined;
    find.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const pending = service.resolve('t1', 'sms');
    announce('wk1');
    release(row(1, '+15005550001'));
    expect((await pending).sender).toBe('+15005550001');

    find.mockResolvedValue(row(2, '+15005550002'));
    expect((await service.resolve('t1', 'sms')).sender).toBe('+15005550002');
  });
});
