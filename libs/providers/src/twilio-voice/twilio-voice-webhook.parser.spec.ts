import {
  AMD_MACHINE_FORM,
  ANSWER_FORM,
  CALL_SID,
  CONFERENCE_END_FORM,
  CONFERENCE_JOIN_FORM,
  CONFERENCE_SID,
  INBOUND_CALL_FORM,
  RECORDING_COMPLETED_FORM,
  RECORDING_SID,
  STATUS_COMPLETED_FORM,
  STATUS_RINGING_FORM,
  AGENT_CALL_SID,
  VOICE_ACCOUNT_SID,
} from './twilio-voice.fixtures';
import {
  isFinalCallStatus,
  parseVoiceAmd,
  parseVoiceCallStatus,
  parseVoiceConferenceStatus,
  parseVoiceInbound,
  parseVoiceRecording,
  TWILIO_CALL_STATUSES,
} from './twilio-voice-webhook.parser';

function without(form: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...form };
  delete copy[name];
  return copy;
}

describe('Twilio voice webhook forms', () => {
  describe('call status and answer', () => {
    it('reads a ringing progress callback', () => {
      expect(parseVoiceCallStatus(STATUS_RINGING_FORM)).toEqual({
        call_sid: CALL_SID,
        account_sid: VOICE_ACCOUNT_SID,
        call_status: 'ringing',
        from: '+14155552345',
        to: '+15558675310',
        direction: 'outbound-api',
        parent_call_sid: null,
        answered_by: null,
        duration: null,
        sequence_number: 1,
        timestamp: '2025-06-10T12:00:03.000Z',
        error_code: null,
      });
    });

    it('reads the final callback with its duration in seconds', () => {
      expect(parseVoiceCallStatus(STATUS_COMPLETED_FORM)).toMatchObject({
        call_status: 'completed',
        duration: 42,
        sequence_number: 3,
        timestamp: '2025-06-10T12:00:47.000Z',
      });
    });

    it('reads the answer request, and a failed call with its error code', () => {
      expect(parseVoiceCallStatus(ANSWER_FORM)).toMatchObject({
        call_sid: CALL_SID,
        call_status: 'in-progress',
        sequence_number: null,
        timestamp: null,
      });
      expect(
        parseVoiceCallStatus({ ...STATUS_RINGING_FORM, CallStatus: 'failed', ErrorCode: '13224' }),
      ).toMatchObject({ call_status: 'failed', error_code: '13224' });
    });

    it('keeps every Twilio status as ours, and knows which are final', () => {
      for (const status of TWILIO_CALL_STATUSES) {
        expect(parseVoiceCallStatus({ ...STATUS_RINGING_FORM, CallStatus: status })?.call_status).toBe(
          status,
        );
      }
      expect(TWILIO_CALL_STATUSES.filter(isFinalCallStatus)).toEqual([
        'completed',
        'busy',
        'no-answer',
        'failed',
        'canceled',
      ]);
    });

    it('answers null without CallSid or a known CallStatus, or for a non-form', () => {
      expect(parseVoiceCallStatus(without(STATUS_RINGING_FORM, 'CallSid'))).toBeNull();
      expect(parseVoiceCallStatus(without(STATUS_RINGING_FORM, 'CallStatus'))).toBeNull();
      expect(parseVoiceCallStatus({ ...STATUS_RINGING_FORM, CallStatus: 'answered' })).toBeNull();
      expect(parseVoiceCallStatus({ ...STATUS_RINGING_FORM, CallSid: '  ' })).toBeNull();
      expect(parseVoiceCallStatus(null)).toBeNull();
      expect(parseVoiceCallStatus('CallSid=CA1&CallStatus=ringing')).toBeNull();
      expect(parseVoiceCallStatus([STATUS_RINGING_FORM])).toBeNull();
    });

    it('takes the first of a repeated field and ignores unreadable numbers and times', () => {
      const parsed = parseVoiceCallStatus({
        ...STATUS_COMPLETED_FORM,
        CallStatus: ['completed', 'ringing'],
        CallDuration: 'forty',
        Timestamp: 'yesterday',
      });
      expect(parsed).toMatchObject({ call_status: 'completed', duration: null, timestamp: null });
    });
  });

  describe('AMD', () => {
    it('reads an async AMD result', () => {
      expect(parseVoiceAmd(AMD_MACHINE_FORM)).toEqual({
        call_sid: CALL_SID,
        account_sid: VOICE_ACCOUNT_SID,
        answered_by: 'machine_end_beep',
        machine_detection_duration: 4310,
      });
    });

    it('reads every documented AnsweredBy, and nothing else', () => {
      for (const by of [
        'human',
        'machine_start',
        'machine_end_silence',
        'machine_end_other',
        'fax',
        'unknown',
      ]) {
        expect(parseVoiceAmd({ ...AMD_MACHINE_FORM, AnsweredBy: by })?.answered_by).toBe(by);
      }
      expect(parseVoiceAmd({ ...AMD_MACHINE_FORM, AnsweredBy: 'machine' })).toBeNull();
      expect(parseVoiceAmd(without(AMD_MACHINE_FORM, 'AnsweredBy'))).toBeNull();
      expect(parseVoiceAmd(without(AMD_MACHINE_FORM, 'CallSid'))).toBeNull();
    });
  });

  describe('conference status', () => {
    it('reads a participant joining', () => {
      expect(parseVoiceConferenceStatus(CONFERENCE_JOIN_FORM)).toEqual({
        conference_sid: CONFERENCE_SID,
        friendly_name: 'call_6d1c9f1e-0b1a-4b5e-9a55-3b0d8c2f7e11',
        event: 'participant-join',
        account_sid: VOICE_ACCOUNT_SID,
        call_sid: CALL_SID,
        muted: false,
        hold: false,
        coaching: false,
        end_conference_on_exit: false,
        start_conference_on_enter: true,
        reason: null,
        call_sid_ending_conference: null,
        participant_call_status: null,
        reason_participant_left: null,
        sequence_number: 2,
        timestamp: '2025-06-10T12:00:06.000Z',
      });
    });

    it('reads the conference ending, with no participant', () => {
      expect(parseVoiceConferenceStatus(CONFERENCE_END_FORM)).toMatchObject({
        event: 'conference-end',
        call_sid: null,
        muted: null,
        call_sid_ending_conference: AGENT_CALL_SID,
        reason: `Participant ${AGENT_CALL_SID} with endConferenceOnExit left the conference`,
      });
    });

    it('reads why a participant left', () => {
      expect(
        parseVoiceConferenceStatus({
          ...CONFERENCE_JOIN_FORM,
          StatusCallbackEvent: 'participant-leave',
          ParticipantCallStatus: 'completed',
          ReasonParticipantLeft: 'participant_hung_up',
        }),
      ).toMatchObject({
        event: 'participant-leave',
        participant_call_status: 'completed',
        reason_participant_left: 'participant_hung_up',
      });
    });

    it('answers null without its SID, name or a known event, or a participant event without CallSid', () => {
      expect(parseVoiceConferenceStatus(without(CONFERENCE_JOIN_FORM, 'ConferenceSid'))).toBeNull();
      expect(parseVoiceConferenceStatus(without(CONFERENCE_JOIN_FORM, 'FriendlyName'))).toBeNull();
      expect(parseVoiceConferenceStatus(without(CONFERENCE_JOIN_FORM, 'StatusCallbackEvent'))).toBeNull();
      expect(parseVoiceConferenceStatus({ ...CONFERENCE_JOIN_FORM, StatusCallbackEvent: 'join' })).toBeNull();
      expect(parseVoiceConferenceStatus(without(CONFERENCE_JOIN_FORM, 'CallSid'))).toBeNull();
    });
  });

  describe('recording', () => {
    it('reads a completed recording, taking ErrorCode 0 as none', () => {
      expect(parseVoiceRecording(RECORDING_COMPLETED_FORM)).toEqual({
        call_sid: CALL_SID,
        account_sid: VOICE_ACCOUNT_SID,
        recording_sid: RECORDING_SID,
        recording_url: RECORDING_COMPLETED_FORM.RecordingUrl,
        recording_status: 'completed',
        recording_duration: 41,
        recording_channels: 2,
        recording_source: 'OutboundAPI',
        recording_start_time: '2025-06-10T12:00:06.000Z',
        error_code: null,
      });
    });

    it('reads an absent recording without a URL', () => {
      expect(
        parseVoiceRecording({
          ...without(RECORDING_COMPLETED_FORM, 'RecordingUrl'),
          RecordingStatus: 'absent',
          RecordingDuration: '0',
        }),
      ).toMatchObject({ recording_status: 'absent', recording_url: null, recording_duration: 0 });
    });

    it('answers null without its SIDs, a known status, or a completed recording without its URL', () => {
      expect(parseVoiceRecording(without(RECORDING_COMPLETED_FORM, 'RecordingSid'))).toBeNull();
      expect(parseVoiceRecording(without(RECORDING_COMPLETED_FORM, 'CallSid'))).toBeNull();
      expect(parseVoiceRecording({ ...RECORDING_COMPLETED_FORM, RecordingStatus: 'done' })).toBeNull();
      expect(parseVoiceRecording(without(RECORDING_COMPLETED_FORM, 'RecordingUrl'))).toBeNull();
    });
  });

  describe('inbound call', () => {
    it('reads a call to the tenant number', () => {
      expect(parseVoiceInbound(INBOUND_CALL_FORM)).toEqual({
        call_sid: 'CAZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ',
        account_sid: VOICE_ACCOUNT_SID,
        from: '+14017122661',
        to: '+15557122661',
        call_status: 'ringing',
        direction: 'inbound',
        caller_name: null,
        forwarded_from: null,
      });
    });

    it('falls back on Caller and Called', () => {
      const form = without(without(INBOUND_CALL_FORM, 'From'), 'To');
      expect(parseVoiceInbound(form)).toMatchObject({ from: '+14017122661', to: '+15557122661' });
    });

    it('answers null for an outbound call, or without CallSid, numbers or status', () => {
      expect(parseVoiceInbound({ ...INBOUND_CALL_FORM, Direction: 'outbound-api' })).toBeNull();
      expect(parseVoiceInbound(without(INBOUND_CALL_FORM, 'CallSid'))).toBeNull();
      expect(parseVoiceInbound(without(INBOUND_CALL_FORM, 'CallStatus'))).toBeNull();
      const anonymous = without(without(INBOUND_CALL_FORM, 'From'), 'Caller');
      expect(parseVoiceInbound(anonymous)).toBeNull();
    });
  });
});
