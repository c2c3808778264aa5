import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('answers the first value the probe gives', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls === 3 ? 'ready' : undefined), 5000)).resolves.toBe('ready');
    expect(calls).toBe(3);
  });

  it('waits through false: a probe answering a comparison waits for it to hold', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls === 3, 5000)).resolves.toBe(true);
    expect(calls).toBe(3);
  });

  it('answers a falsy value other than false (0, an empty string)', async () => {
    await expect(waitFor(() => 0, 5000)).resolves.toBe(0);
    await expect(waitFor(() => '', 5000)).resolves.toBe('');
  });

  it('a timeout names what it waited for', async () => {
    await expect(waitFor(() => undefined, 0, 'the moon')).rejects.toThrow(
      new Error('Timed out after 0 ms waiting for the moon'),
    );
  });

  it('a timeout carries the state the explanation gives', async () => {
    const err = await waitFor(
      () => undefined,
      0,
      'a call',
      async () => ({ calls: [{ status: 'ringing' }] }),
    ).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^Timed out after 0 ms waiting for a call; the state then: \{/);
    expect(JSON.parse((err as Error).message.split('the state then: ')[1])).toEqual({
      calls: [{ status: 'ringing' }],
    });
  });

  it('an explanation that fails still times out, saying so', async () => {
    const err = await waitFor(
      () => undefined,
      0,
      'a call',
      async () => {
        throw new Error('no database');
      },
    ).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'Timed out after 0 ms waiting for a call; the state then: (the explanation failed: Error: no database)',
    );
  });
});
