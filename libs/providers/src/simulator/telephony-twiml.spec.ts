import { twiml } from 'twilio';
import {
  parseTwiml,
  PLAY_MS,
  recordedMessageMs,
  SAY_MS_PER_CHAR,
  TwimlError,
  TwimlVerb,
  verbDurationMs,
} from './telephony-twiml';

const STATUS = 'https://api.example.test/webhooks/twilio/conference-status?key=K&callId=C1';
const RECORDING = 'https://api.example.test/webhooks/twilio/recording?key=K&callId=C1';

/** A document as our TwiML builders make it: the twilio SDK's VoiceResponse. */
function build(fill: (r: twiml.VoiceResponse) => void): string {
  const response = new twiml.VoiceResponse();
  fill(response);
  return response.toString();
}

function conference(r: twiml.VoiceResponse, name: string, endConferenceOnExit: boolean): void {
  r.dial().conference(
    {
      startConferenceOnEnter: true,
      endConferenceOnExit,
      beep: 'false',
      waitUrl: '',
      statusCallback: STATUS,
      statusCallbackEvent: ['start', 'end', 'join', 'leave'],
    },
    name,
  );
}

describe('telephony TwiML', () => {
  it('reads the hold document: a conference named after the call, its status callback and events', () => {
    const verbs = parseTwiml(build((r) => conference(r, 'call_0192f3a4', false)));
    expect(verbs).toEqual<TwimlVerb[]>([
      {
        verb: 'Dial',
        conference: {
          name: 'call_0192f3a4',
          startConferenceOnEnter: true,
          endConferenceOnExit: false,
          muted: false,
          beep: 'false',
          statusCallback: STATUS,
          statusCallbackEvents: ['start', 'end', 'join', 'leave'],
        },
      },
    ]);
    expect(verbDurationMs(verbs[0])).toBeNull();
  });

  it("reads an agent leg's whisper then its conference, which ends when the agent leaves", () => {
    const verbs = parseTwiml(
      build((r) => {
        r.say('Lead Jane from the spring campaign');
        conference(r, 'agent_7', true);
      }),
    );
    expect(verbs.map((v) => v.verb)).toEqual(['Say', 'Dial']);
    expect(verbs[0]).toEqual({ verb: 'Say', text: 'Lead Jane from the spring campaign', loop: 1 });
    expect(verbs[1]).toMatchObject({ conference: { name: 'agent_7', endConferenceOnExit: true } });
    expect(verbDurationMs(verbs[0])).toBe(34 * SAY_MS_PER_CHAR);
  });

  it('reads a voicemail drop and a safe-harbour message, each ending with a hang-up', () => {
    const drop = parseTwiml(
      build((r) => {
        r.play('https://cdn.example.test/vm.mp3?a=1&b=2');
        r.hangup();
      }),
    );
    expect(drop).toEqual([
      { verb: 'Play', url: 'https://cdn.example.test/vm.mp3?a=1&b=2', loop: 1 },
      { verb: 'Hangup' },
    ]);
    expect(drop.map(verbDurationMs)).toEqual([PLAY_MS, 0]);
    const harbour = parseTwiml(
      build((r) => {
        r.say('Sorry <we> missed & you');
        r.hangup();
      }),
    );
    expect(harbour[0]).toMatchObject({ verb: 'Say', text: 'Sorry <we> missed & you' });
  });

  it('reads the inbound voicemail: greeting, Record with its recording callback, hang-up', () => {
    const verbs = parseTwiml(
      build((r) => {
        r.say('Please leave a message');
        r.record({ maxLength: 120, playBeep: true, recordingStatusCallback: RECORDING });
        r.hangup();
      }),
    );
    expect(verbs[1]).toEqual({
      verb: 'Record',
      maxLength: 120,
      playBeep: true,
      recordingStatusCallback: RECORDING,
    });
    expect(verbDurationMs(verbs[1])).toBeNull();
    const record = verbs[1] as Extract<TwimlVerb, { verb: 'Record' }>;
    expect(recordedMessageMs(record)).toBe(6000);
    expect(recordedMessageMs({ ...record, maxLength: 2 })).toBe(2000);
  });

  it('counts pauses and loops, keeps a spoken number as text, and passes over verbs it does not act out', () => {
    const verbs = parseTwiml(
      '<Response><Say loop="3">123</Say><Pause length="4"/><Pause/><Gather/><Play loop="2">a.mp3</Play></Response>',
    );
    expect(verbs).toEqual([
      { verb: 'Say', text: '123', loop: 3 },
      { verb: 'Pause', length: 4 },
      { verb: 'Pause', length: 1 },
      { verb: 'Play', url: 'a.mp3', loop: 2 },
    ]);
    expect(verbs.map(verbDurationMs)).toEqual([3 * 3 * SAY_MS_PER_CHAR, 4000, 1000, 2 * PLAY_MS]);
  });

  it('reads a hang-up, an empty response and an empty body as documents that end the call', () => {
    expect(parseTwiml(build((r) => r.hangup()))).toEqual([{ verb: 'Hangup' }]);
    expect(parseTwiml(build(() => undefined))).toEqual([]);
    expect(parseTwiml('<Response/>')).toEqual([]);
    expect(parseTwiml('  ')).toEqual([]);
  });

  it('refuses what is not TwiML', () => {
    expect(() => parseTwiml('{"ok":true}')).toThrow(TwimlError);
    expect(() => parseTwiml('<Html><Say>x</Say></Html>')).toThrow(/without a <Response>/);
  });
});
