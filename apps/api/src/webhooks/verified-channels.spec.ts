import type { ChannelConfigChanges } from '@app/domain';
import { VerifiedChannels } from './webhook-channels';

/** A memo of verified webhook channels that a config change clears at once (the announcement of ChannelConfigChanges). */
describe('VerifiedChannels', () => {
  const setUp = () => {
    let announce: (key: string) => void = () => undefined;
    const changes = { onChange: (listener: (key: string) => void) => (announce = listener) };
    const verified = new VerifiedChannels<{ secret: string }>(changes as unknown as ChannelConfigChanges);
    return { verified, announce: (key: string) => announce(key) };
  };
  const accepts = (secret: string) => (c: { secret: string }) => c.secret === secret;

  it('remembers a verified channel until its config changes', async () => {
    const { verified, announce } = setUp();
    const load = jest.fn(async () => ({ secret: 'old' }));
    expect(await verified.find('k', load, accepts('old'))).toEqual({ secret: 'old' });
    expect(await verified.find('k', load, accepts('old'))).toEqual({ secret: 'old' });
    expect(load).toHaveBeenCalledTimes(1);

    announce('k');
    load.mockResolvedValue({ secret: 'new' });
    expect(await verified.find('k', load, accepts('old'))).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not remember a config read before a change was announced', async () => {
    const { verified, announce } = setUp();
    let release: (c: { secret: string }) => void = () => undefined;
    const slowLoad = () => new Promise<{ secret: string }>((resolve) => (release = resolve));
    const pending = verified.find('k', slowLoad, accepts('old'));
    announce('k');
    release({ secret: 'old' });
    expect(await pending).toEqual({ secret: 'old' });

    const load = jest.fn(async () => ({ secret: 'new' }));
    expect(await verified.find('k', load, accepts('old'))).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers a remembered channel without a look-up only while it verifies and its config is unchanged', async () => {
    const { verified, announce } = setUp();
    expect(verified.remembered('k', accepts('old'))).toBeUndefined();
    await verified.find('k', async () => ({ secret: 'old' }), accepts('old'));
    expect(verified.remembered('k', accepts('old'))).toEqual({ secret: 'old' });
    expect(verified.remembered('k', accepts('forged'))).toBeUndefined();
    expect(verified.remembered('other', accepts('old'))).toBeUndefined();
    announce('k');
    expect(verified.remembered('k', accepts('old'))).toBeUndefined();
  });
});
