import type TestAgent from 'supertest/lib/agent';

/** A GET whose answer is read as bytes whatever its type (a CSV, a PDF, a message's file): `res.body` is a Buffer. */
export function getBytes(http: TestAgent, path: string, headers: Record<string, string>) {
  return http
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
