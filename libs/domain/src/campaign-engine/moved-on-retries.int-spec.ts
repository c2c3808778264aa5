import { createTenant, insertCampaignRows, TestTenant, useTestApi, zoneInDaytime } from '@app/testing';
import { MessageStatusService } from '../inbound/message-status.service';
import { MessageSenderService } from '../messaging/message-sender.service';
import { CampaignRetriesService } from './campaign-retries.service';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * A failed campaign send is retried under its campaign's retry policy wherever its enrollment stands: in a campaign
 * with no DELAY between its steps the enrollment has moved on (and may have completed) by the time the provider
 * reports the first step's message failed. The retry is then a new attempt of that message (the next attempt's
 * key), due after the policy's backoff; the enrollment stays where it is. It is never made for an enrollment that
 * stopped, and a decision made twice makes one retry. The runner, the sender and the status callbacks are called as
 * their jobs call them.
 */
describe('the retry of a failed send whose enrollment has moved on (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  }, 60_000);

  /** A campaign of two SMS steps with no DELAY between them (two attempts, 30 minutes apart). */
  async function campaign(steps: { type: 'SMS' | 'DELAY'; content?: string; delay_minutes?: number }[]) {
    phone += 1;
    const number = `+1415555${String(7000 + phone).padStart(4, '0')}`;
    // Straight into Postgres: the clock moves on through the file, past any token's life.
    const [{ id: leadId }] = (await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezone)
       VALUES ($1, 'Mo', $2, $2, $3) RETURNING id`,
      [t.id, number, zoneInDaytime()],
    )) as { id: string }[];
    const rows = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps,
      retryPolicy: { max_attempts: 2, delay_minutes: 30 },
    });
    const [{ id: enrollmentId }] = await api.db.query(
      `SELECT id FROM campaign_enrollments WHERE campaign_id = $1`,
      [rows.id],
    );
    /** The scheduler's turn at the enrollment's step: claimed, then run as its step job. */
    const turn = async () => {
      const [[e]] = await api.db.query(
        `UPDATE campaign_enrollments SET status = 'queued' WHERE id = $1 RETURNING current_step, attempts`,
        [enrollmentId],
      );
      await api.app.get(CampaignStepRunner).run({
        tenant_id: t.id,
        turns: [{ enrollment_id: enrollmentId, step: e.current_step, attempt: e.attempts + 1 }],
      });
    };
    const message = async (key: string) =>
      (
        await api.db.query(
          `SELECT id, status, content, error_code, provider_message_id FROM messages WHERE idempotency_key = $1`,
          [`campaign:${enrollmentId}:${key}`],
        )
      )[0] as
        | {
            id: string;
            status: string;
            content: string;
            error_code: string | null;
            provider_message_id: string;
          }
        | undefined;
    const send = (id: string) => api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    /** The provider reports the sent message undeliverable (30003, an unreachable handset: worth another try). */
    const undeliverable = async (key: string) => {
      const m = (await message(key))!;
      expect(
        await api.app.get(MessageStatusService).apply(t.id, 'simulator', m.id, {
          provider_message_id: m.provider_message_id,
          status: 'undelivered',
          error_code: '30003',
        }),
      ).toBe('applied');
    };
    const enrollment = async () =>
      (
        await api.db.query(`SELECT status, current_step, attempts FROM campaign_enrollments WHERE id = $1`, [
          enrollmentId,
        ])
      )[0];
    const keys = async () =>
      (
        (await api.db.query(
          `SELECT idempotency_key FROM messages WHERE campaign_id = $1 ORDER BY idempotency_key`,
          [rows.id],
        )) as { idempotency_key: string }[]
      ).map((r) => r.idempotency_key.replace(`campaign:${enrollmentId}:`, ''));
    return { id: rows.id, leadId, enrollmentId, turn, message, send, undeliverable, enrollment, keys };
  }

  /** Both steps written and sent: the enrollment completed with the second. */
  async function bothSent() {
    const c = await campaign([
      { type: 'SMS', content: 'One' },
      { type: 'SMS', content: 'Two' },
    ]);
    await c.turn();
    await c.send((await c.message('0:1'))!.id);
    await c.turn();
    await c.send((await c.message('1:1'))!.id);
    expect(await c.enrollment()).toEqual({ status: 'completed', current_step: 2, attempts: 0 });
    expect((await c.message('0:1'))!.status).toBe('sent');
    return c;
  }

  it('retries the first step after its backoff though the enrollment completed with the second', async () => {
    const c = await bothSent();
    // The campaign completed with its last lead's sequence, as the tick completes it.
    await api.db.query(`UPDATE campaigns SET status = 'completed', completed_at = now() WHERE id = $1`, [
      c.id,
    ]);
    await c.undeliverable('0:1');

    const retry = await c.message('0:2');
    expect(retry).toMatchObject({ status: 'queued', content: 'One' });
    // The enrollment stays where it stood; the campaign runs again for the retry.
    expect(await c.enrollment()).toEqual({ status: 'completed', current_step: 2, attempts: 0 });
    expect((await api.db.query(`SELECT status FROM campaigns WHERE id = $1`, [c.id]))[0].status).toBe(
      'active',
    );
    // Not before its backoff.
    await c.send(retry!.id);
    expect((await c.message('0:2'))!.status).toBe('queued');
    api.clock.advance(30 * 60_000);
    await c.send(retry!.id);
    expect((await c.message('0:2'))!.status).toBe('sent');
    expect(await c.keys()).toEqual(['0:1', '0:2', '1:1']);
  });

  it('retries the first step once, however often its failure is decided', async () => {
    const c = await bothSent();
    await c.undeliverable('0:1');
    const failed = (await c.message('0:1'))!;
    const again = {
      tenant_id: t.id,
      id: failed.id,
      idempotency_key: `campaign:${c.enrollmentId}:0:1`,
      error_code: '30003',
    };
    await api.app.get(CampaignRetriesService).decide(again);
    expect(await c.keys()).toEqual(['0:1', '0:2', '1:1']);
  });

  it('does not take the enrollment back again for a decision made again after its retry went', async () => {
    const c = await campaign([
      { type: 'SMS', content: 'One' },
      { type: 'DELAY', delay_minutes: 24 * 60 },
      { type: 'SMS', content: 'Two' },
    ]);
    await c.turn();
    await c.send((await c.message('0:1'))!.id);
    await c.undeliverable('0:1');
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 0, attempts: 1 });
    api.clock.advance(30 * 60_000);
    await c.turn();
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 2, attempts: 0 });
    const failed = (await c.message('0:1'))!;
    await api.app.get(CampaignRetriesService).decide({
      tenant_id: t.id,
      id: failed.id,
      idempotency_key: `campaign:${c.enrollmentId}:0:1`,
      error_code: '30003',
    });
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 2, attempts: 0 });
    expect(await c.keys()).toEqual(['0:1', '0:2']);
  });

  it('gives up after the last attempt, leaving the enrollment where it stands', async () => {
    const c = await bothSent();
    await c.undeliverable('0:1');
    api.clock.advance(30 * 60_000);
    await c.send((await c.message('0:2'))!.id);
    await c.undeliverable('0:2');
    expect(await c.keys()).toEqual(['0:1', '0:2', '1:1']);
    expect(await c.enrollment()).toEqual({ status: 'completed', current_step: 2, attempts: 0 });
  });

  it('makes no retry for an enrollment that stopped (the lead replied) or a cancelled campaign', async () => {
    const replied = await bothSent();
    await api.db.query(`UPDATE campaign_enrollments SET status = 'replied' WHERE id = $1`, [
      replied.enrollmentId,
    ]);
    await replied.undeliverable('0:1');
    expect(await replied.keys()).toEqual(['0:1', '1:1']);

    const cancelled = await bothSent();
    await api.db.query(`UPDATE campaigns SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);
    await cancelled.undeliverable('0:1');
    expect(await cancelled.keys()).toEqual(['0:1', '1:1']);
  });

  it('makes no retry for a lead the contact policy now refuses (opted out of SMS)', async () => {
    const c = await bothSent();
    await api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE id = $1`, [c.leadId]);
    await c.undeliverable('0:1');
    expect(await c.keys()).toEqual(['0:1', '1:1']);
  });

  it("retries a step whose enrollment waits at the next step's retry, which still goes", async () => {
    // Three steps: the second's send failed first and its retry took the enrollment back to it.
    const c = await campaign([
      { type: 'SMS', content: 'One' },
      { type: 'SMS', content: 'Two' },
      { type: 'DELAY', delay_minutes: 24 * 60 },
      { type: 'SMS', content: 'Three' },
    ]);
    await c.turn();
    await c.send((await c.message('0:1'))!.id);
    await c.turn();
    await c.send((await c.message('1:1'))!.id);
    await c.undeliverable('1:1');
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 1, attempts: 1 });
    await c.undeliverable('0:1');
    // The enrollment stays at the second step's retry; the first step's retry is a message of its own.
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 1, attempts: 1 });
    api.clock.advance(30 * 60_000);
    await c.send((await c.message('0:2'))!.id);
    // Its last attempt fails too: the second step's retry still goes.
    await c.undeliverable('0:2');
    expect(await c.enrollment()).toEqual({ status: 'waiting', current_step: 1, attempts: 1 });
    await c.turn();
    expect(await c.keys()).toEqual(['0:1', '0:2', '1:1', '1:2']);
    expect(await c.enrollment()).toMatchObject({ status: 'waiting', current_step: 3, attempts: 0 });
  });
});
