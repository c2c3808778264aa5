import { dataSourceOptions } from '../data-source-options';
import { IsolatedDatabase, isolatedDatabase } from '@app/testing';
import { DataSource } from 'typeorm';
import { LeadTagKeysPlpgsql1769464900000 } from './1769464900000-lead-tag-keys-plpgsql';

/** Tags whose text form the array syntax quotes or escapes, or that lower-case outside ASCII. */
const TRICKY_TAGS: string[][] = [
  [],
  ['VIP'],
  ['Q4', 'cold', 'B2B'],
  ['NULL', 'Null', 'null'],
  ['a,b', '{x}', 'say "hi"', 'back\\slash', ' padded ', 'two words'],
  ['ÉCOLE', 'Straße', 'ΟΔΟΣ', 'İstanbul', 'ＡＢＣ', '😀Tag'],
  [''],
];

/**
 * lead_tag_keys is the expression of the tag filter's index: its new body must give every array the keys the old
 * one gave (the index is not rebuilt), and it replaces a function in the schema, so it runs on a database of its own.
 */
describe('migration: lead_tag_keys in PL/pgSQL, same keys (integration)', () => {
  let database: IsolatedDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await isolatedDatabase();
    db = await new DataSource(
      dataSourceOptions({ database: { url: database.url, poolSize: 2 } }),
    ).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const language = async () =>
    (
      await db.query(
        `SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
          WHERE p.proname = 'lead_tag_keys'`,
      )
    )[0].lanname as string;

  /** Each array's keys by the function, beside the element-wise lower-casing the index was built with. */
  const keys = async () =>
    db.query<{ got: string[]; want: string[] }[]>(
      `SELECT lead_tag_keys(tags) AS got, ARRAY(SELECT lower(t) FROM unnest(tags) AS t) AS want
         FROM unnest($1::text[]) AS j, LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(j::jsonb)) AS tags) a`,
      [TRICKY_TAGS.map((tags) => JSON.stringify(tags))],
    );

  it('is PL/pgSQL after up, the SQL sub-select after down, and gives the same keys either way', async () => {
    const migration = new LeadTagKeysPlpgsql1769464900000();
    const runner = db.createQueryRunner();
    try {
      expect(await language()).toBe('plpgsql');
      const up = await keys();
      expect(up.map((r) => r.got)).toEqual(up.map((r) => r.want));
      expect(up.map((r) => r.got)).toContainEqual([
        'a,b',
        '{x}',
        'say "hi"',
        'back\\slash',
        ' padded ',
        'two words',
      ]);
      expect(up.map((r) => r.got)).toContainEqual(['null', 'null', 'null']);

      await migration.down(runner);
      expect(await language()).toBe('sql');
      expect((await keys()).map((r) => r.got)).toEqual(up.map((r) => r.got));

      await migration.up(runner);
      expect(await language()).toBe('plpgsql');
    } finally {
      await runner.release();
    }
  });

  it('finds leads by a tag in any case through the index', async () => {
    const [{ id: tenantId }] = await db.query(
      `INSERT INTO tenants (name, slug) VALUES ('tags', 'tags-plpgsql') RETURNING id`,
    );
    const [{ id: leadId }] = await db.query(
      `INSERT INTO leads (tenant_id, email, tags) VALUES ($1, 'a@example.com', $2) RETURNING id`,
      [tenantId, ['Ünïcode "VIP"', 'NULL']],
    );
    await db.query(`INSERT INTO leads (tenant_id, email, tags) VALUES ($1, 'b@example.com', '{other}')`, [
      tenantId,
    ]);
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      // Only the tag index can answer (the database is this test's: its two leads are the table), so a key it
      // lacked would find nothing.
      await runner.query(`SET LOCAL enable_seqscan = off`);
      await runner.query(`SET LOCAL enable_indexscan = off`);
      const byTags = `SELECT id FROM leads WHERE lead_tag_keys(tags) @> lead_tag_keys($1::text[])`;
      for (const tags of [['ünïcode "vip"'], ['null'], ['NULL', 'ÜNÏCODE "VIP"']]) {
        const found = await runner.query(byTags, [tags]);
        expect(found.map((r: { id: string }) => r.id)).toEqual([leadId]);
      }
      const [plan] = await runner.query(`EXPLAIN (FORMAT JSON) ${byTags}`, [['vip']]);
      expect(JSON.stringify(plan)).toContain('ix_leads_tenant_tag_keys');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
