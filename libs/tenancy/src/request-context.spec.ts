import pino from 'pino';
import { Writable } from 'node:stream';
import { JobLogFields, RequestContext, requestLogBindings, runInTenant } from './request-context';

const TENANT = '0192f3a4-0000-7000-8000-000000000001';

/** A logger as the processes make theirs (createRootLogger): the context's fields by the mixin; its lines kept. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ mixin: requestLogBindings }, sink) };
}

describe('log fields of the request context', () => {
  const job: JobLogFields = {
    job_id: '42',
    job: 'messages.send',
    queue: 'outbound-messages',
    tenant_id: TENANT,
    attempt: 1,
  };

  it("puts a job's fields on every line it logs, and none on a line outside it", async () => {
    const { lines, logger } = capturedLogger();
    const fields = { ...job };
    await runInTenant(
      TENANT,
      async () => {
        await Promise.resolve();
        logger.info({ duration_ms: 5 }, 'Job completed');
        logger.warn('Job failed');
      },
      { jobId: '42', job },
    );
    logger.info('outside');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map(({ time: _time, pid: _pid, hostname: _host, ...line }) => line)).toEqual([
      { level: 30, ...fields, duration_ms: 5, msg: 'Job completed' },
      // A line's own fields stay on it (pino merges them into what the mixin answers).
      { level: 40, ...fields, msg: 'Job failed' },
      { level: 30, msg: 'outside' },
    ]);
  });

  it('gives a platform job (no tenant) its fields with a null tenant', () => {
    const { lines, logger } = capturedLogger();
    const platform = { job_id: '7', job: 'system.sweep', queue: 'system', tenant_id: null };
    RequestContext.run({ jobId: '7', job: platform }, () => logger.info('swept'));
    expect(lines[0]).toMatchObject({ ...platform, msg: 'swept' });
    expect(() =>
      RequestContext.run({ jobId: '7', job: platform }, () => RequestContext.tenantId()),
    ).toThrow();
  });

  it("keeps a request's own fields for a request", () => {
    const { lines, logger } = capturedLogger();
    RequestContext.run({ requestId: 'req-12345678' }, () => logger.info('request'));
    expect(lines[0]).toMatchObject({ request_id: 'req-12345678', msg: 'request' });
    expect(lines[0]).not.toHaveProperty('job_id');
  });
});
