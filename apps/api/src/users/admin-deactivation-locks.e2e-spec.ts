import { createTenant, createUser, PgSessions, TestTenant, useTestApi } from '@app/testing';

/**
 * Deactivating an admin locks the tenant's active admins (at least one stays), then unassigns the conversations
 * of the one deactivated; a manual message holds its conversation's row, then its row's foreign key takes a
 * key-share lock on its sender, who may be one of those admins. The admins' locks must not refuse that key-share,
 * or the two wait for each other and one of them dies of a deadlock.
 */
describe("an admin's deactivation beside a manual message in their conversation (e2e)", () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  it('lets the message through, then deactivates the admin and unassigns the conversation', async () => {
    const other = await createUser(api.http, t, 'admin');
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Kit', phone: '+14155550671' });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(t.admin.headers)
      .send({ channel: 'sms', body: 'Hello' });
    expect(sent.status).toBe(201);
    const conversationId = sent.body.data.conversation_id as string;
    const assigned = await api.http
      .patch(`/api/conversations/${conversationId}`)
      .set(t.admin.headers)
      .send({ assigned_user_id: other.id });
    expect(assigned.status).toBe(200);

    // A manual message's transaction, as OutboundMessagesService.send runs it: the conversation's row first.
    const { tx, pid } = await sessions.begin();
    await tx.query('SELECT id FROM conversations WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE', [
      t.id,
      conversationId,
    ]);
    const deactivation = api.http
      .delete(`/api/users/${other.id}`)
      .set(t.admin.headers)
      .then((r) => r.status);
    // The deactivation has locked the admins and waits for the conversation's row.
    expect(await sessions.doneOrWaiting(deactivation, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, sender_user_id, content,
                             provider, status, idempotency_key)
       VALUES ($1, $2, $3, 'outbound', 'sms', 'agent', $4, 'Hello again', 'simulator', 'queued', $5)`,
      [t.id, conversationId, lead.body.data.id, t.admin.id, `locks:${conversationId}`],
    );
    await tx.commitTransaction();

    expect(await deactivation).toBe(200);
    expect(
      await api.db.query('SELECT assigned_user_id FROM conversations WHERE id = $1', [conversationId]),
    ).toEqual([{ assigned_user_id: null }]);
    expect(
      await api.db.query('SELECT sender_user_id FROM messages WHERE conversation_id = $1 AND content = $2', [
        conversationId,
        'Hello again',
      ]),
    ).toEqual([{ sender_user_id: t.admin.id }]);
  });
});
