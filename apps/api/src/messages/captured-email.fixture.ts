import { SendingChannels } from '@app/domain';
import type { MessagingPort, OutboundMessage } from '@app/providers';
import type { TestWorkerOptions } from '@app/testing';

/**
 * An email channel whose sends are kept instead of going out: `sent` holds what the sender handed the provider, in
 * order; `configure` puts it in place of the tenant's channels in a test worker.
 */
export function capturedEmail(): {
  sent: OutboundMessage[];
  configure: NonNullable<TestWorkerOptions['configure']>;
} {
  const sent: OutboundMessage[] = [];
  const port = {
    send: (message: OutboundMessage) => {
      sent.push(message);
      return Promise.resolve({
        provider_message_id: `<${message.message_id}@smtp.test>`,
        status: 'sent' as const,
      });
    },
  } as unknown as MessagingPort;
  return {
    sent,
    configure: (b) =>
      b.overrideProvider(SendingChannels).useValue({
        resolve: () =>
          Promise.resolve({ provider: 'smtp', port, webhookKey: 'test-key', sender: 'smtp-test' }),
        providerOf: () => Promise.resolve('smtp'),
      }),
  };
}
