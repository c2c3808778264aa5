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
