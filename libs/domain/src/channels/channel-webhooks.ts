import type { Channel, ChannelProvider } from '@app/db';

export interface ChannelWebhook {
  /** What the provider sends there. */
  purpose: 'inbound' | 'status' | 'verification';
  method: 'GET' | 'POST';
  url: string;
  /** What to set it as at the provider's console. */
  description: string;
}

/**
 * The webhook URLs to give the provider (DESIGN §3), built from PUBLIC_BASE_URL and the config's routing key; for
 * the simulator, the URLs it calls itself.
 */
export function channelWebhooks(
  base: string,
  channel: Channel,
  provider: ChannelProvider,
  webhookKey: string,
): ChannelWebhook[] {
  const key = encodeURIComponent(webhookKey);
  const twilioMessaging = (): ChannelWebhook[] => [
    {
      purpose: 'inbound',
      method: 'POST',
      url: `${base}/webhooks/twilio/messaging?key=${key}`,
      description: 'Twilio: "A message comes in" of the number or Messaging Service',
    },
    {
      purpose: 'status',
      method: 'POST',
      url: `${base}/webhooks/twilio/message-status?key=${key}`,
      description: 'Twilio: status callback URL (set on each send; add it to a Messaging Service too)',
    },
  ];
  if (channel === 'voice') {
    return [
      {
        purpose: 'inbound',
        method: 'POST',
        url: `${base}/webhooks/twilio/voice-inbound?key=${key}`,
        description: 'Twilio: "A call comes in" of the number',
      },
      {
        purpose: 'status',
        method: 'POST',
        url: `${base}/webhooks/twilio/status?key=${key}`,
        description: 'Twilio: call status callback',
      },
    ];
  }
  if (provider === 'whatsapp_cloud') {
    const url = `${base}/webhooks/whatsapp?key=${key}`;
    return [
      {
        purpose: 'verification',
        method: 'GET',
        url,
        description: "Meta: the app's webhook callback URL, verified with verify_token",
      },
      {
        purpose: 'inbound',
        method: 'POST',
        url,
        description: 'Meta: subscribe the messages field; signed with the app secret',
      },
    ];
  }
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return twilioMessaging();
    case 'telegram':
      return [
        {
          purpose: 'inbound',
          method: 'POST',
          url: `${base}/webhooks/telegram/${key}`,
          description:
            'Telegram: setWebhook url, with secret_token as the secret token; an allowed_updates list, if given, ' +
            'must hold message and my_chat_member (a user blocking the bot is their opt-out)',
        },
      ];
    case 'email':
      return [
        {
          purpose: 'inbound',
          method: 'POST',
          url: `${base}/webhooks/email-inbound?key=${key}`,
          description:
            'Inbound-mail relay (raw MIME, SendGrid Inbound Parse, a Mailgun route, Postmark, or our JSON): append ' +
            '&secret=<inbound_secret>; with mailgun_signing_key set, only posts Mailgun signed are taken',
        },
      ];
  }
}
