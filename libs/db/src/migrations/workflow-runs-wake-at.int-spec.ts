import { createTenant, migrationOnIsolatedApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { WorkflowRunsWakeAt1769360000000 } from './1769360000000-workflow-runs-wake-at';

/** Runs waiting when the column comes take their waiting step's time. It drops a column: a database of its own. */
describe('migration: a waiting run keeps its wake-up time (integration)', () => {
  const on = migrationOnIsolatedApi(WorkflowRunsWakeAt1769360000000);

  it('backfills wake_at from the waiting step of waiting runs only, and indexes the waiting runs by it', async () => {
    const tenant = await createTenant(on.api.http);
    const flow = await on.api.http
      .post('/api/workflows')
      .set(tenant.admin.headers)
      .send({
        name: 'Waits',
        trigger: 'lead.created',
        nodes: [
          { id: 't', type: 'trigger', data: {}, position: { x: 0, y: 0 } },
          { id: 'wait', type: 'wait', data: { delay_minutes: 60 }, position: { x: 0, y: 100 } },
        ],
        edges: [{ id: 'e0', source: 't', target: 'wait' }],
      });
    expect(flow.status).toBe(201);
    const resumeAt = new Date('2026-12-01T10:00:00.000Z');
    const run = async (status: string, stepStatus: string) => {
      const [{ id }] = await on.db.query(
        `INSERT INTO workflow_runs (tenant_id, workflow_id, trigger_event, event_id, status, current_node_id,
           started_at)
         VALUES ($1, $2, 'lead.created', $3, $4, 'wait', now()) RETURNING id`,
        [tenant.id, flow.body.data.id, randomUUID(), status],
      );
      await on.db.query(
        `INSERT INTO workflow_run_steps (tenant_id, run_id, node_id, node_type, seq, status, resume_at, started_at)
         VALUES ($1, $2, 'wait', 'wait', 1, $3, $4, now())`,
        [tenant.id, id, stepStatus, resumeAt],
      );
      return id as string;
    };
    const waiting = await run('waiting', 'waiting');
    const stopped = await run('stopped', 'waiting');
    const running = await run('running', 'done');

    await on.migrate('down');
    await on.migrate('up');

    const rows: { id: string; wake_at: Date | null }[] = await on.db.query(
      `SELECT id, wake_at FROM workflow_runs WHERE id = ANY($1::uuid[])`,
      [[waiting, stopped, running]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.wake_at?.toISOString() ?? null]))).toEqual({
      [waiting]: resumeAt.toISOString(),
      [stopped]: null,
      [running]: null,
    });
    const [index] = await on.db.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_workflow_runs_waiting_wake'`,
    );
    expect(index.indexdef).toContain(`WHERE ((status)::text = 'waiting'::text)`);
  });
});
