import { dataSourceOptions } from '@app/db';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { csvFromCursor } from './csv-cursor';

/** The cursor behind the CSV exports, against the run's database. */
describe('csvFromCursor (integration)', () => {
  let db: DataSource;
  const onEarlyEnd = { logger: new Logger('csv-cursor.int-spec'), context: {}, what: 'export ended early' };
  const cell = (_c: string, v: unknown) => String(v);

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('Run tests through jest: its global setup makes the test database');
    db = await new DataSource(dataSourceOptions({ database: { url, poolSize: 1 } })).initialize();
  });
  afterAll(() => db?.destroy());

  async function text(stream: NodeJS.ReadableStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }

  it('streams the rows as CSV with a BOM and a header, and gives the connection back', async () => {
    const sql = 'SELECT n, n * 2 AS twice FROM generate_series(1, 2500) n';
    const csv = await text(await csvFromCursor(db, { sql, params: [] }, ['n', 'twice'], cell, onEarlyEnd));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect({
      bom: csv.startsWith('\uFEFF'),
      header: lines[0],
      rows: lines.length - 1,
      last: lines.at(-1),
    }).toEqual({
      bom: true,
      header: 'n,twice',
      rows: 2500,
      last: '2500,5000',
    });
    // One connection in the pool: a second query runs only if the cursor's went back.
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a client that leaves early is no warning; the connection still goes back', async () => {
    const logger = new Logger('csv-cursor.int-spec');
    const warn = jest.spyOn(logger, 'warn');
    const debug = jest.spyOn(logger, 'debug');
    const sql = 'SELECT n FROM generate_series(1, 200000) n';
    const stream = await csvFromCursor(db, { sql, params: [] }, ['n'], cell, { ...onEarlyEnd, logger });
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ warned: warn.mock.calls.length, noted: debug.mock.calls.length }).toEqual({
      warned: 0,
      noted: 1,
    });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a query that fails after the first rows is a warning', async () => {
    const logger = new Logger('csv-cursor.int-spec');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const sql = 'SELECT 1 / (3000 - n) AS n FROM generate_series(1, 5000) n';
    const stream = await csvFromCursor(db, { sql, params: [] }, ['n'], cell, { ...onEarlyEnd, logger });
    await text(stream).catch(() => undefined);
    expect(warn.mock.calls.map((c) => (c[0] as { err: { code?: string } }).err.code)).toEqual(['22012']);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('an empty result is the header alone', async () => {
    const sql = 'SELECT 1 AS n WHERE false';
    expect(await text(await csvFromCursor(db, { sql, params: [] }, ['n'], cell, onEarlyEnd))).toBe(
      '\uFEFFn\n',
    );
  });

  it('a query Postgres refuses fails before any byte goes out (the caller can still answer an error)', async () => {
    const sql = 'SELECT 1 / $1::int AS n';
    await expect(csvFromCursor(db, { sql, params: [0] }, ['n'], cell, onEarlyEnd)).rejects.toMatchObject({
      code: '22012',
    });
    await expect(
      csvFromCursor(db, { sql: 'SELECT $1::text AS n', params: ['a\u0000b'] }, ['n'], cell, onEarlyEnd),
    ).rejects.toMatchObject({ code: '22021' });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
