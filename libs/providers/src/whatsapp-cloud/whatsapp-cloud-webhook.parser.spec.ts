import {
  contactsWebhook,
  errorsOnlyWebhook,
  flowReplyWebhook,
  INBOUND_MEDIA_WEBHOOK,
  INBOUND_TEXT_WEBHOOK,
  locationWebhook,
  MEDIA_ID,
  messagesWebhook,
  orderWebhook,
  PHONE_NUMBER_ID,
  reactionWebhook,
  requestWelcomeWebhook,
  STATUS_WEBHOOK,
  systemWebhook,
  unsupportedWebhook,
  WAMID,
} from '../../test/fixtures/whatsapp-cloud.fixtures';
import { WhatsAppCloudMessagingAdapter } from './whatsapp-cloud-messaging.adapter';
import { parseWhatsAppCloudInbound, WhatsAppCloudNotice } from './whatsapp-cloud-webhook.parser';

const NOW = new Date('2026-01-05T10:00:00Z');
const adapter = new WhatsAppCloudMessagingAdapter(
  { access_token: 't', phone_number_id: PHONE_NUMBER_ID },
  { now: () => NOW },
);

describe('WhatsApp Cloud webhook parsing', () => {
  it('reads an incoming text message with the sender profile name', () => {
    expect(adapter.parseInbound(INBOUND_TEXT_WEBHOOK)).toEqual([
      {
        channel: 'whatsapp',
        from: '+16505551234',
        to: '+15550783881',
        body: 'Does it come in another color?',
        provider_message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        sender_name: 'Sheena Nelson',
        received_at: new Date(1749416383 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseStatus(INBOUND_TEXT_WEBHOOK)).toEqual([]);
  });

  it('reads a media message: its caption as the body, its file as an attachment named by its media id', () => {
    const [image, document, voice] = adapter.parseInbound(INBOUND_MEDIA_WEBHOOK);
    expect(image).toMatchObject({
      body: 'This is the broken part',
      attachments: [{ filename: null, content_type: 'image/jpeg', source: MEDIA_ID }],
    });
    expect(document).toMatchObject({
      body: 'Our order',
      attachments: [
        { filename: 'order-4471.pdf', content_type: 'application/pdf', source: '1140934767637271' },
      ],
    });
    // A voice note: no caption, its type without the codec.
    expect(voice).toMatchObject({
      body: '',
      attachments: [{ filename: null, content_type: 'audio/ogg', source: '2201355683540001' }],
    });
    expect(adapter.parseInbound(INBOUND_TEXT_WEBHOOK)[0].attachments).toBeUndefined();
  });

  it("reads only its own business number's changes: one Meta app's callback also carries other numbers'", () => {
    const another = new WhatsAppCloudMessagingAdapter(
      { access_token: 't', phone_number_id: '987654321098765' },
      { now: () => NOW },
    );
    expect(another.parseInbound(INBOUND_TEXT_WEBHOOK)).toEqual([]);
    expect(another.parseStatus(STATUS_WEBHOOK)).toEqual([]);
    // One delivery holding both numbers' changes: each adapter reads its own.
    const both = structuredClone(INBOUND_TEXT_WEBHOOK) as { entry: { changes: unknown[] }[] };
    const theirs = structuredClone(both.entry[0].changes[0]) as {
      value: { metadata: { phone_number_id: string }; messages: { id: string }[] };
    };
    theirs.value.metadata.phone_number_id = '987654321098765';
    theirs.value.messages[0].id = 'wamid.theirs';
    both.entry[0].changes.push(theirs);
    expect(adapter.parseInbound(both).map((m) => m.provider_message_id)).toEqual([
      'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
    ]);
    expect(another.parseInbound(both).map((m) => m.provider_message_id)).toEqual(['wamid.theirs']);
  });

  it('reads statuses, with the error code and details of a failure', () => {
    expect(adapter.parseStatus(STATUS_WEBHOOK)).toEqual([
      {
        provider_message_id: WAMID,
        status: 'delivered',
        recipient: '+16505551234',
        occurred_at: new Date(1750263773 * 1000).toISOString(),
      },
      {
        provider_message_id: 'wamid.FAILED',
        status: 'failed',
        error_code: '131047',
        error_message:
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        recipient: '+16505551234',
        occurred_at: new Date(1750263780 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseInbound(STATUS_WEBHOOK)).toEqual([]);
  });

  it('reads back the biz_opaque_callback_data a send attached (our message id)', () => {
    const payload = structuredClone(STATUS_WEBHOOK) as unknown as {
      entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[];
    };
    payload.entry[0].changes[0].value.statuses[0].biz_opaque_callback_data =
      '0192f3a4-0000-7000-8000-000000000001';
    expect(adapter.parseStatus(payload)[0]).toMatchObject({
      provider_message_id: WAMID,
      callback_data: '0192f3a4-0000-7000-8000-000000000001',
    });
    expect(adapter.parseStatus(STATUS_WEBHOOK)[0]).not.toHaveProperty('callback_data');
  });

  it('reads the title of a tapped button as the body', () => {
    const payload = structuredClone(INBOUND_TEXT_WEBHOOK) as typeof INBOUND_TEXT_WEBHOOK;
    const message = payload.entry[0].changes[0].value.messages[0] as Record<string, unknown>;
    delete message.text;
    message.type = 'interactive';
    message.interactive = { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes, book it' } };
    expect(adapter.parseInbound(payload)[0].body).toBe('Yes, book it');
  });

  it('reads a reaction as its emoji; its removal (no emoji) is no message', () => {
    expect(adapter.parseInbound(reactionWebhook('wamid.REACTION', '👍'))).toEqual([
      expect.objectContaining({ provider_message_id: 'wamid.REACTION', body: '👍' }),
    ]);
    expect(adapter.parseInbound(reactionWebhook('wamid.UNREACTION'))).toEqual([]);
    expect(adapter.parseInbound(reactionWebhook('wamid.UNREACTION', ''))).toEqual([]);
  });

  it("reads a message written in a WhatsApp group as no lead's message: the group is no person to answer", () => {
    const group = messagesWebhook([
      {
        from: '16505551234',
        group_id: 'GROUP_ID_1',
        id: 'wamid.GROUP',
        timestamp: '1749416383',
        type: 'text',
        text: { body: 'STOP' },
      },
      {
        from: '16505551234',
        id: 'wamid.DIRECT',
        timestamp: '1749416383',
        type: 'text',
        text: { body: 'Hello' },
      },
    ]);
    expect(adapter.parseInbound(group).map((m) => m.provider_message_id)).toEqual(['wamid.DIRECT']);
  });

  it('reads an edit as its new text under its own id, and a message deleted as no message, told as a notice', () => {
    const notices: WhatsAppCloudNotice[] = [];
    const payload = messagesWebhook([
      {
        from: '16505551234',
        id: 'wamid.EDIT',
        timestamp: '1749416400',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.ORIGINAL',
          message: { context: { id: 'wamid.ORIGINAL' }, type: 'text', text: { body: 'STOP' } },
        },
      },
      {
        from: '16505551234',
        id: 'wamid.PHOTO_EDIT',
        timestamp: '1749416401',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.PHOTO',
          message: {
            type: 'image',
            image: { id: 'MEDIA_1', mime_type: 'image/jpeg', caption: 'The red one' },
          },
        },
      },
      { from: '16505551234', id: 'wamid.EMPTY_EDIT', type: 'edit', edit: { message: { type: 'text' } } },
      {
        from: '16505551234',
        id: 'wamid.REVOKE',
        timestamp: '1749416402',
        type: 'revoke',
        revoke: { original_message_id: 'wamid.ORIGINAL' },
      },
    ]);
    const parsed = parseWhatsAppCloudInbound(payload, NOW, PHONE_NUMBER_ID, (n) => notices.push(n));
    expect(parsed.map((m) => [m.provider_message_id, m.body, m.attachments])).toEqual([
      ['wamid.EDIT', 'STOP', undefined],
      // The photo came with the original: the edit changes its caption only.
      ['wamid.PHOTO_EDIT', 'The red one', undefined],
    ]);
    expect(notices).toEqual([{ kind: 'revoke', provider_message_id: 'wamid.REVOKE' }]);
  });

  it('reads a changed number or a chat opened as no message, told as a notice', () => {
    const notices: WhatsAppCloudNotice[] = [];
    const parse = (payload: unknown) =>
      parseWhatsAppCloudInbound(payload, NOW, PHONE_NUMBER_ID, (n) => notices.push(n));
    expect(parse(systemWebhook('wamid.SYSTEM'))).toEqual([]);
    expect(parse(systemWebhook('wamid.SYSTEM_OLD', true))).toEqual([]);
    expect(parse(requestWelcomeWebhook('wamid.WELCOME'))).toEqual([]);
    expect(notices).toEqual([
      { kind: 'user_changed_number', provider_message_id: 'wamid.SYSTEM' },
      { kind: 'customer_changed_number', provider_message_id: 'wamid.SYSTEM_OLD' },
      { kind: 'request_welcome', provider_message_id: 'wamid.WELCOME' },
    ]);
    expect(adapter.parseInbound(systemWebhook('wamid.SYSTEM'))).toEqual([]);
  });

  it('reads a message whose content Meta withholds as a placeholder, never an empty message', () => {
    for (const payload of [
      unsupportedWebhook('wamid.UNSUPPORTED'),
      unsupportedWebhook('wamid.UNSUPPORTED', 131060),
      errorsOnlyWebhook('wamid.UNSUPPORTED', 'unknown'),
      errorsOnlyWebhook('wamid.UNSUPPORTED', 'ephemeral'),
    ]) {
      expect(adapter.parseInbound(payload)).toEqual([
        expect.objectContaining({
          from: '+16505551234',
          provider_message_id: 'wamid.UNSUPPORTED',
          body: '[unsupported message]',
          sender_name: 'Sheena Nelson',
        }),
      ]);
    }
  });

  it('reads a message of a type it does not know, with nothing to show, as the placeholder too', () => {
    const payload = structuredClone(INBOUND_TEXT_WEBHOOK) as unknown as {
      entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[];
    };
    const [message] = payload.entry[0].changes[0].value.messages;
    delete message.text;
    message.type = 'poll_vote';
    message.poll_vote = { options: [1] };
    expect(adapter.parseInbound(payload)).toEqual([
      expect.objectContaining({ provider_message_id: message.id, body: '[unsupported message]' }),
    ]);
  });

  it('writes out a shared place, with a maps link: never an empty message', () => {
    expect(adapter.parseInbound(locationWebhook('wamid.LOCATION'))).toEqual([
      {
        channel: 'whatsapp',
        from: '+16505551234',
        to: '+15550783881',
        body:
          '📍 Location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.442163, -122.161536)\n' +
          'https://maps.google.com/?q=37.442163,-122.161536',
        provider_message_id: 'wamid.LOCATION',
        sender_name: 'Sheena Nelson',
        received_at: new Date(1749416500 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseInbound(locationWebhook('wamid.PIN', false))[0].body).toBe(
      '📍 Location: (37.442163, -122.161536)\nhttps://maps.google.com/?q=37.442163,-122.161536',
    );
  });

  it('writes out shared contact cards, one line each: name, phones, emails', () => {
    expect(adapter.parseInbound(contactsWebhook('wamid.CONTACTS'))[0]).toMatchObject({
      provider_message_id: 'wamid.CONTACTS',
      body:
        '👤 Contact: Barbara J. Johnson, +1 (415) 555-0123, +1 (415) 555-0456, barbara.johnson@example.com\n' +
        '👤 Contact: Pablo Morales, +1 650-555-7890',
    });
  });

  it('writes out an order: its item count and catalog, a line per product, the note', () => {
    expect(adapter.parseInbound(orderWebhook('wamid.ORDER'))[0]).toMatchObject({
      provider_message_id: 'wamid.ORDER',
      body:
        '🛒 Order: 3 items (catalog 194836987003835)\n' +
        '- di9ozbzfi4 × 2 @ 30 USD\n' +
        '- nqryix03ez × 1 @ 12.5 USD\n' +
        'Please deliver after 5pm',
    });
  });

  it('keeps what it writes out of a shared card or order bounded, and reads no place of bad coordinates', () => {
    const message = (fields: Record<string, unknown>) =>
      adapter.parseInbound(messagesWebhook([{ from: '16505551234', id: 'wamid.BIG', ...fields }]))[0].body;
    const long = Array.from({ length: 300 }, (_, i) => ({
      name: { formatted_name: `Person ${i} ${'x'.repeat(500)}` },
      phones: [{ phone: '+1 650 555 0000\n\tinjected' }],
    }));
    const cards = message({ type: 'contacts', contacts: long });
    expect(cards).toHaveLength(1000);
    expect(cards.endsWith('…')).toBe(true);
    expect(cards.split('\n')[0]).toBe(`👤 Contact: Person 0 ${'x'.repeat(190)}…, +1 650 555 0000 injected`);
    const short = Array.from({ length: 300 }, (_, i) => ({ name: { first_name: 'P', last_name: `${i}` } }));
    expect(message({ type: 'contacts', contacts: short }).split('\n')).toEqual([
      ...short.slice(0, 10).map((_, i) => `👤 Contact: P ${i}`),
      '… 290 more contacts',
    ]);
    const lines = Array.from({ length: 50 }, (_, i) => ({ product_retailer_id: `sku-${i}`, quantity: 1 }));
    const order = message({ type: 'order', order: { catalog_id: 'c1', product_items: lines } });
    expect(order.split('\n')).toEqual([
      '🛒 Order: 50 items (catalog c1)',
      ...lines.slice(0, 10).map((l) => `- ${l.product_retailer_id} × 1`),
      '… 40 more products',
    ]);
    expect(message({ type: 'location', location: { latitude: 91, longitude: 0 } })).toBe('[unsupported message]');
    expect(message({ type: 'location', location: { latitude: '12.5', longitude: '-7' } })).toBe(
      '📍 Location: (12.5, -7)\nhttps://maps.google.com/?q=12.5,-7',
    );
  });

  it("writes out a Flow's answers (nfm_reply) on one line, without its flow_token: never an empty message", () => {
    const answers = {
      name: 'Sheena Nelson',
      date: '2025-06-12',
      guests: 3,
      topics: ['pricing', 'demo'],
      newsletter: true,
      notes: '',
    };
    expect(adapter.parseInbound(flowReplyWebhook('wamid.FLOW', answers))).toEqual([
      {
        channel: 'whatsapp',
        from: '+16505551234',
        to: '+15550783881',
        body:
          '📝 Form reply: name: Sheena Nelson, date: 2025-06-12, guests: 3, topics: [pricing, demo], ' +
          'newsletter: true',
        provider_message_id: 'wamid.FLOW',
        sender_name: 'Sheena Nelson',
        received_at: new Date(1749416530 * 1000).toISOString(),
      },
    ]);
    const body = (answers: Record<string, unknown> | string) =>
      adapter.parseInbound(flowReplyWebhook('wamid.FORM', answers))[0].body;
    expect(body({ address: { city: 'Palo Alto', zip: '94301' } })).toBe(
      '📝 Form reply: address: {"city":"Palo Alto","zip":"94301"}',
    );
    expect(body({})).toBe('📝 Form reply: Sent');
    expect(body('not json')).toBe('📝 Form reply: Sent');
    expect(body('[1, 2]')).toBe('📝 Form reply: Sent');
  });

  it("keeps a Flow's answers bounded: fields on one line and cut, the first 10 listed, at most 1000 characters", () => {
    const body = (answers: Record<string, unknown>) =>
      adapter.parseInbound(flowReplyWebhook('wamid.FORM', answers))[0].body;
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`q${i}`, `a${i}`]));
    expect(body(many)).toBe(
      `📝 Form reply: ${Array.from({ length: 10 }, (_, i) => `q${i}: a${i}`).join(', ')}, … 5 more answers`,
    );
    expect(body({ note: 'line one\n\tline two' })).toBe('📝 Form reply: note: line one line two');
    const long = body(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i}`, 'x'.repeat(500)])));
    expect(long).toHaveLength(1000);
    expect(long.endsWith('…')).toBe(true);
    expect(long).toContain(`q0: ${'x'.repeat(199)}…, q1:`);
  });

  it('ignores payloads of other objects or shapes', () => {
    expect(adapter.parseInbound({ object: 'page', entry: INBOUND_TEXT_WEBHOOK.entry })).toEqual([]);
    expect(adapter.parseStatus({})).toEqual([]);
    expect(adapter.parseStatus(null)).toEqual([]);
  });

  it('reads fields of another type than documented as absent: the message stays, dated now when its time is none', () => {
    const payload = structuredClone(INBOUND_TEXT_WEBHOOK) as unknown as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = payload.entry[0].changes[0].value;
    value.contacts = 'Sheena';
    value.metadata = { display_phone_number: 15550783881, phone_number_id: PHONE_NUMBER_ID };
    const message = (value.messages as Record<string, unknown>[])[0];
    message.timestamp = '1e309';
    message.text = { body: { nested: true } };
    expect(adapter.parseInbound(payload)).toEqual([
      expect.objectContaining({
        from: '+16505551234',
        to: PHONE_NUMBER_ID,
        body: '[unsupported message]',
        received_at: NOW.toISOString(),
      }),
    ]);
    expect(adapter.parseInbound(payload)[0]).not.toHaveProperty('sender_name');
    message.from = 16505551234;
    value.statuses = { id: 'x' };
    expect(adapter.parseInbound(payload)).toEqual([]);
    expect(adapter.parseStatus(payload)).toEqual([]);
  });
});
