import { WebhookIntakeService } from '@app/domain';
import { createTenant, TestTenant, useTestApi } from '@app/testing';

/**
 * The intake records webhook deliveries arriving together in one statement (group commit): each event once per
 * (tenant, provider, event key), each delivery answered for its own events, and a row Postgres refuses fails its
 * own delivery only.
 */
describe('webhook intake, deliveries together (e2e)', () => {
  const api = useTestApi();
  let intake: WebhookIntakeService;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    intake = api.app.get(WebhookIntakeService);
    [a, b] = await Promise.all([createTenant(api.http), createTenant(api.http)]);
  }, 60_000);

  const call = (key: string, extra: Record<string, unknown> = {}) => ({
    event_key: key,
    event: { kind: 'call', call_sid: key, ...extra },
  });
  const keysOf = async (tenantId: string, prefix: string) =>
    (
      await api.db.query(
        `SELECT event_key FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE $2 ORDER BY event_key`,
        [tenantId, `${prefix}%`],
      )
    ).map((r: { event_key: string }) => r.event_key);

  it('records concurrent deliveries of two tenants once each, and says which repeated', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        intake.record(a.id, 'twilio', [call(`together-a${i}`), call(`together-a${i}-b`)], 'calls.event'),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        intake.record(b.id, 'twilio', [call(`together-a${i}`)], 'calls.event'),
      ),
      // The provider's retry racing the first delivery, and a delivery naming one event twice.
      intake.record(a.id, 'twilio', [call('together-a0')], 'calls.event'),
      intake.record(a.id, 'twilio', [call('together-x'), call('together-x')], 'calls.event'),
    ]);
    // Deliveries 1-9 of tenant a name events no one else sends: both recorded by them.
    expect(results.slice(1, 10)).toEqual(Array.from({ length: 9 }, () => ({ recorded: 2, duplicates: 0 })));
    expect(results.slice(10, 20)).toEqual(Array.from({ length: 10 }, () => ({ recorded: 1, duplicates: 0 })));
    expect(results[21]).toEqual({ recorded: 1, duplicates: 1 });
    // a0 was delivered twice at once: recorded by exactly one of the two deliveries.
    expect(results[0].recorded + results[20].recorded).toBe(2);
    expect(await keysOf(a.id, 'together-')).toHaveLength(21);
    expect(await keysOf(b.id, 'together-')).toHaveLength(10);
  });

  it('fails only the delivery whose row Postgres refuses; the others in its statement are recorded', async () => {
    const [bad, good, nul] = await Promise.allSettled([
      // An event key longer than its column.
      intake.record(a.id, 'twilio', [call(`refused-1${'x'.repeat(300)}`)], 'calls.event'),
      intake.record(a.id, 'twilio', [call('refused-2')], 'calls.event'),
      // jsonb refuses NUL in text: the provider's NUL is kept as U+FFFD, and the delivery is recorded.
      intake.record(a.id, 'twilio', [call('refused-3', { note: 'nul \u0000 here' })], 'calls.event'),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: { recorded: 1, duplicates: 0 } });
    expect(nul).toEqual({ status: 'fulfilled', value: { recorded: 1, duplicates: 0 } });
    expect(await keysOf(a.id, 'refused-')).toEqual(['refused-2', 'refused-3']);
    const [{ note }] = await api.db.query(
      `SELECT payload->>'note' AS note FROM webhook_events WHERE tenant_id = $1 AND event_key = 'refused-3'`,
      [a.id],
    );
    expect(note).toBe('nul \ufffd here');
  });

  it('records a delivery with an emoji cut in half (jsonb refuses the lone surrogate): kept as U+FFFD', async () => {
    const res = await intake.record(
      a.id,
      'twilio',
      [call('cut-emoji', { note: 'see you \ud83d' })],
      'calls.event',
    );
    expect(res).toEqual({ recorded: 1, duplicates: 0 });
    const [{ note }] = await api.db.query(
      `SELECT payload->>'note' AS note FROM webhook_events WHERE tenant_id = $1 AND event_key = 'cut-emoji'`,
      [a.id],
    );
    expect(note).toBe('see you \ufffd');
  });

  it('records an event whose key holds an emoji cut in half once, on its first delivery; a resend is a duplicate', async () => {
    // Postgres stores the lone surrogate as U+FFFD: the key is recorded and matched in that form.
    const first = await intake.record(a.id, 'twilio', [call('cut-key-\ud83d')], 'calls.event');
    const again = await intake.record(a.id, 'twilio', [call('cut-key-\ud83d')], 'calls.event');
    // The same key as Postgres keeps it is the same event.
    const stored = await intake.record(a.id, 'twilio', [call('cut-key-\ufffd')], 'calls.event');
    expect([first, again, stored]).toEqual([
      { recorded: 1, duplicates: 0 },
      { recorded: 0, duplicates: 1 },
      { recorded: 0, duplicates: 1 },
    ]);
    expect(await keysOf(a.id, 'cut-key-')).toEqual(['cut-key-\ufffd']);
    // In one delivery with another event, the cut key is recorded and the other too.
    expect(
      await intake.record(a.id, 'twilio', [call('cut-key-2\udc00'), call('cut-key-3')], 'calls.event'),
    ).toEqual({ recorded: 2, duplicates: 0 });
  });

  it('keeps keys and payloads with quotes, backslashes, brackets and non-ASCII text as sent', async () => {
    const key = 'odd-"q" \\b {x} [1,2] é 😀 \'s';
    const note = 'say "hi" \\ {"a":[1]} \n tab\t é 😀';
    const first = await intake.record(a.id, 'twilio', [call(key, { note })], 'calls.event');
    const again = await intake.record(a.id, 'twilio', [call(key, { note })], 'calls.event');
    expect(first).toEqual({ recorded: 1, duplicates: 0 });
    expect(again).toEqual({ recorded: 0, duplicates: 1 });
    const rows = await api.db.query(
      `SELECT event_key, payload->>'note' AS note, payload->>'call_sid' AS sid FROM webhook_events
        WHERE tenant_id = $1 AND event_key LIKE 'odd-%'`,
      [a.id],
    );
    expect(rows).toEqual([{ event_key: key, note, sid: key }]);
  });
});
