import { seededHex } from './simulator-plan';
import { CONFERENCE_EVENT_SUBSCRIPTION, ConferenceEvent, conferenceParams } from './telephony-callbacks';
import type { TelephonyContext, TelephonyEngine } from './telephony-engine';
import type {
  ConferenceParticipant,
  OutgoingCallback,
  SimulatedCall,
  SimulatedConference,
} from './telephony-ledger';
import { ConferenceNoun, parseTwiml, verbDurationMs } from './telephony-twiml';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Conferences of the telephony simulator: who is in each (changed under the conference's lock, shared by every
 * process), the conference status callbacks to the URL of the participant that made it (the events it asked
 * for), and what a lead does there: a human talks for its plan's time once an agent's leg is with it, and hangs
 * up after its patience when it waits alone.
 */
export class TelephonyConferences {
  constructor(
    private readonly ctx: TelephonyContext,
    private readonly engine: TelephonyEngine,
  ) {}

  private locked<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.ctx.ledger.withLock(`conference:${this.ctx.tenantId}:${name}`, fn);
  }

  /** addParticipant's call: on answer it joins its conference with this TwiML (no answer URL). */
  joinTwiml(call: SimulatedCall): string | undefined {
    const join = call.join_conference;
    if (!join) return undefined;
    const callback = join.status_callback
      ? ` statusCallback="${escapeXml(join.status_callback)}" statusCallbackEvent="start end join leave"`
      : '';
    return `<Response><Dial><Conference beep="false"${callback}>${escapeXml(join.name)}</Conference></Dial></Response>`;
  }

  /** Queues a conference status callback from `call` when the conference's maker asked for the event. */
  private notify(
    call: SimulatedCall,
    conference: SimulatedConference,
    event: ConferenceEvent,
    participant?: ConferenceParticipant,
    extra?: Record<string, string>,
  ): void {
    if (!conference.status_callback || !conference.events.includes(CONFERENCE_EVENT_SUBSCRIPTION[event])) {
      return;
    }
    call.outbox.push({
      kind: 'conference',
      url: conference.status_callback,
      params: conferenceParams(
        conference,
        call.account_sid,
        event,
        conference.sequence,
        this.ctx.now(),
        participant,
        extra,
      ),
    });
    conference.sequence += 1;
  }

  /** `<Dial><Conference>`: joins (making the conference when it is the first), then waits or talks there. */
  async join(call: SimulatedCall, noun: ConferenceNoun): Promise<void> {
    const { ledger, tenantId, settings } = this.ctx;
    const now = this.ctx.now().toISOString();
    const conference = await this.locked(noun.name, async () => {
      let conf = await ledger.liveConference(tenantId, noun.name);
      if (!conf) {
        const n = await ledger.nextNumber(tenantId, 'conference', noun.name);
        conf = {
          tenant_id: tenantId,
          sid: `CF${seededHex(settings.seed, `conference:${tenantId}:${noun.name}:${n}`)}`,
          name: noun.name,
          status: 'init',
          status_callback: noun.statusCallback ?? null,
          events: noun.statusCallbackEvents,
          participants: [],
          sequence: 1,
          created_at: now,
          ended_at: null,
          announcements: [],
        };
      } else if (!conf.status_callback && noun.statusCallback) {
        conf.status_callback = noun.statusCallback;
        conf.events = noun.statusCallbackEvents;
      }
      const participant: ConferenceParticipant = {
        call_sid: call.call_sid,
        party: call.party,
        muted: noun.muted,
        end_conference_on_exit: noun.endConferenceOnExit,
        start_conference_on_enter: noun.startConferenceOnEnter,
        joined_at: now,
      };
      const others = conf.participants.filter((p) => p.call_sid !== call.call_sid);
      conf.participants = [...others, participant];
      if (conf.status === 'init' && participant.start_conference_on_enter) {
        conf.status = 'in-progress';
        this.notify(call, conf, 'conference-start', participant);
      }
      this.notify(call, conf, 'participant-join', participant);
      await ledger.saveConference(conf);
      for (const other of others) {
        await this.engine.schedule(
          other.call_sid,
          { kind: 'conference-changed', conference_sid: conf.sid },
          0,
        );
      }
      return conf;
    });
    call.conference = { name: conference.name, sid: conference.sid };
    await this.presence(call, conference);
  }

  /**
   * What a human lead does in a conference: with an agent's leg there, talks for its plan's talk time (once);
   * alone (or only with other leads), waits, and hangs up after `humanPatienceMs`.
   */
  async presence(call: SimulatedCall, conference: SimulatedConference): Promise<void> {
    if (call.party !== 'lead' || call.plan.outcome !== 'human' || call.status !== 'in-progress') return;
    if (call.talk_started_at) return;
    const now = this.ctx.now().toISOString();
    const withAgent = conference.participants.some(
      (p) => p.party === 'agent' && p.call_sid !== call.call_sid,
    );
    if (withAgent) {
      call.talk_started_at = now;
      call.waiting_since = null;
      const event = { kind: 'hangup' as const, reason: 'talk' as const, token: now };
      await this.engine.schedule(call.call_sid, event, call.plan.talkMs);
      return;
    }
    if (call.waiting_since) return;
    call.waiting_since = now;
    const token = this.engine.hangupToken(call, 'patience') as string;
    await this.engine.schedule(
      call.call_sid,
      { kind: 'hangup', reason: 'patience', token },
      this.ctx.settings.humanPatienceMs,
    );
  }

  /** The call is no longer in its conference because the conference ended (its leaving was posted by the ender). */
  forget(call: SimulatedCall): void {
    call.conference = null;
    call.waiting_since = null;
  }

  /**
   * The call leaves its conference (hung up, redirected, removed). The conference ends when it was the last, or
   * when it had endConferenceOnExit: then every other participant leaves too and their <Dial> is over.
   */
  async leave(call: SimulatedCall): Promise<void> {
    const ref = call.conference;
    if (!ref) return;
    this.forget(call);
    const { ledger, tenantId } = this.ctx;
    await this.locked(ref.name, async () => {
      const conf = await ledger.findConference(tenantId, ref.sid);
      const me = conf?.participants.find((p) => p.call_sid === call.call_sid);
      if (!conf || !me || conf.status === 'completed') return;
      conf.participants = conf.participants.filter((p) => p !== me);
      this.notify(call, conf, 'participant-leave', me);
      if (!me.end_conference_on_exit && conf.participants.length > 0) {
        await ledger.saveConference(conf);
        for (const other of conf.participants) {
          await this.engine.schedule(
            other.call_sid,
            { kind: 'conference-changed', conference_sid: conf.sid },
            0,
          );
        }
        return;
      }
      const others = conf.participants;
      conf.participants = [];
      for (const other of others) this.notify(call, conf, 'participant-leave', other);
      if (conf.status === 'in-progress') {
        this.notify(call, conf, 'conference-end', me, {
          ReasonConferenceEnded: me.end_conference_on_exit
            ? 'participant-with-end-conference-on-exit-left'
            : 'last-participant-left',
          CallSidEndingConference: call.call_sid,
        });
      }
      conf.status = 'completed';
      conf.ended_at = this.ctx.now().toISOString();
      await ledger.saveConference(conf);
      for (const other of others) {
        await this.engine.schedule(other.call_sid, { kind: 'conference-ended', conference_sid: conf.sid }, 0);
      }
    });
  }

  /** Our API answered an announce URL: the whisper is played to the participant alone, and remembered. */
  async announced(call: SimulatedCall, callback: OutgoingCallback, body: string | null): Promise<void> {
    const sid = callback.conference_sid;
    if (body === null || !sid) return;
    let verbs;
    try {
      verbs = parseTwiml(body);
    } catch {
      return;
    }
    const text = verbs
      .map((v) => (v.verb === 'Say' ? v.text : v.verb === 'Play' ? v.url : ''))
      .join(' ')
      .trim();
    const ms = verbs.reduce((sum, v) => sum + (verbDurationMs(v) ?? 0), 0);
    const { ledger, tenantId } = this.ctx;
    const conf = await ledger.findConference(tenantId, sid);
    if (!conf) return;
    await this.locked(conf.name, async () => {
      const current = await ledger.findConference(tenantId, sid);
      if (!current) return;
      current.announcements.push({
        call_sid: call.call_sid,
        url: callback.url,
        text,
        at: this.ctx.now().toISOString(),
      });
      await ledger.saveConference(current);
    });
    await this.engine.schedule(call.call_sid, { kind: 'announce-end', conference_sid: sid }, ms);
  }

  /** The whisper has been played: `announcement-end` when the conference's maker asked for it. */
  async announcementEnded(call: SimulatedCall, conferenceSid: string): Promise<void> {
    const { ledger, tenantId } = this.ctx;
    const conf = await ledger.findConference(tenantId, conferenceSid);
    if (!conf || conf.status === 'completed') return;
    await this.locked(conf.name, async () => {
      const current = await ledger.findConference(tenantId, conferenceSid);
      if (!current || current.status === 'completed') return;
      const participant = current.participants.find((p) => p.call_sid === call.call_sid);
      this.notify(call, current, 'announcement-end', participant);
      await ledger.saveConference(current);
    });
  }
}
