import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { constantRate } from './constant-rate';

/** A body that starts like an answer's head, so a parser that ends an answer at its head miscounts. */
const BODY = `HTTP/1.1 500 Internal Server Error\r\n${'x'.repeat(600)}`;

/** Each answer as the pieces the server writes apart, so they reach the tool in separate reads. */
const ANSWERS: Record<string, string[] | 'close'> = {
  // Content-Length, split in the status line, in a header name, inside the head's CRLFCRLF and in the body.
  '/length': [
    'HTTP/1.',
    `1 200 OK\r\ncontent-type: application/json\r\nContent-Le`,
    `ngth: ${BODY.length}\r\n\r`,
    `\n${BODY.slice(0, 300)}`,
    BODY.slice(300),
  ],
  // Chunked, split in a chunk's size line, in its data and in the terminator.
  '/chunked': [
    'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n',
    `${(300).toString(16)}\r\n${BODY.slice(0, 100)}`,
    `${BODY.slice(100, 300)}\r\n${(BODY.length - 300).toString(16).slice(0, 1)}`,
    `${(BODY.length - 300).toString(16).slice(1)}\r\n${BODY.slice(300)}\r\n0\r\n\r`,
    '\n',
  ],
  // A non-2xx answer with a body, then one with neither Content-Length nor chunked (no body).
  '/missing': [`HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found`],
  '/empty': ['HTTP/1.1 204 No Content\r\n', 'date: now\r\n\r\n'],
  // The connection ends before an answer: an error, and the next request goes on a new connection.
  '/closed': 'close',
};

function serve(socket: Socket): void {
  socket.setNoDelay(true);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
    for (let end = received.indexOf('\r\n\r\n'); end >= 0; end = received.indexOf('\r\n\r\n')) {
      const path = received.slice(0, end).split(' ')[1];
      received = received.slice(end + 4);
      const answer = ANSWERS[path];
      if (answer === 'close') return void socket.destroy();
      // One piece after the other (timers of different delays may fire out of order).
      const write = (k: number) => {
        socket.write(answer[k]);
        if (k + 1 < answer.length) setTimeout(() => write(k + 1), 2);
      };
      write(0);
    }
  });
  socket.on('error', () => undefined);
}

describe('constantRate', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(serve);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads Content-Length and chunked answers split across reads, and counts each outcome', async () => {
    const paths = ['/length', '/chunked', '/length', '/missing', '/chunked', '/empty', '/closed', '/length'];
    const result = await constantRate({
      url,
      rate: 200,
      seconds: 0.2,
      connections: 2,
      request: (i) => ({ path: paths[i % paths.length], headers: { accept: 'application/json' } }),
    });
    // 40 requests, 5 rounds of the 8 paths: 6 answered 2xx, 1 404 and 1 lost each round.
    expect(result).toMatchObject({ issued: 40, ok: 30, non2xx: 5, errors: 5 });
  });

  it('sends a request object returned again as the same bytes, with its body and Content-Length', async () => {
    const seen: string[] = [];
    const echo = createServer((socket) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        const end = received.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/.exec(received)?.[1]);
        if (end < 0 || received.length < end + 4 + length) return;
        seen.push(received);
        received = '';
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const request = { method: 'POST', path: '/hook', headers: { 'x-sig': 'abc' }, body: 'é=1' };
    const host = `127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const result = await constantRate({
      url: `http://${host}`,
      rate: 100,
      seconds: 0.03,
      connections: 1,
      request: () => request,
    });
    await new Promise((resolve) => echo.close(resolve));
    expect(result).toMatchObject({ issued: 3, ok: 3 });
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^POST \/hook HTTP\/1\.1\r\n/);
    expect(seen[0]).toContain('x-sig: abc\r\n');
    expect(seen[0]).toContain('content-length: 4\r\n\r\n\u00c3\u00a9=1');
    expect(seen[0]).toContain(`host: ${host}\r\n`);
  });
});
