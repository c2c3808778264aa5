import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  MESSAGE_SID,
  TWILIO_INBOUND_SMS,
  TWILIO_INBOUND_WHATSAPP,
  TWILIO_INBOUND_WHATSAPP_LOCATION,
  TWILIO_STATUS_CALLBACK,
} from '../../test/fixtures/twilio.fixtures';
import { TwilioMessagingAdapter } from './twilio-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');
const adapter = new TwilioMessagingAdapter(
  { account_sid: ACCOUNT_SID, auth_token: AUTH_TOKEN },
  { now: () => NOW },
);

describe('Twilio webhook parsing', () => {
  it('reads a status callback: sid, status, error code and recipient without its prefix', () => {
    expect(adapter.parseStatus(TWILIO_STATUS_CALLBACK)).toEqual([
      {
        provider_message_id: MESSAGE_SID,
        status: 'undelivered',
        error_code: '63016',
        recipient: '+15017122661',
        occurred_at: NOW.toISOString(),
      },
    ]);
  });

  it('maps Twilio statuses onto ours and ignores unknown ones', () => {
    const status = (MessageStatus: string) =>
      adapter.parseStatus({ MessageSid: MESSAGE_SID, MessageStatus, To: '+1555' })[0]?.status;
    expect(
      ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'canceled'].map(status),
    ).toEqual(['queued', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'failed']);
    expect(status('receiving')).toBeUndefined();
    expect(adapter.parseStatus({ MessageStatus: 'sent' })).toEqual([]);
  });

  it('finds no status in an incoming message, and no incoming message in a status callback', () => {
    expect(adapter.parseStatus(TWILIO_INBOUND_SMS)).toEqual([]);
    expect(adapter.parseInbound(TWILIO_STATUS_CALLBACK)).toEqual([]);
  });

  it('reads an incoming WhatsApp message with its media and profile name', () => {
    expect(adapter.parseInbound(TWILIO_INBOUND_WHATSAPP)).toEqual([
      {
        channel: 'whatsapp',
        from: '+14017122661',
        to: '+15557122661',
        body: 'Ahoy! Is it still available?',
        provider_message_id: 'MMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        media_urls: [TWILIO_INBOUND_WHATSAPP.MediaUrl0],
        attachments: [
          { filename: null, content_type: 'image/jpeg', source: TWILIO_INBOUND_WHATSAPP.MediaUrl0 },
        ],
        sender_name: 'Ada',
        received_at: NOW.toISOString(),
      },
    ]);
  });

  it('writes out a shared place (Latitude, Longitude, Address, Label) with a maps link: never an empty message', () => {
    expect(adapter.parseInbound(TWILIO_INBOUND_WHATSAPP_LOCATION)).toEqual([
      {
        channel: 'whatsapp',
        from: '+14017122661',
        to: '+15557122661',
        body:
          '📍 Location: Twilio HQ, 375 Beale St, San Francisco, CA 94105 (37.787928, -122.407523)\n' +
          'https://maps.google.com/?q=37.787928,-122.407523',
        provider_message_id: 'MMZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ',
        sender_name: 'Ada',
        received_at: NOW.toISOString(),
      },
    ]);
    const pin = { ...TWILIO_INBOUND_WHATSAPP_LOCATION, Address: undefined, Label: undefined, Body: 'Here' };
    expect(adapter.parseInbound(pin)[0].body).toBe(
      'Here\n📍 Location: (37.787928, -122.407523)\nhttps://maps.google.com/?q=37.787928,-122.407523',
    );
    const nowhere = { ...TWILIO_INBOUND_WHATSAPP_LOCATION, Latitude: 'north', Body: 'hi' };
    expect(adapter.parseInbound(nowhere)[0].body).toBe('hi');
  });

  it('reads an incoming SMS', () => {
    expect(adapter.parseInbound(TWILIO_INBOUND_SMS)).toEqual([
      {
        channel: 'sms',
        from: '+14017122661',
        to: '+15557122661',
        body: 'STOP',
        provider_message_id: 'SMYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY',
        received_at: NOW.toISOString(),
      },
    ]);
  });

  it("reads Twilio's OptOutType (Advanced Opt-Out's keywords) as the provider's opt-out or opt-in", () => {
    const parse = (OptOutType: string) =>
      adapter.parseInbound({ ...TWILIO_INBOUND_SMS, Body: 'ARRET', OptOutType })[0].provider_opt;
    expect(parse('STOP')).toBe('opt_out');
    expect(parse('START')).toBe('opt_in');
    expect(parse('HELP')).toBeUndefined();
    expect(adapter.parseInbound(TWILIO_INBOUND_SMS)[0]).not.toHaveProperty('provider_opt');
  });

  it('takes the first value of a repeated field and ignores non-forms', () => {
    expect(adapter.parseInbound({ ...TWILIO_INBOUND_SMS, Body: ['first', 'second'] })[0].body).toBe('first');
    expect(adapter.parseInbound(null)).toEqual([]);
    expect(adapter.parseInbound('Body=hi')).toEqual([]);
  });
});
