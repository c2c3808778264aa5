import { AppProcess, startProcesses } from './processes';

const fake = () => {
  const stop = jest.fn(async () => undefined);
  return { process: { kind: 'worker', stop } as unknown as AppProcess, stop };
};

describe('startProcesses', () => {
  it('answers every process when all start', async () => {
    const [a, b] = [fake(), fake()];
    await expect(startProcesses([Promise.resolve(a.process), Promise.resolve(b.process)])).resolves.toEqual([
      a.process,
      b.process,
    ]);
    expect(a.stop).not.toHaveBeenCalled();
  });

  it('stops the ones that started when one fails, and throws its error', async () => {
    const [a, b] = [fake(), fake()];
    const failure = new Error('api process did not answer /api/health');
    await expect(
      startProcesses([Promise.resolve(a.process), Promise.reject(failure), Promise.resolve(b.process)]),
    ).rejects.toBe(failure);
    expect(a.stop).toHaveBeenCalledTimes(1);
    expect(b.stop).toHaveBeenCalledTimes(1);
  });
});
