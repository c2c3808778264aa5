import { providerRejection } from '../../test/provider-rejection';
import type { FetchLike } from './egress-policy';
import { downloadMedia } from './media-download';

/** A provider's answer whose body counts how many chunks were read from it and whether it was cancelled. */
function answer(status: number, chunks: number, headers: Record<string, string> = {}) {
  const body = { pulled: 0, cancelled: false };
  // No chunk is pulled before a reader asks for one (highWaterMark 0).
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (body.pulled === chunks) return controller.close();
        body.pulled++;
        controller.enqueue(new Uint8Array(4).fill(body.pulled));
      },
      cancel() {
        body.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const fetch: FetchLike = () => Promise.resolve(new Response(stream, { status, headers }));
  return { body, fetch };
}

const download = (fetch: FetchLike) =>
  downloadMedia({ provider: 'twilio', url: 'https://media.example/f', maxBytes: 10, fetch });

describe('downloadMedia', () => {
  it('reads a file within the limit, with its type', async () => {
    const { fetch } = answer(200, 2, { 'content-type': 'Image/JPEG; charset=binary' });
    await expect(download(fetch)).resolves.toEqual({
      content: Buffer.from([1, 1, 1, 1, 2, 2, 2, 2]),
      content_type: 'image/jpeg',
    });
  });

  it('a Content-Type that is no MIME type, or longer than a stored type, is application/octet-stream', async () => {
    for (const header of ['text/html, image/png', `image/${'x'.repeat(300)}`, 'jpeg']) {
      const { fetch } = answer(200, 1, { 'content-type': header });
      expect((await download(fetch)).content_type).toBe('application/octet-stream');
    }
  });

  it("an error status is the status's error even when its answer declares more than the limit", async () => {
    const gone = answer(404, 1000, { 'content-length': '4000' });
    expect(await providerRejection(download(gone.fetch))).toMatchObject({
      kind: 'rejected',
      httpStatus: 404,
      message: 'twilio answered 404 for a media file',
    });
    expect(gone.body).toMatchObject({ pulled: 0, cancelled: true });
    const down = answer(503, 1000, { 'content-length': '4000' });
    expect(await providerRejection(download(down.fetch))).toMatchObject({ httpStatus: 503, retryable: true });
  });

  it('refuses a file that declares more than the limit without reading it', async () => {
    const large = answer(200, 1000, { 'content-length': '4000' });
    expect(await providerRejection(download(large.fetch))).toMatchObject({
      kind: 'rejected',
      message: 'The media file is larger than 10 bytes',
    });
    expect(large.body).toMatchObject({ pulled: 0, cancelled: true });
  });

  it('stops reading a file that declares no length once it grows past the limit', async () => {
    const large = answer(200, 1000);
    expect(await providerRejection(download(large.fetch))).toMatchObject({
      kind: 'rejected',
      message: 'The media file is larger than 10 bytes',
    });
    expect(large.body.pulled).toBeLessThan(10);
    expect(large.body.cancelled).toBe(true);
  });
});
