/**
 * Which relations of one database wrote the WAL since a mark, and how much of it was full-page images: the
 * pg_walinspect extension's records (Postgres 15+; CREATE EXTENSION needs a superuser), each charged to the relation
 * of its first block (its `block_ref`), its full-page images counted on every block that carries one. Records of
 * other databases (other benches running on the same server) are left out; records that name no relation (commits,
 * checkpoints) are summed by resource manager, whoever wrote them. The checkpoints during a phase would recycle the
 * WAL before it is read: a temporary physical replication slot, reserved on `db`'s session (dropped when it ends),
 * keeps it. The extension is dropped afterwards.
 *   bench:import -- --wal-detail   (bench/import.ts)
 */
import type { Client } from 'pg';

/** One line of the report: a relation (or a resource manager's records without one). */
interface WalShare {
  relation: string;
  records: string;
  mb: string;
  fpi_mb: string;
  fpis: string;
  hint_fpis: string;
}

const BY_RELATION = `
  WITH rec AS (
    SELECT r.start_lsn, r.resource_manager, r.record_type, r.record_length, r.fpi_length,
           (regexp_match(r.block_ref, 'rel \\d+/(\\d+)/(\\d+)'))[1]::oid AS db,
           (regexp_match(r.block_ref, 'rel \\d+/(\\d+)/(\\d+)'))[2]::oid AS filenode,
           (SELECT count(*) FROM regexp_matches(coalesce(r.block_ref, ''), 'FPW', 'g')) AS fpis
      FROM pg_get_wal_records_info($1::pg_lsn, pg_current_wal_lsn()) r),
  mine AS (
    SELECT CASE WHEN filenode IS NULL THEN '(' || resource_manager || ', no relation)'
                ELSE coalesce(pg_filenode_relation(0, filenode)::text, 'filenode ' || filenode) END AS relation,
           record_type, record_length, fpi_length, fpis
      FROM rec
     WHERE db IS NULL OR db = (SELECT oid FROM pg_database WHERE datname = current_database()))
  SELECT relation, count(*)::text AS records, round(sum(record_length) / 1048576.0, 1)::text AS mb,
         round(sum(fpi_length) / 1048576.0, 1)::text AS fpi_mb, sum(fpis)::text AS fpis,
         (sum(fpis) FILTER (WHERE record_type = 'FPI_FOR_HINT'))::text AS hint_fpis
    FROM mine GROUP BY relation ORDER BY sum(record_length) DESC`;

const BY_TYPE = `
  SELECT "resource_manager/record_type" AS type, count::text AS records,
         round(combined_size / 1048576.0, 1)::text AS mb, round(fpi_size / 1048576.0, 1)::text AS fpi_mb
    FROM pg_get_wal_stats($1::pg_lsn, pg_current_wal_lsn(), true)
   WHERE combined_size > 1048576 ORDER BY combined_size DESC`;

/** Creates pg_walinspect and the slot if it can (false when it cannot: the report is then skipped). */
export async function inspectWal(db: Client, say: (line: string) => void): Promise<boolean> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    await db.query(
      `SELECT pg_create_physical_replication_slot('bench_wal_' || pg_backend_pid(), true, true)`,
    );
    return true;
  } catch (err) {
    say(`no WAL detail: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/** Prints the WAL since `lsn` by relation (this database's) and by record type (the whole server's). */
export async function reportWal(
  db: Client,
  lsn: string,
  rows: number,
  say: (line: string) => void,
): Promise<void> {
  const perRow = (mb: string) => ((Number(mb) * 1048576) / rows).toFixed(0).padStart(6);
  say(
    `WAL by relation since ${lsn}: MB, bytes/row, full-page images MB (count, of them for hint bits), records`,
  );
  for (const s of (await db.query<WalShare>(BY_RELATION, [lsn])).rows) {
    if (Number(s.mb) < 0.5) continue;
    say(
      `  ${s.mb.padStart(8)} ${perRow(s.mb)}  fpi ${s.fpi_mb.padStart(7)} (${s.fpis}, ${s.hint_fpis ?? 0})  ${s.records.padStart(8)}  ${s.relation}`,
    );
  }
  say('WAL by record type (all databases), over 1 MB: MB, full-page images MB, records');
  for (const t of (
    await db.query<{ type: string; records: string; mb: string; fpi_mb: string }>(BY_TYPE, [lsn])
  ).rows)
    say(`  ${t.mb.padStart(8)}  fpi ${t.fpi_mb.padStart(7)}  ${t.records.padStart(8)}  ${t.type}`);
}

export async function dropWalInspect(db: Client): Promise<void> {
  await db.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
                   WHERE slot_name = 'bench_wal_' || pg_backend_pid()`);
  await db.query('DROP EXTENSION IF EXISTS pg_walinspect');
}
