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
 * A new outbound SMS of a new lead (`phone`, in UTC), in its own conversation, in `status` (queued unless said),
 * through `provider` (the simulator unless said), with the idempotency key `key`, written by `sender` (an agent
 * unless said; `system`: an automated send, which waits its turn behind the sender's line; `ai`: the AI's answer):
 * answers its id.
 */
export async function insertOutboundSms(
  db: DataSource,
  tenantId: string,
  {
    key,
    phone = '+14155550123',
    status = 'queued',
    provider = 'simulator',
    sender = 'agent',
  }: {
    key: string;
    phone?: string;
    status?: 'queued' | 'sending';
    provider?: string;
    sender?: 'agent' | 'ai' | 'system';
  },
): Promise<string> {
  const [lead] = await db.query(
    `INSERT INTO leads (tenant_id, phone, phone_normalized, timezone) VALUES ($1, $2, $2, 'UTC') RETURNING id`,
    [tenantId, phone],
  );
  const [conversation] = await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
    [tenantId, lead.id],
  );
  const [m] = await db.query(
    `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
       idempotency_key, content)
     VALUES ($1, $2, $3, $4, 'outbound', 'sms', $8, $5, $6, $7, 'Hello') RETURNING id`,
    [uuidv7(), tenantId, conversation.id, lead.id, provider, status, key, sender],
  );
  return m.id as string;
}

/**
 * Opens a pool of `poolSize` connections on the test database and a tenant named after `name` before the file's
 * tests (call it inside the describe), and closes the pool after them.
 */
export function sendMessagesFixture(name: string, poolSize: number): SendMessages {
  const fixture = {
    message: (status: 'queued' | 'sending') =>
      insertOutboundSms(fixture.db, fixture.tenantId, { status, key: `${name}-${uuidv7()}` }),
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
