import { Client } from 'pg';

/**
 * The run's migrated template, which the global setup copies from the run's database before any test connects:
 * a file's database of its own (`isolatedDatabase`) is a copy of it (a few hundred ms) instead of a fresh database
 * through every migration (3-6 s of Postgres CPU each). Named after the run's database, so the teardown drops it.
 */
export function templateDatabaseUrl(runDatabaseUrl: string): string {
  const template = new URL(runDatabaseUrl);
  template.pathname = `${template.pathname}_template`;
  return template.toString();
}

/** Creates the database named in `url` as a copy of the one named in `from`, which must have no session open. */
export async function copyDatabase(from: string, url: string): Promise<void> {
  const [source, target] = [databaseName(from), databaseName(url)];
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${target}" TEMPLATE "${source}"`);
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Refusing a database named "${name}"`);
  return name;
}
