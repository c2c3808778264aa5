import { createMessagingAdapter } from './messaging-adapter.factory';
import { SmtpMessagingAdapter } from './smtp/smtp-messaging.adapter';
import { TelegramMessagingAdapter } from './telegram/telegram-messaging.adapter';
import { TwilioMessagingAdapter } from './twilio/twilio-messaging.adapter';
import { WhatsAppCloudMessagingAdapter } from './whatsapp-cloud/whatsapp-cloud-messaging.adapter';

describe('createMessagingAdapter', () => {
  it('builds the adapter a channel config names, without any request', () => {
    expect(
      createMessagingAdapter({ provider: 'twilio', credentials: { account_sid: 'AC1', auth_token: 't' } }),
    ).toBeInstanceOf(TwilioMessagingAdapter);
    expect(
      createMessagingAdapter({
        provider: 'whatsapp_cloud',
        credentials: { access_token: 't', phone_number_id: '1' },
      }),
    ).toBeInstanceOf(WhatsAppCloudMessagingAdapter);
    expect(
      createMessagingAdapter({ provider: 'telegram', credentials: { bot_token: '1:a' } }),
    ).toBeInstanceOf(TelegramMessagingAdapter);
    const smtp = createMessagingAdapter({
      provider: 'smtp',
      credentials: { host: 'localhost', port: 25, secure: false, from: 'a@b.c' },
    });
    expect(smtp).toBeInstanceOf(SmtpMessagingAdapter);
    expect(smtp.provider).toBe('smtp');
  });

  it('refuses incomplete credentials at construction', () => {
    expect(() =>
      createMessagingAdapter({ provider: 'twilio', credentials: { account_sid: '', auth_token: 't' } }),
    ).toThrow();
    expect(() =>
      createMessagingAdapter({ provider: 'telegram', credentials: { bot_token: 'nocolon' } }),
    ).toThrow();
  });
});
