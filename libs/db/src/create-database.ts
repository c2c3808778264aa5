import { Client } from 'pg';

/** The database named in `url`, refused unless it is a plain name (it goes into the statement unquoted otherwise). */
function databaseName(url: string, doing: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Refusing to ${doing} a database named "${name}"`);
  return name;
}

/** Runs `work` on a client of the server's `postgres` database, the server `url` names. */
async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist (connecting to the server's `postgres` database). */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const name = databaseName(url, 'create');
  return onServer(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  });
}

/** Creates the database named in `url` as a copy of the one named in `from`, which must have no session open. */
export async function copyDatabase(from: string, url: string): Promise<void> {
  const [source, target] = [databaseName(from, 'copy'), databaseName(url, 'create')];
  await onServer(url, (client) => client.query(`CREATE DATABASE "${target}" TEMPLATE "${source}"`));
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url, 'drop');
  await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
