import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { createDatabaseIfMissing, dataSourceOptions } from '@app/db';
import pino from 'pino';
import { DataSource } from 'typeorm';

/** Creates the database when missing and runs every pending migration. */
async function migrate(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, base: { app: 'migrate' } });
  const created = await createDatabaseIfMissing(config.database.url);
  if (created) log.info('Database created');
  const db = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    log.info(
      { migrations: ran.map((m) => m.name) },
      ran.length ? `Ran ${ran.length} migration(s)` : 'Schema is up to date',
    );
  } finally {
    await db.destroy();
  }
}

migrate().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
