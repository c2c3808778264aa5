import type { LeadEntity, MessageEntity } from '@app/db';
import { inboundNotification } from './inbound-notification';

const lead = { id: 'lead-1', firstName: 'John', lastName: 'Doe' } as LeadEntity;
const email = (content: string | null, subject: string | null) =>
  inboundNotification(lead, 'john@example.com', 'conv-1', {
    id: 'm-1',
    channel: 'email',
    content,
    subject,
  } as MessageEntity);

describe('inboundNotification', () => {
  it("quotes what an email says, not its subject (a reply's is our own with Re:)", () => {
    expect(email('Tuesday works\nfor me.', 'Re: Pricing question')).toMatchObject({
      title: 'New email message from John Doe',
      message: 'Tuesday works for me.',
    });
  });

  it('falls back to the subject when the body says nothing, then to [attachment]', () => {
    expect(email('  ', 'Invoice attached').message).toBe('Invoice attached');
    expect(email(null, null).message).toBe('[attachment]');
  });

  it('cuts a long text with an ellipsis at 140 characters', () => {
    const message = email('x'.repeat(300), null).message;
    expect(message).toHaveLength(140);
    expect(message.endsWith('…')).toBe(true);
  });
});
