import { dataSourceOptions, MessageEntity } from '@app/db';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { MessagesRepository } from './messages.repository';

/** What a sender int-spec works on: its own pool, the messages repository, a tenant, and messages to send. */
export interface SendMessages {
  db: DataSource;
  messages: MessagesRepository;
  tenantId: string;
  /** A new outbound SMS of a new lead, in its own conversation, in `status`; answers its id. */
  message(status: 'queued' | 'sending'): Promise<string>;
}

/**
 * Opens a pool of `poolSize` connections on the test database and a tenant named after `name` before the file's
 * tests (call it inside the describe), and closes the pool after them.
 */
export function sendMessagesFixture(name: string, poolSize: number): SendMessages {
  const fixture = {
    async message(status: 'queued' | 'sending'): Promise<string> {
      const { db, tenantId } = fixture;
      const [lead] = await db.query(
        `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+14155550123', '+14155550123')
         RETURNING id`,
        [tenantId],
      );
      const [conversation] = await db.query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
        [tenantId, lead.id],
      );
      const [m] = await db.query(
        `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
           idempotency_key, content)
         VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'agent', 'simulator', $5, $6, 'Hello') RETURNING id`,
        [uuidv7(), tenantId, conversation.id, lead.id, status, `${name}-${uuidv7()}`],
      );
      return m.id as string;
    },
  } as SendMessages;

  beforeAll(async () => {
    fixture.db = await new DataSource(
      dataSourceOptions({ database: { url: process.env.TEST_DATABASE_URL as string, poolSize } }),
    ).initialize();
    fixture.messages = new MessagesRepository(fixture.db.getRepository(MessageEntity));
    const slug = `${name}-${uuidv7()}`;
    [{ id: fixture.tenantId }] = await fixture.db.query(
      `INSERT INTO tenants (name, slug) VALUES ($1, $1) RETURNING id`,
      [slug],
    );
  });
  afterAll(() => fixture.db?.destroy());

  return fixture;
}
