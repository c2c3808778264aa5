/**
 * bench:lead-array — the response time of `POST /api/leads` with an array of 1,000 leads (the most it takes):
 *   - `new`: 1,000 new people (phone in mixed national and international formats, email, name, tags);
 *   - `taken`: the same 1,000 sent again, each one then a duplicate of an existing lead (409 per item).
 * Each is timed over `--rounds` rounds on one tenant (fresh people each `new` round) and the median printed; no
 * figure is asserted. The tenant holds `--leads` leads first (with their identities, tables analysed), as a tenant
 * in use does: on a fresh database the planner takes every table for empty, and a foreign-key check that scans
 * the tenant's leads made round-to-round figures differ threefold. The API runs in this process (the test app:
 * swc-compiled, logging off) on a database and Redis prefix of its own, removed at the end.
 *   npm run bench:lead-array [-- --rounds 5 --items 1000 --leads 50000]
 */
import { Client } from 'pg';
import { createTenant, createTestApi } from '../libs/testing/src';
import { benchRun, createBenchDatabase, numberArg, removeBenchData } from './support';

const ROUNDS = Math.max(1, numberArg('rounds', 5));
const ITEMS = numberArg('items', 1000);
const LEADS = numberArg('leads', 50_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
let figures: Record<string, number> = {};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Round `round`'s people: US numbers written five ways, each with an email of its own. */
function people(round: number): Record<string, unknown>[] {
  return Array.from({ length: ITEMS }, (_, i) => {
    const n = round * ITEMS + i;
    const line = String(1000 + (n % 9000)).padStart(4, '0');
    const exchange = 200 + Math.floor(n / 9000);
    const national = `415${exchange}${line}`;
    const phone = [
      `+1${national}`,
      `(415) ${exchange}-${line}`,
      `415.${exchange}.${line}`,
      `001 ${national}`,
      `+1 415 ${exchange} ${line}`,
    ][n % 5];
    return {
      name: `Person ${n} Bench`,
      phone,
      country: 'US',
      email: `person-${n}@example.test`,
      company: `Company ${n % 97}`,
      tags: ['bench', `round-${round}`],
    };
  });
}

/** The tenant's existing leads (emails of their own, no phone), their identities, and fresh statistics. */
async function seedLeads(databaseUrl: string, tenantId: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO leads (id, tenant_id, first_name, email)
       SELECT gen_random_uuid(), $1, 'Existing', 'existing-' || g || '@example.test' FROM generate_series(1, $2) g`,
      [tenantId, LEADS],
    );
    await db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       SELECT tenant_id, id, 'email', lower(email) FROM leads WHERE tenant_id = $1`,
      [tenantId],
    );
    await db.query('ANALYZE leads');
    await db.query('ANALYZE lead_identities');
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const run = benchRun();
  await createBenchDatabase(run);
  process.env.TEST_RUN_ID = run.runId;
  process.env.TEST_DATABASE_URL = run.databaseUrl;
  const api = await createTestApi({ env: { DATABASE_POOL_SIZE: '10' } });
  try {
    const tenant = await createTenant(api.http);
    await seedLeads(run.databaseUrl, tenant.id);
    const post = async (body: unknown[]) => {
      const started = process.hrtime.bigint();
      const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.body)}`);
      return { ms, data: res.body.data as { created: number; failed: number } };
    };
    // One small request first: connections, compiled validators and plans are warm for every timed round.
    await post([{ email: 'warm-up@example.test' }]);
    const fresh: number[] = [];
    const taken: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const body = people(round);
      const created = await post(body);
      if (created.data.created !== ITEMS) throw new Error(`created ${created.data.created} of ${ITEMS}`);
      fresh.push(created.ms);
      const again = await post(body);
      if (again.data.failed !== ITEMS) throw new Error(`refused ${again.data.failed} of ${ITEMS}`);
      taken.push(again.ms);
      say(`round ${round + 1}: new ${created.ms.toFixed(0)} ms, taken ${again.ms.toFixed(0)} ms`);
    }
    say(`POST /api/leads, ${ITEMS} items, median of ${ROUNDS}:`);
    say(`  new people   ${median(fresh).toFixed(0)} ms`);
    say(`  all taken    ${median(taken).toFixed(0)} ms`);
    figures = {
      items: ITEMS,
      rounds: ROUNDS,
      tenant_leads: LEADS,
      new_ms_median: Math.round(median(fresh)),
      taken_ms_median: Math.round(median(taken)),
    };
  } finally {
    await api.close();
    await removeBenchData(run, say);
  }
}

main().then(
  () => {
    // No issue states a goal for this figure: the line carries the figures only.
    say(JSON.stringify({ bench: 'lead-array', goals: [], figures }));
    process.exit(0);
  },
  (err: unknown) => {
    say(String(err instanceof Error ? err.stack : err));
    process.exit(1);
  },
);
