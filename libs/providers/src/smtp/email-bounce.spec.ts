import { readBounce } from './email-bounce';
import { parseInboundEmail } from './inbound-email.parser';

/**
 * Bounces as servers write them: Postfix's DSN (RFC 3464 fields inline), Gmail's "Address not found", Exchange's
 * non-delivery report, a delay warning; and what is not a bounce: a person's reply, an out-of-office.
 */
describe('readBounce', () => {
  const POSTFIX = [
    'This is the mail system at host mail.clinic.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    '<ada@example.com>: host mx.example.com[203.0.113.5] said: 550 5.1.1',
    '    <ada@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    '',
    'Reporting-MTA: dns; mail.clinic.example',
    'X-Postfix-Queue-ID: 4F3C21A0B2',
    'Arrival-Date: Mon, 30 Nov 2026 10:00:00 +0000 (UTC)',
    '',
    'Final-Recipient: rfc822; ada@example.com',
    'Original-Recipient: rfc822;ada@example.com',
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.example.com',
    'Diagnostic-Code: smtp; 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    '',
    'From: Clinic <inbox@clinic.example>',
    'To: ada@example.com',
    'Subject: Your appointment',
    'Message-ID: <0192f0aa-1111-7000-8000-000000000001@reachline.example>',
  ].join('\n');

  it("reads Postfix's report: failed, permanent, its status, recipient, diagnostic and the bounced Message-ID", () => {
    expect(
      readBounce({
        from: 'MAILER-DAEMON@mail.clinic.example (Mail Delivery System)',
        subject: 'Undelivered Mail Returned to Sender',
        text: POSTFIX,
        headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' },
      }),
    ).toEqual({
      action: 'failed',
      permanent: true,
      status: '5.1.1',
      recipient: 'ada@example.com',
      original_message_id: '<0192f0aa-1111-7000-8000-000000000001@reachline.example>',
      diagnostic: '550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    });
  });

  it("reads Gmail's bounce from its sender, X-Failed-Recipients and the server's words", () => {
    const bounce = readBounce({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Failure)',
      headers: { 'X-Failed-Recipients': 'grace@example.org' },
      text: [
        '** Address not found **',
        '',
        "Your message wasn't delivered to grace@example.org because the address couldn't be found.",
        '',
        'The response from the remote server was:',
        '550 5.1.1 The email account that you tried to reach does not exist.',
      ].join('\n'),
    });
    expect(bounce).toMatchObject({
      action: 'failed',
      permanent: true,
      status: '5.1.1',
      recipient: 'grace@example.org',
      original_message_id: null,
    });
    expect(bounce?.diagnostic).toContain('does not exist');
  });

  it("reads Exchange's report sent as postmaster, with a bare SMTP code", () => {
    expect(
      readBounce({
        from: 'postmaster@contoso.example',
        subject: 'Undeliverable: Your appointment',
        text: "Delivery has failed to these recipients or groups:\n\nbob@contoso.example\nThe recipient's mailbox is full. Remote Server returned '452 Mailbox full'",
      }),
    ).toMatchObject({ action: 'failed', permanent: false, status: '4.0.0', recipient: null });
  });

  it('a delay warning is only delayed, never permanent', () => {
    expect(
      readBounce({
        from: 'MAILER-DAEMON@mail.clinic.example',
        subject: 'Delayed Mail (still being retried)',
        text: 'Final-Recipient: rfc822; ada@example.com\nAction: delayed\nStatus: 4.4.1\n',
      }),
    ).toMatchObject({ action: 'delayed', permanent: false, status: '4.4.1' });
    expect(
      readBounce({
        from: 'postmaster@contoso.example',
        subject: 'Delivery delayed: Your appointment',
        text: 'Delivery is delayed to these recipients. The server will retry for 2 days.',
      }),
    ).toMatchObject({ action: 'delayed', permanent: false });
  });

  it('a failure without a code is permanent only when it says the mailbox does not exist', () => {
    expect(readBounce({ from: 'mailer-daemon@x.example', text: 'Sorry, no such user here.' })).toMatchObject({
      action: 'failed',
      permanent: true,
      status: null,
    });
    expect(
      readBounce({ from: 'mailer-daemon@x.example', text: 'The message could not be delivered.' }),
    ).toMatchObject({ action: 'failed', permanent: false, status: null });
  });

  it('a report of a message delivered after all is no bounce', () => {
    expect(
      readBounce({
        from: 'mailer-daemon@x.example',
        text: 'Final-Recipient: rfc822; ada@example.com\nAction: delivered\nStatus: 2.0.0\n',
      }),
    ).toBeUndefined();
  });

  it("a person's reply about a failed delivery, or an out-of-office, is no bounce", () => {
    expect(
      readBounce({
        from: 'Ada <ada@example.com>',
        subject: 'Re: Your appointment',
        text: 'My last email bounced with 550 5.1.1, the address does not exist. Use this one.',
      }),
    ).toBeUndefined();
    expect(
      readBounce({
        from: 'ada@example.com',
        subject: 'Automatic reply: Your appointment',
        text: 'I am out of the office until 12/07.',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    ).toBeUndefined();
  });
});

describe('parseInboundEmail with a bounce', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('carries the bounce on the message; headers may come as a list of name and value', () => {
    const [message] = parseInboundEmail(
      {
        from: 'MAILER-DAEMON@mail.clinic.example',
        to: 'inbox@clinic.example',
        subject: 'Undelivered Mail Returned to Sender',
        text: 'Final-Recipient: rfc822; ada@example.com\nAction: failed\nStatus: 5.1.1\n',
        message_id: '<dsn-1@mail.clinic.example>',
        headers: [{ name: 'Content-Type', value: 'multipart/report; report-type=delivery-status' }],
      },
      now,
    );
    expect(message.bounce).toMatchObject({ action: 'failed', permanent: true, recipient: 'ada@example.com' });
  });

  it('a plain reply has no bounce; unreadable headers are ignored', () => {
    const [message] = parseInboundEmail(
      {
        from: 'ada@example.com',
        to: 'inbox@clinic.example',
        text: 'Yes',
        message_id: '<r@x>',
        headers: 'junk',
      },
      now,
    );
    expect(message.bounce).toBeUndefined();
    expect(message.body).toBe('Yes');
  });
});
