import { InboundMessage, MessagingPort, ProviderError } from '@app/providers';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { InboundAttachments } from './inbound-attachments';
import { InboundMedia, MEDIA_RETRY_WINDOW_MS } from './inbound-media';

/**
 * InboundMedia against the real database, with a port that fails as a provider would: a file the provider cannot
 * give for now fails the job while the event is young and is left out once it is older than the retry window; a
 * file stored by an earlier try is not fetched again; a port that fetches nothing (the simulator) leaves it out.
 */
describe('InboundMedia (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let fetches: string[];
  let answer: () => Promise<{ content: Buffer; content_type: string | null } | undefined>;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const port = {
    fetchMedia: (source: string) => {
      fetches.push(source);
      return answer();
    },
  } as unknown as MessagingPort;
  const media = (provider = 'whatsapp_cloud') =>
    new InboundMedia(
      api.app.get(InboundAttachments),
      {
        resolve: () => Promise.resolve({ provider, port, webhookKey: 'k' }),
        providerOf: () => Promise.resolve(provider),
      },
      api.config,
      api.clock,
    );
  const message = (): InboundMessage => ({
    channel: 'whatsapp',
    from: '+16505551234',
    to: '+15550783881',
    body: 'A photo',
    provider_message_id: `wamid.${randomUUID()}`,
    attachments: [{ filename: null, content_type: 'image/jpeg', source: 'media-1' }],
    received_at: api.clock.now().toISOString(),
  });
  const event = (ageMs: number) => ({
    provider: 'whatsapp_cloud',
    received_at: new Date(api.clock.now().getTime() - ageMs),
  });
  const unavailable = () =>
    Promise.reject(ProviderError.fromHttp('whatsapp_cloud', 503, { message: 'Service unavailable' }));

  beforeEach(() => {
    fetches = [];
  });

  it('stores a fetched file once: a later try finds it stored and does not fetch it again', async () => {
    answer = () => Promise.resolve({ content: Buffer.from([1, 2, 3]), content_type: 'image/jpeg' });
    const m = message();
    const first = await media().fetch(t.id, event(0), m);
    expect(first.attachments).toEqual([
      { id: expect.any(String), filename: null, content_type: 'image/jpeg', size: 3 },
    ]);
    const again = await media().fetch(t.id, event(0), m);
    expect(again.attachments).toEqual(first.attachments);
    expect(fetches).toEqual(['media-1']);
  });

  it('a provider outage fails a young event, and leaves the file out of one past the retry window', async () => {
    answer = unavailable;
    await expect(media().fetch(t.id, event(1000), message())).rejects.toMatchObject({ kind: 'unavailable' });
    const late = await media().fetch(t.id, event(MEDIA_RETRY_WINDOW_MS + 1000), message());
    expect({ body: late.body, attachments: late.attachments }).toEqual({ body: 'A photo', attachments: [] });
  });

  it('a file the provider refuses, or one a port cannot fetch, is left out at once', async () => {
    answer = () => Promise.reject(ProviderError.fromHttp('whatsapp_cloud', 404));
    expect((await media().fetch(t.id, event(0), message())).attachments).toEqual([]);
    answer = () => Promise.resolve(undefined);
    expect((await media().fetch(t.id, event(0), message())).attachments).toEqual([]);
    // The channel moved to another provider since the message came: its media id means nothing there.
    answer = () => Promise.resolve({ content: Buffer.from([1]), content_type: null });
    fetches = [];
    expect((await media('simulator').fetch(t.id, event(0), message())).attachments).toEqual([]);
    expect(fetches).toEqual([]);
  });
});
