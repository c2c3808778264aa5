import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * Idle connections to our API are closed after this long: under every server's keep-alive timeout (Node's 5 s,
 * Fastify's 72 s), so a callback never goes out on a connection the API is closing.
 */
const IDLE_MS = 4000;

/** The simulator's connections to our API, kept between callbacks as a provider's are (three per send). */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_MS }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_MS }),
};

/**
 * POSTs one simulated callback and answers the HTTP status, once the answer's body has been read; rejects on a
 * network failure or when no answer has come within `timeoutMs`. node:http on kept connections rather than fetch:
 * the request is the same bytes, and fetch's streams, abort signals and wasm parser cost the worker more CPU than
 * the callback's own work (bench:campaign --prof).
 */
export function postCallback(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const payload = Buffer.from(body);
  return new Promise<number>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        agent: https ? AGENTS['https:'] : AGENTS['http:'],
      },
      (res) => {
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.resume();
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`Simulated callback not answered within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function fail(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    req.on('error', fail);
    req.end(payload);
  });
}
