import {
  agentLegTwiml,
  broadcastTwiml,
  emptyTwiml,
  hangupTwiml,
  holdConferenceTwiml,
  inboundVoicemailTwiml,
  joinAgentConferenceTwiml,
  safeHarbourTwiml,
  voicemailDropTwiml,
  whisperTwiml,
} from './twiml';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const STATUS = 'https://api.example.com/webhooks/twilio/conference-status?key=k1&callId=c1';
const STATUS_ATTR = 'https://api.example.com/webhooks/twilio/conference-status?key=k1&amp;callId=c1';
const SAY = '<Say voice="Polly.Joanna" language="en-US">';

function conference(name: string, endOnExit: boolean): string {
  return (
    `<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="${endOnExit}" beep="false" waitUrl="" ` +
    `statusCallback="${STATUS_ATTR}" statusCallbackEvent="start end join leave">${name}</Conference></Dial>`
  );
}

describe('TwiML builders', () => {
  it('holds a lead in a conference of its own, silent, that its leaving does not end', () => {
    expect(holdConferenceTwiml({ conferenceName: 'call_c1', statusCallbackUrl: STATUS })).toBe(
      `${XML}<Response>${conference('call_c1', false)}</Response>`,
    );
  });

  it("joins a lead to an agent's conference", () => {
    expect(joinAgentConferenceTwiml({ conferenceName: 'agent_a1', statusCallbackUrl: STATUS })).toBe(
      `${XML}<Response>${conference('agent_a1', false)}</Response>`,
    );
    expect(
      joinAgentConferenceTwiml({
        conferenceName: 'agent_a1',
        statusCallbackUrl: STATUS,
        endConferenceOnExit: undefined,
      }),
    ).toBe(`${XML}<Response>${conference('agent_a1', false)}</Response>`);
  });

  it("whispers to the agent's leg, then joins it to a conference that ends when it hangs up", () => {
    expect(
      agentLegTwiml({
        conferenceName: 'agent_a1',
        statusCallbackUrl: STATUS,
        whisper: 'Ada Lovelace, Spring promo',
      }),
    ).toBe(
      `${XML}<Response>${SAY}Ada Lovelace, Spring promo</Say>${conference('agent_a1', true)}</Response>`,
    );
  });

  it('skips a blank whisper and honours endConferenceOnExit and the voice given', () => {
    expect(
      agentLegTwiml({
        conferenceName: 'agent_a1',
        statusCallbackUrl: STATUS,
        whisper: '  ',
        endConferenceOnExit: false,
      }),
    ).toBe(`${XML}<Response>${conference('agent_a1', false)}</Response>`);
    expect(whisperTwiml({ text: 'Bonjour', say: { voice: 'Polly.Celine', language: 'fr-FR' } })).toBe(
      `${XML}<Response><Say voice="Polly.Celine" language="fr-FR">Bonjour</Say></Response>`,
    );
  });

  it('says the whisper alone (an AnnounceUrl answer), escaping XML', () => {
    expect(whisperTwiml({ text: 'Lead: Smith & <Sons>' })).toBe(
      `${XML}<Response>${SAY}Lead: Smith &amp; &lt;Sons&gt;</Say></Response>`,
    );
  });

  it('drops a voicemail then hangs up', () => {
    expect(voicemailDropTwiml({ audioUrl: 'https://cdn.example.com/vm.mp3?v=1&x=2' })).toBe(
      `${XML}<Response><Play>https://cdn.example.com/vm.mp3?v=1&amp;x=2</Play><Hangup/></Response>`,
    );
  });

  it('says the safe-harbour message then hangs up', () => {
    expect(safeHarbourTwiml({ text: 'Sorry we missed you. This is Acme; call 555-0100.' })).toBe(
      `${XML}<Response>${SAY}Sorry we missed you. This is Acme; call 555-0100.</Say><Hangup/></Response>`,
    );
  });

  it('broadcasts audio when given, else the text, then hangs up', () => {
    expect(broadcastTwiml({ audioUrl: 'https://cdn.example.com/b.mp3', text: 'ignored' })).toBe(
      `${XML}<Response><Play>https://cdn.example.com/b.mp3</Play><Hangup/></Response>`,
    );
    expect(broadcastTwiml({ text: 'Your appointment is tomorrow at 9.' })).toBe(
      `${XML}<Response>${SAY}Your appointment is tomorrow at 9.</Say><Hangup/></Response>`,
    );
    expect(() => broadcastTwiml({ text: ' ' })).toThrow(/text or an audio URL/);
  });

  it('takes an inbound voicemail: greeting, beep, two minutes of recording, hang-up', () => {
    const recording = 'https://api.example.com/webhooks/twilio/recording?key=k1&callId=c2';
    expect(
      inboundVoicemailTwiml({ text: 'Please leave a message.', recordingStatusCallbackUrl: recording }),
    ).toBe(
      `${XML}<Response>${SAY}Please leave a message.</Say>` +
        '<Record maxLength="120" playBeep="true" ' +
        'recordingStatusCallback="https://api.example.com/webhooks/twilio/recording?key=k1&amp;callId=c2"/>' +
        '<Hangup/></Response>',
    );
  });

  it('hangs up, and answers nothing', () => {
    expect(hangupTwiml()).toBe(`${XML}<Response><Hangup/></Response>`);
    expect(emptyTwiml()).toBe(`${XML}<Response/>`);
  });

  it('refuses a conference without a name', () => {
    expect(() => holdConferenceTwiml({ conferenceName: '', statusCallbackUrl: STATUS })).toThrow(/name/);
  });
});
