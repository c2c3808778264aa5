/**
 * The reference for bench:webhooks: a bare Fastify route doing the least honest work a webhook needs, one INSERT
 * of the raw event through `pg` (no signature check, no tenant look-up, no queue).
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_bare_events (id bigserial PRIMARY KEY, body text NOT NULL)',
  );
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.post('/bare/webhook', async (req, reply) => {
    await pool.query('INSERT INTO bench_bare_events (body) VALUES ($1)', [req.body as string]);
    return reply.code(200).send();
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
