import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** PGCOPY's binary signature, its flags (none) and the length of its header extension (none). */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const NO_FLAGS = Buffer.alloc(8);
/** The end of a binary COPY: a tuple with -1 fields. */
const TRAILER = Buffer.from([0xff, 0xff]);
const COPY_CHUNK =
  'COPY lead_import_chunks (tenant_id, import_id, seq, data) FROM STDIN WITH (FORMAT binary)';

/**
 * Stores one chunk of an upload with a binary COPY: `data` goes to the database's socket as it is. An INSERT with
 * the chunk as a parameter copied it twice more (node-postgres builds its Bind message in a buffer it grows), 2 MB
 * of garbage per megabyte uploaded.
 */
export async function copyUploadChunk(
  client: PoolClient,
  key: { tenantId: string; importId: string; seq: number },
  data: Buffer,
): Promise<void> {
  const fields = Buffer.alloc(2 + 2 * (4 + 16) + (4 + 4) + 4);
  let at = fields.writeInt16BE(4, 0);
  for (const uuid of [key.tenantId, key.importId]) {
    at = fields.writeInt32BE(16, at);
    at += Buffer.from(uuid.replace(/-/g, ''), 'hex').copy(fields, at);
  }
  at = fields.writeInt32BE(4, at);
  at = fields.writeInt32BE(key.seq, at);
  fields.writeInt32BE(data.length, at);
  await pipeline(
    Readable.from([SIGNATURE, NO_FLAGS, fields, data, TRAILER]),
    client.query(copyFrom(COPY_CHUNK)),
  );
}
