import { afterCall, CallFacts, dispositionOf } from './call-outcome';

const base: CallFacts = {
  kind: 'dialer',
  status: 'completed',
  answered_by: null,
  connected: false,
  disposition: null,
};
const now = new Date('2026-03-02T15:00:00Z');
const minutesLater = (r: ReturnType<typeof afterCall>) =>
  r.retry ? (r.at.getTime() - now.getTime()) / 60_000 : null;

describe('dispositionOf', () => {
  it('names every final state', () => {
    expect(dispositionOf({ ...base, connected: true })).toBe('answered');
    expect(dispositionOf({ ...base, answered_by: 'machine_end_beep' })).toBe('voicemail');
    expect(dispositionOf({ ...base, answered_by: 'fax' })).toBe('voicemail');
    expect(dispositionOf({ ...base, status: 'busy' })).toBe('busy');
    expect(dispositionOf({ ...base, status: 'no-answer' })).toBe('no_answer');
    expect(dispositionOf({ ...base, status: 'failed' })).toBe('failed');
    expect(dispositionOf({ ...base, answered_by: 'human' })).toBe('abandoned');
    expect(dispositionOf({ ...base, kind: 'broadcast', answered_by: 'human' })).toBe('answered');
    expect(dispositionOf({ ...base, kind: 'agent_leg' })).toBe('answered');
    expect(dispositionOf({ ...base, kind: 'agent_leg', status: 'no-answer' })).toBe('no_answer');
    expect(dispositionOf({ ...base, kind: 'inbound', status: 'no-answer' })).toBe('missed');
    expect(dispositionOf({ ...base, kind: 'inbound' })).toBe('missed');
  });

  it('keeps what the dialer decided before the end', () => {
    expect(dispositionOf({ ...base, answered_by: 'human', disposition: 'abandoned', connected: false })).toBe(
      'abandoned',
    );
    expect(dispositionOf({ ...base, answered_by: 'machine_end_beep', disposition: 'voicemail' })).toBe(
      'voicemail',
    );
  });
});

describe('afterCall', () => {
  it('retries what the policy asks, at least 2 minutes later', () => {
    expect(minutesLater(afterCall('no_answer', 1, { delay_minutes: 60 }, 4320, now))).toBe(60);
    expect(minutesLater(afterCall('busy', 1, { delay_minutes: 0 }, 4320, now))).toBe(2);
    expect(afterCall('voicemail', 1, {}, 4320, now)).toEqual({ retry: false });
    expect(
      minutesLater(afterCall('voicemail', 1, { retry_on_voicemail: true, delay_minutes: 5 }, 0, now)),
    ).toBe(5);
    expect(afterCall('busy', 1, { retry_on_busy: false }, 4320, now)).toEqual({ retry: false });
  });

  it('stops at max_attempts and after an answer', () => {
    expect(afterCall('no_answer', 3, { max_attempts: 3 }, 0, now)).toEqual({ retry: false });
    expect(afterCall('no_answer', 2, { max_attempts: 3 }, 0, now).retry).toBe(true);
    expect(afterCall('answered', 1, {}, 0, now)).toEqual({ retry: false });
  });

  it('never redials an abandoned lead before the lockout', () => {
    expect(minutesLater(afterCall('abandoned', 1, { delay_minutes: 10 }, 4320, now))).toBe(4320);
  });
});
