import { humanUptime } from './uptime';

describe('humanUptime', () => {
  it.each([
    [0, '0 minutes'],
    [61, '1 minute'],
    [3600, '1 hour, 0 minutes'],
    [2 * 86400 + 14 * 3600 + 32 * 60, '2 days, 14 hours, 32 minutes'],
  ])('%i s -> %s', (seconds, text) => expect(humanUptime(seconds)).toBe(text));
});
