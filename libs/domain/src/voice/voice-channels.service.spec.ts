import type { Clock } from '@app/common';
import type { AppConfig } from '@app/config';
import { FakeHttpServer } from '../../../providers/test/fake-http.server';
import type { ChannelConfigsService, VoiceChannelConfig } from '../channels/channel-configs.service';
import type { SimulatorRuntime } from '../simulator/simulator-runtime';
import { VoiceChannelsService } from './voice-channels.service';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const RECORDING_SID = `RE${'2'.repeat(32)}`;

describe('VoiceChannelsService', () => {
  let server: FakeHttpServer;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
  });
  afterEach(() => server.close());

  function serviceFor(credentials: Record<string, unknown>): VoiceChannelsService {
    const config: VoiceChannelConfig = {
      tenantId: '0190f3c4-1111-7000-8000-000000000001',
      provider: 'twilio',
      credentials,
      settings: {},
      webhookKey: 'k1',
      signingSecret: 'token',
      version: `v-${Math.random()}`,
    };
    const channels = { voice: () => Promise.resolve(config) } as unknown as ChannelConfigsService;
    return new VoiceChannelsService(
      channels,
      {} as SimulatorRuntime,
      { publicBaseUrl: 'https://api.example.com' } as AppConfig,
      { now: () => new Date('2026-01-05T10:00:00Z') } as Clock,
    );
  }

  it("sends a Twilio voice account's requests to the base URL its credentials carry (the platform's TWILIO config)", async () => {
    server.reply({ status: 200, headers: { 'content-type': 'audio/mpeg' }, body: Buffer.from([0xff, 0xfb]) });
    const voice = serviceFor({ account_sid: ACCOUNT_SID, auth_token: 'secret', base_url: server.url });
    const { port } = await voice.resolve('0190f3c4-1111-7000-8000-000000000001');

    const media = await port.fetchRecording(RECORDING_SID);
    expect(media?.content_type).toBe('audio/mpeg');
    expect(server.last.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${RECORDING_SID}.mp3`);
    expect(server.last.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:secret`).toString('base64')}`,
    );
  });
});
