import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublicUrl {
  /** PUBLIC_BASE_URL for the config: http://127.0.0.1:<fixed port>. */
  url: string;
  port: number;
  server: Server;
  /** Set to the test API's port once it listens: requests are forwarded there. */
  target: { port: number };
  close(): Promise<void>;
}

/**
 * PUBLIC_BASE_URL's stand-in: a fixed local port, known before the API starts (the config needs it), that
 * forwards every request to the test API once it listens. Providers' callbacks (the simulator's) arrive here.
 */
export async function publicUrl(): Promise<PublicUrl> {
  const target = { port: 0 };
  const server = createServer((req, res) => {
    const out = request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    target,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
