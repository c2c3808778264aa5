import { useTestApi } from '@app/testing';
import { connect } from 'node:net';

/**
 * DESIGN §3: every error is the envelope. A URL or headers past Node's `maxHeaderSize` (16 KB) are refused by its
 * parser before Fastify routes anything, and a request line that is no HTTP likewise: the answer is still our JSON.
 */
describe('requests Node refuses before routing (e2e)', () => {
  const api = useTestApi();

  /** The raw answer to raw bytes: status, headers (lower-cased names) and body. */
  function rawExchange(
    bytes: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const { hostname, port } = new URL(api.url);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect(Number(port), hostname, () => socket.write(bytes));
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head, ...rest] = text.split('\r\n\r\n');
        const [statusLine, ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
      });
    });
  }

  it.each([
    ['a 20 KB URL', `GET /api/leads?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: reachline\r\n\r\n`],
    [
      'a 20 KB header',
      `GET /api/leads HTTP/1.1\r\nHost: reachline\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
    ],
  ])('%s is 431 HEADERS_TOO_LARGE in the envelope', async (_what, bytes) => {
    const res = await rawExchange(bytes);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({
      success: false,
      error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String), details: null },
    });
  });

  it('a request line that is no HTTP is 400 VALIDATION_ERROR in the envelope', async () => {
    const res = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: 'Malformed request', details: null },
    });
  });
});
