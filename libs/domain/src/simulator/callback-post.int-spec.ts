import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postCallback } from './callback-post';

/**
 * The simulator's POST of a callback to our API: the request as given (method, headers, body), the answer's status
 * once its body is read, the connection kept for the next callback, and a failure when no answer comes in time.
 */
describe('postCallback (integration)', () => {
  let server: Server;
  let url: string;
  const received: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let connections = 0;
  let answer = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        if (req.url?.startsWith('/slow')) return; // never answered
        res.statusCode = answer;
        res.end('{"success":true,"data":{"recorded":1,"duplicates":0}}');
      });
    });
    server.on('connection', () => connections++);
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the body and headers as given and answers the status, over one kept connection', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'c2lnbmVk' };
    const body = 'MessageSid=SM1&MessageStatus=sent&To=%2B14155550123';
    expect(
      await postCallback(`${url}/webhooks/twilio/message-status?key=k&messageId=m`, headers, body, 5000),
    ).toBe(200);
    answer = 503;
    expect(
      await postCallback(
        `${url}/webhooks/twilio/message-status?key=k`,
        headers,
        'MessageStatus=delivered',
        5000,
      ),
    ).toBe(503);
    answer = 200;
    expect(received[0]).toMatchObject({
      method: 'POST',
      body,
      headers: { ...headers, 'content-length': String(body.length) },
    });
    expect(received[1].body).toBe('MessageStatus=delivered');
    expect(connections).toBe(1);
  });

  it('fails when no answer comes within the time given', async () => {
    await expect(postCallback(`${url}/slow`, {}, 'x=1', 200)).rejects.toThrow(/within 200 ms/);
  });
});
