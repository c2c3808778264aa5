import { ProviderError, type TelephonyPort } from '@app/providers';
import { deleteRecordings } from './lead-call-erasure';

/** A port whose deleteRecording answers each SID's scripted outcomes in turn (then succeeds). */
function port(script: Record<string, (Error | 'ok')[]>) {
  const calls: string[] = [];
  const fake = {
    deleteRecording: async (sid: string) => {
      calls.push(sid);
      const next = script[sid]?.shift();
      if (next && next !== 'ok') throw next;
    },
  } as unknown as TelephonyPort;
  return { fake, calls };
}

const unavailable = () => ProviderError.fromHttp('twilio', 503, { message: 'Service unavailable' });
const unauthorized = () => ProviderError.fromHttp('twilio', 401, { message: 'Authenticate' });

describe('deleteRecordings', () => {
  it('deletes each recording once when the provider answers', async () => {
    const { fake, calls } = port({});
    const waits: number[] = [];
    const result = await deleteRecordings(fake, ['RE1', 'RE2'], async (ms) => void waits.push(ms));
    expect(result).toEqual({ deleted: ['RE1', 'RE2'], pending: [] });
    expect(calls).toEqual(['RE1', 'RE2']);
    expect(waits).toEqual([]);
  });

  it('retries a retryable failure (0.2 s, then 1 s) and counts a later success', async () => {
    const { fake, calls } = port({ RE1: [unavailable(), new Error('socket hang up'), 'ok'] });
    const waits: number[] = [];
    const result = await deleteRecordings(fake, ['RE1'], async (ms) => void waits.push(ms));
    expect(result).toEqual({ deleted: ['RE1'], pending: [] });
    expect(calls).toEqual(['RE1', 'RE1', 'RE1']);
    expect(waits).toEqual([200, 1_000]);
  });

  it('leaves a recording pending after 3 failed attempts, and goes on with the others', async () => {
    const { fake, calls } = port({ RE1: [unavailable(), unavailable(), unavailable()] });
    const result = await deleteRecordings(fake, ['RE1', 'RE2'], async () => undefined);
    expect(result).toEqual({
      deleted: ['RE2'],
      pending: [{ sid: 'RE1', error: 'Service unavailable', retryable: true }],
    });
    expect(calls).toEqual(['RE1', 'RE1', 'RE1', 'RE2']);
  });

  it('does not retry what the provider will refuse again (bad credentials)', async () => {
    const { fake, calls } = port({ RE1: [unauthorized()] });
    const result = await deleteRecordings(fake, ['RE1'], async () => undefined);
    expect(result).toEqual({
      deleted: [],
      pending: [{ sid: 'RE1', error: 'Authenticate', retryable: false }],
    });
    expect(calls).toEqual(['RE1']);
  });
});
