import type { FieldIssue } from '@app/common';
import { checkRange } from './call-filter';
import { formatDuration, manualCallState, parseDuration } from './call-input';

describe('call input', () => {
  it('reads a duration as seconds or "hh:mm:ss" / "mm:ss", at most a day', () => {
    const read = ['00:05:23', '5:23', '05:23', '1:00:00', 323, '323', ' 90 ', 0, 86_400].map(parseDuration);
    expect(read).toEqual([323, 323, 323, 3600, 323, 323, 90, 0, 86_400]);
    for (const bad of ['5 min', '1:60', '01:75:00', -1, 1.5, 86_401, '', null, {}, '100:00:00']) {
      expect({ bad, seconds: parseDuration(bad) }).toEqual({ bad, seconds: null });
    }
    expect([0, 59, 323, 3600, 86_399, null].map(formatDuration)).toEqual([
      '00:00:00',
      '00:00:59',
      '00:05:23',
      '01:00:00',
      '23:59:59',
      null,
    ]);
  });

  it('gives a manual log the columns of its status, keeping what an update does not change', () => {
    const now = new Date('2025-01-23T10:30:00Z');
    const errors: FieldIssue[] = [];
    const ongoing = manualCallState({ status: 'ongoing' }, null, now, errors)!;
    expect(ongoing).toEqual({
      status: 'in-progress',
      disposition: null,
      startTime: now,
      answerTime: now,
      endTime: null,
      duration: null,
      talkTime: null,
    });
    const later = new Date('2025-01-23T10:32:00Z');
    const done = manualCallState({ status: 'completed' }, ongoing, later, errors)!;
    expect(done).toMatchObject({
      status: 'completed',
      disposition: 'answered',
      duration: 120,
      talkTime: 120,
    });
    expect(done.startTime).toEqual(now);
    const missed = manualCallState({ status: 'missed', disposition: 'failed' }, done, later, errors)!;
    expect(missed).toMatchObject({
      status: 'failed',
      disposition: 'failed',
      endTime: later,
      answerTime: null,
    });
    expect(errors).toEqual([]);

    expect(manualCallState({ status: 'ongoing' }, done, later, errors)).toBeNull();
    expect(manualCallState({ status: 'completed', disposition: 'busy' }, null, later, errors)).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['status', 'disposition']);
  });

  it('refuses impossible dates and a range that ends before it starts', () => {
    expect(() =>
      checkRange({ date: '2025-01-23', date_from: '2025-01-01', date_to: '2025-01-01' }, 'UTC'),
    ).not.toThrow();
    expect(() =>
      checkRange({ date_from: '2025-01-01T10:00:00Z', date_to: '2025-01-01' }, 'UTC'),
    ).not.toThrow();
    // Honolulu's 1 January ends at 10:00Z on the 2nd: 05:00Z on the 2nd is inside it.
    expect(
      checkRange({ date_from: '2025-01-02T05:00:00Z', date_to: '2025-01-01' }, 'Pacific/Honolulu'),
    ).toEqual({ from: new Date('2025-01-02T05:00:00Z'), to: new Date('2025-01-02T09:59:59.999Z') });
    // A date-time without an offset is a time on the tenant's clock.
    expect(checkRange({ date_from: '2025-03-03T09:00' }, 'America/New_York').from).toEqual(
      new Date('2025-03-03T14:00:00Z'),
    );
    for (const [range, field] of [
      [{ date: '2025-02-29' }, 'date'],
      [{ date_from: '2025-04-31' }, 'date_from'],
      [{ date_to: '2025-01-01T25:00:00Z' }, 'date_to'],
      [{ date_from: '2025-01-02', date_to: '2025-01-01' }, 'date_to'],
      [{ date_from: '2025-01-02T00:00:00Z', date_to: '2025-01-01' }, 'date_to'],
    ] as const) {
      expect(() => checkRange(range, 'UTC')).toThrow(
        expect.objectContaining({ details: [expect.objectContaining({ field })] }),
      );
    }
  });
});
