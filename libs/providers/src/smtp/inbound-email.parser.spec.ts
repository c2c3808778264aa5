import { SmtpMessagingAdapter } from './smtp-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');
const adapter = new SmtpMessagingAdapter(
  { host: 'localhost', port: 25, secure: false, from: 'hello@clinic.example' },
  { now: () => NOW },
);

describe('inbound email webhook parsing', () => {
  it('reads the documented JSON body with its threading headers', () => {
    const parsed = adapter.parseInbound({
      from: '"Ada Lovelace" <Ada@Example.com>',
      to: ['Inbox@clinic.example', 'cc@clinic.example'],
      subject: 'Re: Your appointment',
      text: 'Yes, Tuesday works.',
      html: '<p>Yes, Tuesday works.</p>',
      message_id: 'CAF=abc@mail.example.com',
      in_reply_to: '<0192f3a4-msg@clinic.example>',
      references: '<root@clinic.example> <0192f3a4-msg@clinic.example>',
      date: '2026-01-05T09:59:00Z',
    });

    expect(parsed).toEqual([
      {
        channel: 'email',
        from: 'ada@example.com',
        to: 'inbox@clinic.example',
        body: 'Yes, Tuesday works.',
        provider_message_id: '<CAF=abc@mail.example.com>',
        sender_name: 'Ada Lovelace',
        subject: 'Re: Your appointment',
        html: '<p>Yes, Tuesday works.</p>',
        threading: {
          message_id: '<CAF=abc@mail.example.com>',
          in_reply_to: '<0192f3a4-msg@clinic.example>',
          references: ['<root@clinic.example>', '<0192f3a4-msg@clinic.example>'],
        },
        received_at: '2026-01-05T09:59:00.000Z',
      },
    ]);
  });

  it('takes references as an array and the receipt time when no date is given', () => {
    const [message] = adapter.parseInbound({
      from: 'lead@example.com',
      to: 'inbox@clinic.example',
      text: 'STOP',
      message_id: '<x@y>',
      references: ['<a@b>'],
    });
    expect(message.threading).toEqual({ message_id: '<x@y>', references: ['<a@b>'] });
    expect(message.received_at).toBe(NOW.toISOString());
    expect(message.sender_name).toBeUndefined();
  });

  it('reads Message-IDs as the headers write them: run together, with a comment, several, or bare', () => {
    const read = (in_reply_to: unknown, references: unknown) =>
      adapter.parseInbound({
        from: 'lead@example.com',
        text: 'Hi',
        message_id: '<x@y>',
        in_reply_to,
        references,
      })[0].threading;
    expect(read("<a@b> (Ada's message of Tue)", '<r@s><a@b>')).toEqual({
      message_id: '<x@y>',
      in_reply_to: '<a@b>',
      references: ['<r@s>', '<a@b>'],
    });
    expect(read('<a@b> <c@d>', undefined)).toEqual({
      message_id: '<x@y>',
      in_reply_to: '<a@b>',
      references: ['<c@d>'],
    });
    expect(read('a@b', 'r@s a@b')).toEqual({
      message_id: '<x@y>',
      in_reply_to: '<a@b>',
      references: ['<r@s>', '<a@b>'],
    });
    expect(read('  ', [])).toEqual({ message_id: '<x@y>' });
  });

  it('needs a sender; a message without a Message-ID is named by a hash of what it says, the same on a retry', () => {
    expect(adapter.parseInbound({ to: 'a@b', text: 'x', message_id: '<x@y>' })).toEqual([]);
    expect(adapter.parseInbound(undefined)).toEqual([]);
    const [first] = adapter.parseInbound({ from: 'a@b.example', to: 'c@d', text: 'x' });
    const [retry] = adapter.parseInbound({ from: 'a@b.example', to: 'c@d', text: 'x' });
    const [other] = adapter.parseInbound({ from: 'a@b.example', to: 'c@d', text: 'y' });
    expect(first.provider_message_id).toMatch(/^<.+>$/);
    expect(retry.provider_message_id).toBe(first.provider_message_id);
    expect(first.threading?.message_id).toBe(first.provider_message_id);
    expect(other.provider_message_id).not.toBe(first.provider_message_id);
    expect(adapter.parseStatus({})).toEqual([]);
  });
});
