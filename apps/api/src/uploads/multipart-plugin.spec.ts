import { waitFor } from '@app/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { multipartUploads } from './multipart-plugin';

/** @fastify/multipart as the API registers it: its request hooks run for multipart requests only. */
describe('multipartUploads', () => {
  let app: FastifyInstance;
  /** What the last request's handler saw: the `close` listeners on its response, the temp files it saved. */
  let seen: { closeListeners: number; saved: string[] };

  beforeAll(async () => {
    app = Fastify({ logger: false });
    await app.register(multipartUploads, { limits: { fileSize: 1024 } });
    app.post('/upload', async (req, reply) => {
      const closeListeners = reply.raw.listenerCount('close');
      const saved = req.isMultipart() ? (await req.saveRequestFiles()).files.map((f) => f.filepath) : [];
      seen = { closeListeners, saved };
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const multipart = () => {
    const boundary = 'xyz';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\nphone\n+14155550100\n\r\n--${boundary}--\r\n`;
    return { 'content-type': `multipart/form-data; boundary=${boundary}`, body };
  };

  it('cleans up the files a multipart request saved, once it is answered', async () => {
    const { body, ...headers } = multipart();
    const res = await app.inject({ method: 'POST', url: '/upload', headers, payload: body });
    expect(res.statusCode).toBe(200);
    expect(seen.saved).toHaveLength(1);
    // @fastify/multipart unlinks them in its onResponse hook, which runs once the response has finished: after
    // inject() has its answer, so a loaded machine may not have unlinked them yet. A file never removed times out.
    await waitFor(() => !existsSync(seen.saved[0]), 5_000, 'the saved file to be removed');
  });

  it('adds no request hook work to a request that is not multipart', async () => {
    const { body, ...headers } = multipart();
    await app.inject({ method: 'POST', url: '/upload', headers, payload: body });
    const multipartListeners = seen.closeListeners;
    const res = await app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(200);
    // The plugin's onRequest hook adds a `close` listener to the response; a JSON request gets none.
    expect(seen.closeListeners).toBe(multipartListeners - 1);
  });
});
