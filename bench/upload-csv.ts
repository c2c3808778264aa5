/** The bench's upload of a CSV import: multipart/form-data written by hand around the file, streamed from disk. */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { DEFAULT_COUNTRY } from './import-csv';

/**
 * POST /api/leads/import as multipart/form-data, the file streamed from disk: the framing is written by hand
 * around it, with a Content-Length computed from the file's size. Stops sending if the server refuses early.
 */
export async function uploadCsv(
  url: string,
  token: string,
  csvPath: string,
): Promise<{ status: number; body: string }> {
  const boundary = `----reachline-bench-${randomBytes(12).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    field('default_country', DEFAULT_COUNTRY) +
      field('on_duplicate', 'skip') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="leads.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + (await stat(csvPath)).size + tail.length;

  return new Promise((resolve, reject) => {
    let answered = false;
    // Set when the server answers with an error before the whole file went up (413, 400, 401...).
    let refused = false;
    let markRefused: () => void = () => undefined;
    const refusal = new Promise<void>((r) => (markRefused = r));
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(length),
        },
      },
      (res) => {
        answered = true;
        if ((res.statusCode ?? 0) >= 300) {
          refused = true;
          markRefused();
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          if (refused) req.destroy();
        });
        res.on('error', reject);
      },
    );
    // A server refusing early may close the socket mid-body: when its answer still arrives, it is what counts.
    const failed = (err: unknown) =>
      setTimeout(() => {
        if (!answered) reject(new Error(`upload failed: ${String(err)}`));
      }, 200);
    req.on('error', failed);
    void (async () => {
      req.write(head);
      for await (const chunk of createReadStream(csvPath, { highWaterMark: 256 * 1024 })) {
        if (refused) return;
        if (!req.write(chunk)) await Promise.race([once(req, 'drain'), refusal]);
      }
      req.end(tail);
    })().catch(failed);
  });
}
