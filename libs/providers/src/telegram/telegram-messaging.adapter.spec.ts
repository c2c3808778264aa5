import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import {
  BLOCKED,
  BLOCKED_UPDATE,
  BOT_TOKEN,
  CHAT_NOT_FOUND,
  CONTACT_UPDATE,
  DICE_UPDATE,
  DOCUMENT_UPDATE,
  getFileResponse,
  LOCATION_UPDATE,
  PHOTO_UPDATE,
  POLL_UPDATE,
  sentMessage,
  STORY_UPDATE,
  TEXT_UPDATE,
  TOO_MANY_REQUESTS,
  UNAUTHORIZED,
  VENUE_UPDATE,
  VOICE_UPDATE,
} from '../../test/fixtures/telegram.fixtures';
import { TelegramMessagingAdapter } from './telegram-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');

describe('TelegramMessagingAdapter against a local Bot API', () => {
  let server: FakeHttpServer;
  let adapter: TelegramMessagingAdapter;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    adapter = new TelegramMessagingAdapter(
      { bot_token: BOT_TOKEN, base_url: server.url },
      { now: () => NOW },
    );
  });

  afterEach(() => server.close());

  it('sends a text with sendMessage and names it <bot id>:<chat id>:<message id>', async () => {
    server.reply({ status: 200, body: sentMessage() });
    const result = await adapter.send({
      channel: 'telegram',
      to: '987654321',
      body: 'Hello Ada',
      message_id: 'm1',
    });

    expect(result).toEqual({ provider_message_id: '123456789:987654321:4721', status: 'sent' });
    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(server.last.json).toEqual({ chat_id: '987654321', text: 'Hello Ada' });
  });

  it('sends an image with sendPhoto and a PDF with sendDocument, the body as caption', async () => {
    const adapterHtml = new TelegramMessagingAdapter({
      bot_token: BOT_TOKEN,
      base_url: server.url,
      parse_mode: 'HTML',
    });
    server.reply({ status: 200, body: sentMessage({ text: undefined, caption: 'Scan' }) });
    await adapterHtml.send({
      channel: 'telegram',
      to: '987654321',
      body: '<b>Scan</b>',
      media_urls: ['https://cdn.example.com/s.jpg'],
      message_id: 'm',
    });
    expect(server.last.path).toBe(`/bot${BOT_TOKEN}/sendPhoto`);
    expect(server.last.json).toEqual({
      chat_id: '987654321',
      photo: 'https://cdn.example.com/s.jpg',
      caption: '<b>Scan</b>',
      parse_mode: 'HTML',
    });

    await adapter.send({
      channel: 'telegram',
      to: '987654321',
      media_urls: ['https://cdn.example.com/r.pdf'],
      message_id: 'm',
    });
    expect(server.last.path).toBe(`/bot${BOT_TOKEN}/sendDocument`);
    expect(server.last.json).toEqual({ chat_id: '987654321', document: 'https://cdn.example.com/r.pdf' });
  });

  it.each([
    ['https://cdn.example.com/fun.gif', 'sendAnimation', 'animation'],
    ['https://cdn.example.com/clip.MP4', 'sendVideo', 'video'],
    ['https://cdn.example.com/song.mp3?x=1', 'sendAudio', 'audio'],
    ['https://cdn.example.com/note.ogg', 'sendVoice', 'voice'],
    ['https://cdn.example.com/pic.webp', 'sendPhoto', 'photo'],
    ['https://cdn.example.com/archive.zip', 'sendDocument', 'document'],
    ['https://cdn.example.com/download', 'sendDocument', 'document'],
  ])('sends %s with %s (the Bot API method for its type)', async (url, method, field) => {
    server.reply({ status: 200, body: sentMessage({ text: undefined }) });
    await adapter.send({ channel: 'telegram', to: '987654321', media_urls: [url], message_id: 'm' });
    expect(server.last.path).toBe(`/bot${BOT_TOKEN}/${method}`);
    expect(server.last.json).toEqual({ chat_id: '987654321', [field]: url });
  });

  it('maps 429 to a rate limit that waits parameters.retry_after seconds', async () => {
    server.reply({ status: 429, body: TOO_MANY_REQUESTS });
    const error = await providerRejection(
      adapter.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 35_000,
      providerCode: '429',
    });
  });

  it('maps 401 to auth, a blocked bot (403) and an unknown chat (400) to permanent rejections', async () => {
    server.reply(
      { status: 401, body: UNAUTHORIZED },
      { status: 403, body: BLOCKED },
      { status: 400, body: CHAT_NOT_FOUND },
    );
    const auth = await providerRejection(
      adapter.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(auth).toMatchObject({ kind: 'auth', retryable: false });
    const blocked = await providerRejection(
      adapter.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(blocked).toMatchObject({ kind: 'rejected', retryable: false, providerCode: '403' });
    expect(blocked.message).toContain('blocked by the user');
    const notFound = await providerRejection(
      adapter.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(notFound).toMatchObject({ kind: 'rejected', retryable: false, providerCode: '400' });
  });

  it('maps a 502 from a proxy without JSON to a retryable unavailability', async () => {
    server.reply({ status: 502, body: '<html>Bad Gateway</html>' });
    const error = await providerRejection(
      adapter.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true, httpStatus: 502 });
  });

  it('maps a refused connection to a network error that sent nothing', async () => {
    const offline = new TelegramMessagingAdapter({ bot_token: BOT_TOKEN, base_url: await closedPortUrl() });
    const error = await providerRejection(
      offline.send({ channel: 'telegram', to: '1', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  it('refuses templates without calling Telegram', async () => {
    await providerRejection(
      adapter.send({
        channel: 'telegram',
        to: '1',
        template: { name: 't', language: 'en', variables: {} },
        message_id: 'm',
      }),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('reads an Update as an inbound message from its chat, and reports no statuses or look-up', async () => {
    expect(adapter.parseInbound(TEXT_UPDATE)).toEqual([
      {
        channel: 'telegram',
        from: '987654321',
        to: '123456789',
        body: 'Yes, I am interested',
        provider_message_id: '123456789:987654321:1365',
        sender_name: 'Ada Lovelace',
        // Its @username, the conversation's handle (seed 003's username).
        sender_handle: '@ada',
        received_at: new Date(1767607260 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseStatus(TEXT_UPDATE)).toEqual([]);
    await expect(adapter.lookupSent()).resolves.toBeUndefined();
  });

  it('reads an edit as a message of its own, keyed by the message and its edit date, at that date', () => {
    const edited = { ...TEXT_UPDATE.message, text: 'STOP', edit_date: 1767607500 };
    const [edit] = adapter.parseInbound({ update_id: 10010, edited_message: edited });
    expect(edit).toEqual({
      channel: 'telegram',
      from: '987654321',
      to: '123456789',
      body: 'STOP',
      provider_message_id: '123456789:987654321:1365:edit:1767607500',
      sender_name: 'Ada Lovelace',
      sender_handle: '@ada',
      received_at: new Date(1767607500 * 1000).toISOString(),
    });
    // Telegram's redelivery of the edit is the same message; a later edit of it is another.
    expect(adapter.parseInbound({ update_id: 10010, edited_message: edited })).toEqual([edit]);
    const [later] = adapter.parseInbound({
      update_id: 10011,
      edited_message: { ...edited, text: 'Stop please', edit_date: 1767607560 },
    });
    expect(later.provider_message_id).toBe('123456789:987654321:1365:edit:1767607560');
    // A caption edited is what the person wrote; the photo it came with was received with the message.
    const [caption] = adapter.parseInbound({
      update_id: 10012,
      edited_message: { ...PHOTO_UPDATE.message, caption: 'Not this one', edit_date: 1767607600 },
    });
    expect(caption).toMatchObject({
      body: 'Not this one',
      provider_message_id: '123456789:987654321:1366:edit:1767607600',
    });
    expect(caption.attachments).toBeUndefined();
  });

  it('reads no message from an edit that writes nothing (a live location moving) or has no edit date', () => {
    const live = {
      ...LOCATION_UPDATE.message,
      location: { latitude: 51.5008, longitude: -0.1246, live_period: 900 },
    };
    expect(
      adapter.parseInbound({ update_id: 1, edited_message: { ...live, edit_date: 1767607500 } }),
    ).toEqual([]);
    expect(
      adapter.parseInbound({ update_id: 2, edited_message: { ...TEXT_UPDATE.message, text: 'STOP' } }),
    ).toEqual([]);
    const group = { id: -1001234567890, title: 'Clinic staff', type: 'supergroup' };
    expect(
      adapter.parseInbound({
        update_id: 3,
        edited_message: { ...TEXT_UPDATE.message, chat: group, edit_date: 1 },
      }),
    ).toEqual([]);
  });

  it("reads only a person's private chat: a group's or a channel's messages are no lead's", () => {
    for (const type of ['group', 'supergroup', 'channel']) {
      const chat = { id: -1001234567890, title: 'Clinic staff', type };
      expect(adapter.parseInbound({ ...TEXT_UPDATE, message: { ...TEXT_UPDATE.message, chat } })).toEqual([]);
    }
    const { type: _type, ...untyped } = TEXT_UPDATE.message.chat;
    expect(
      adapter.parseInbound({ ...TEXT_UPDATE, message: { ...TEXT_UPDATE.message, chat: untyped } }),
    ).toHaveLength(1);
  });

  it("scopes a chat's message id by the bot: the same chat and message id from another bot is another message", () => {
    const other = new TelegramMessagingAdapter({ bot_token: '555000111:BBother', base_url: server.url });
    const [mine] = adapter.parseInbound(TEXT_UPDATE);
    const [theirs] = other.parseInbound(TEXT_UPDATE);
    expect(theirs.provider_message_id).toBe('555000111:987654321:1365');
    expect(theirs.provider_message_id).not.toBe(mine.provider_message_id);
  });

  it('reads a date no Date can hold as now, and ids that are no integers as no message', () => {
    const [dated] = adapter.parseInbound({
      ...TEXT_UPDATE,
      message: { ...TEXT_UPDATE.message, date: 1e308 },
    });
    expect(dated).toMatchObject({ from: '987654321', body: 'Yes, I am interested' });
    expect(Number.isNaN(Date.parse(dated.received_at))).toBe(false);
    expect(
      adapter.parseInbound({ ...TEXT_UPDATE, message: { ...TEXT_UPDATE.message, chat: { id: {} } } }),
    ).toEqual([]);
    expect(
      adapter.parseInbound({ ...TEXT_UPDATE, message: { ...TEXT_UPDATE.message, message_id: 1.5 } }),
    ).toEqual([]);
  });

  it("reads a user blocking the bot (my_chat_member, kicked) in a private chat as that chat's opt-out, and no message", () => {
    expect(adapter.parseOptOuts(BLOCKED_UPDATE)).toEqual([
      {
        channel: 'telegram',
        from: '987654321',
        // Keyed by the bot and the update: Telegram's redelivery of it is the same event.
        event_id: '123456789:10004',
        occurred_at: new Date(1767607300 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseInbound(BLOCKED_UPDATE)).toEqual([]);
    expect(adapter.parseOptOuts(TEXT_UPDATE)).toEqual([]);
    const change = BLOCKED_UPDATE.my_chat_member;
    // An unblock (member again): the user's /start says it.
    const unblocked = {
      ...BLOCKED_UPDATE,
      my_chat_member: {
        ...change,
        old_chat_member: change.new_chat_member,
        new_chat_member: { ...change.old_chat_member },
      },
    };
    expect(adapter.parseOptOuts(unblocked)).toEqual([]);
    // The bot removed from a group is no one's opt-out.
    const group = {
      ...BLOCKED_UPDATE,
      my_chat_member: { ...change, chat: { id: -1001234567890, title: 'Clinic', type: 'supergroup' } },
    };
    expect(adapter.parseOptOuts(group)).toEqual([]);
    expect(adapter.parseOptOuts({ ...BLOCKED_UPDATE, update_id: undefined })).toEqual([]);
    expect(
      adapter.parseOptOuts({
        ...BLOCKED_UPDATE,
        my_chat_member: { ...change, chat: { id: {}, type: 'private' } },
      }),
    ).toEqual([]);
    const [dated] = adapter.parseOptOuts({ ...BLOCKED_UPDATE, my_chat_member: { ...change, date: 1e308 } });
    expect(dated.occurred_at).toBe(NOW.toISOString());
    expect(adapter.parseOptOuts(null)).toEqual([]);
    expect(adapter.parseOptOuts({ update_id: 1, my_chat_member: 'kicked' })).toEqual([]);
  });

  it('reads a file as an attachment named by its file_id: the largest photo, a document, a voice note', () => {
    const [photo] = adapter.parseInbound(PHOTO_UPDATE);
    expect(photo).toMatchObject({
      body: 'This one',
      attachments: [{ filename: null, content_type: 'image/jpeg', source: 'AgACAgQAAxkBAAIBZ2large' }],
    });
    expect(adapter.parseInbound(DOCUMENT_UPDATE)[0]).toMatchObject({
      body: '',
      attachments: [
        { filename: 'brief.pdf', content_type: 'application/pdf', source: 'BQACAgQAAxkBAAIBaGdoc' },
      ],
    });
    expect(adapter.parseInbound(VOICE_UPDATE)[0].attachments).toEqual([
      { filename: null, content_type: 'audio/ogg', source: 'AwACAgQAAxkBAAIBaXvoice' },
    ]);
    expect(adapter.parseInbound(TEXT_UPDATE)[0].attachments).toBeUndefined();
  });

  it('writes out a shared point, venue or contact as the body: never an empty message', () => {
    expect(adapter.parseInbound(LOCATION_UPDATE)).toEqual([
      {
        channel: 'telegram',
        from: '987654321',
        to: '123456789',
        body: '📍 Location: (51.500729, -0.124625)\nhttps://maps.google.com/?q=51.500729,-0.124625',
        provider_message_id: '123456789:987654321:1369',
        sender_name: 'Ada Lovelace',
        sender_handle: '@ada',
        received_at: new Date(1767607260 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseInbound(VENUE_UPDATE)[0].body).toBe(
      '📍 Location: Big Ben, London SW1A 0AA, United Kingdom (51.500729, -0.124625)\n' +
        'https://maps.google.com/?q=51.500729,-0.124625',
    );
    expect(adapter.parseInbound(CONTACT_UPDATE)[0].body).toBe(
      '👤 Contact: Charles Babbage, +447700900123, charles@example.org',
    );
    const bare = { ...CONTACT_UPDATE.message, contact: { phone_number: '+447700900456', first_name: 'Ada' } };
    expect(adapter.parseInbound({ update_id: 1, message: bare })[0].body).toBe(
      '👤 Contact: Ada, +447700900456',
    );
  });

  it('writes out a poll, a dice roll or a forwarded story as the body: never an empty message', () => {
    expect(adapter.parseInbound(POLL_UPDATE)).toEqual([
      {
        channel: 'telegram',
        from: '987654321',
        to: '123456789',
        body: '📊 Poll: Which day suits you for the demo? (Monday / Wednesday / Friday)',
        provider_message_id: '123456789:987654321:1372',
        sender_name: 'Ada Lovelace',
        sender_handle: '@ada',
        received_at: new Date(1767607260 * 1000).toISOString(),
      },
    ]);
    expect(adapter.parseInbound(DICE_UPDATE)[0].body).toBe('🎲 Dice: 4');
    expect(adapter.parseInbound(STORY_UPDATE)[0].body).toBe('[story]');
    const body = (fields: Record<string, unknown>) =>
      adapter.parseInbound({
        update_id: 1,
        message: { ...DICE_UPDATE.message, dice: undefined, ...fields },
      })[0].body;
    expect(body({ dice: { emoji: '🎯', value: 6 } })).toBe('🎯 Dice: 6');
    expect(body({ dice: { emoji: 'not an emoji at all', value: '3' } })).toBe('🎲 Dice');
  });

  it('writes out a checklist as its title and tasks: never an empty message', () => {
    const body = (checklist: unknown) =>
      adapter.parseInbound({
        update_id: 1,
        message: { ...DICE_UPDATE.message, dice: undefined, checklist },
      })[0]?.body;
    expect(
      body({
        title: 'Before the demo',
        tasks: [
          { id: 1, text: 'Invite Bob' },
          { id: 2, text: 'Book a room' },
        ],
      }),
    ).toBe('☑️ Checklist: Before the demo (Invite Bob / Book a room)');
    expect(body({ title: 'Empty', tasks: 'none' })).toBe('☑️ Checklist: Empty');
  });

  it('keeps a written-out poll bounded: question and options on one line and cut, the first 10 options listed', () => {
    const poll = (question: unknown, options: unknown[]) =>
      adapter.parseInbound({
        update_id: 1,
        message: { ...POLL_UPDATE.message, poll: { question, options } },
      })[0].body;
    const twelve = Array.from({ length: 12 }, (_, i) => ({ text: `Option ${i}`, voter_count: 0 }));
    expect(poll('Pick\none', twelve)).toBe(
      `📊 Poll: Pick one (${twelve
        .slice(0, 10)
        .map((o) => o.text)
        .join(' / ')} / … 2 more options)`,
    );
    const long = poll(
      'q'.repeat(300),
      Array.from({ length: 10 }, () => ({ text: 'o'.repeat(100) })),
    );
    expect(long).toHaveLength(1000);
    expect(long.startsWith(`📊 Poll: ${'q'.repeat(199)}… (`)).toBe(true);
    expect(poll(42, [{ text: 'a' }])).toBe('📊 Poll: 42 (a)');
    expect(poll(undefined, [{ text: 'a' }])).toBe('[unsupported message]');
  });

  it('fetches a file through getFile, then /file/bot<token>/<file_path>', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43]);
    server.reply(
      { status: 200, body: getFileResponse('photos/file_12.jpg') },
      { status: 200, body: jpeg, headers: { 'content-type': 'image/jpeg' } },
    );
    await expect(adapter.fetchMedia('AgACAgQAAxkBAAIBZ2large', 1024)).resolves.toEqual({
      content: jpeg,
      content_type: 'image/jpeg',
    });
    const [getFile, download] = server.requests;
    expect({ method: getFile.method, path: getFile.path, json: getFile.json }).toEqual({
      method: 'POST',
      path: `/bot${BOT_TOKEN}/getFile`,
      json: { file_id: 'AgACAgQAAxkBAAIBZ2large' },
    });
    expect({ method: download.method, path: download.path }).toEqual({
      method: 'GET',
      path: `/file/bot${BOT_TOKEN}/photos/file_12.jpg`,
    });
  });

  it('maps a getFile refusal (a file over 20 MB, an unknown id) and an answer without file_path', async () => {
    server.reply(
      { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: file is too big' } },
      { status: 200, body: { ok: true, result: { file_id: 'x' } } },
    );
    expect(await providerRejection(adapter.fetchMedia('x', 1024))).toMatchObject({
      kind: 'rejected',
      retryable: false,
    });
    expect(await providerRejection(adapter.fetchMedia('x', 1024))).toMatchObject({
      kind: 'invalid_response',
    });
  });
});
