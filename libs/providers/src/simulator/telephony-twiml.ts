import { XMLParser } from 'fast-xml-parser';

/** A `<Conference>` noun inside `<Dial>`, with the attributes the simulator honours. */
export interface ConferenceNoun {
  name: string;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  muted: boolean;
  beep: string;
  statusCallback?: string;
  /** `start end join leave` by default when a statusCallback is set (Twilio sends only the listed events). */
  statusCallbackEvents: string[];
}

/** One TwiML verb the simulated call executes, in document order. */
export type TwimlVerb =
  | { verb: 'Say'; text: string; loop: number }
  | { verb: 'Play'; url: string; loop: number }
  | { verb: 'Pause'; length: number }
  | { verb: 'Hangup' }
  | { verb: 'Reject'; reason: string }
  | { verb: 'Redirect'; url: string }
  | { verb: 'Dial'; conference?: ConferenceNoun; number?: string }
  | {
      verb: 'Record';
      maxLength: number;
      playBeep: boolean;
      recordingStatusCallback?: string;
      action?: string;
    };

/** Twilio's text-to-speech pace as the simulator counts it: about 60 ms a character. */
export const SAY_MS_PER_CHAR = 60;
/** An audio file's length as the simulator counts it (a voicemail drop, a recorded message). */
export const PLAY_MS = 8000;
/** A caller leaving a voicemail speaks this long (never longer than the Record's maxLength). */
export const RECORDED_MESSAGE_MS = 6000;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** The TwiML document could not be read: Twilio answers such a document with an application error and hangs up. */
export class TwimlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwimlError';
  }
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return '';
  return (children as OrderedNode[])
    .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
    .join('')
    .trim();
}

const bool = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value.toLowerCase() === 'true';

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function conferenceOf(name: string, attrs: Record<string, string>): ConferenceNoun {
  const events = attrs.statusCallbackEvent?.split(/[\s,]+/).filter(Boolean);
  return {
    name,
    startConferenceOnEnter: bool(attrs.startConferenceOnEnter, true),
    endConferenceOnExit: bool(attrs.endConferenceOnExit, false),
    muted: bool(attrs.muted, false),
    beep: attrs.beep ?? 'true',
    ...(attrs.statusCallback ? { statusCallback: attrs.statusCallback } : {}),
    statusCallbackEvents: events?.length ? events : ['start', 'end', 'join', 'leave'],
  };
}

function verbOf(node: OrderedNode): TwimlVerb | null {
  const tag = tagOf(node);
  if (!tag) return null;
  const attrs = node[':@'] ?? {};
  const children = node[tag];
  switch (tag) {
    case 'Say':
      return { verb: 'Say', text: textOf(children), loop: Math.max(1, int(attrs.loop, 1)) };
    case 'Play':
      return { verb: 'Play', url: textOf(children), loop: Math.max(1, int(attrs.loop, 1)) };
    case 'Pause':
      return { verb: 'Pause', length: int(attrs.length, 1) };
    case 'Hangup':
      return { verb: 'Hangup' };
    case 'Reject':
      return { verb: 'Reject', reason: attrs.reason ?? 'rejected' };
    case 'Redirect':
      return { verb: 'Redirect', url: textOf(children) };
    case 'Dial': {
      const nouns = Array.isArray(children) ? (children as OrderedNode[]) : [];
      const conference = nouns.find((n) => tagOf(n) === 'Conference');
      if (conference) {
        return {
          verb: 'Dial',
          conference: conferenceOf(textOf(conference.Conference), conference[':@'] ?? {}),
        };
      }
      const number = nouns.find((n) => tagOf(n) === 'Number');
      const target = number ? textOf(number.Number) : textOf(children);
      return { verb: 'Dial', ...(target ? { number: target } : {}) };
    }
    case 'Record':
      return {
        verb: 'Record',
        maxLength: int(attrs.maxLength, 3600),
        playBeep: bool(attrs.playBeep, true),
        ...(attrs.recordingStatusCallback ? { recordingStatusCallback: attrs.recordingStatusCallback } : {}),
        ...(attrs.action ? { action: attrs.action } : {}),
      };
    default:
      // A verb the simulator does not act out (Gather, Enqueue...): it is passed over, as if it ended at once.
      return null;
  }
}

/** The verbs of a TwiML document, in order. An empty body or `<Response/>` has none (the call then hangs up). */
export function parseTwiml(xml: string): TwimlVerb[] {
  if (!xml.trim()) return [];
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new TwimlError(`Unreadable TwiML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const response = nodes.find((n) => tagOf(n) === 'Response');
  if (!response) throw new TwimlError('TwiML without a <Response> element');
  const children = response.Response;
  if (!Array.isArray(children)) return [];
  return (children as OrderedNode[]).map((child) => verbOf(child)).filter((v): v is TwimlVerb => v !== null);
}

/**
 * How long a verb keeps the call busy, unscaled (ms): `<Say>` 60 ms a character, `<Play>` 8 s, `<Pause>` its
 * length, each times its loop; 0 for the verbs that act at once. A `<Dial>` lasts until its conference ends and a
 * `<Record>` until the caller stops speaking: they answer null.
 */
export function verbDurationMs(verb: TwimlVerb): number | null {
  switch (verb.verb) {
    case 'Say':
      return Math.max(1, verb.text.length) * SAY_MS_PER_CHAR * verb.loop;
    case 'Play':
      return PLAY_MS * verb.loop;
    case 'Pause':
      return verb.length * 1000;
    case 'Dial':
    case 'Record':
      return null;
    default:
      return 0;
  }
}

/** How long a caller speaks into a `<Record>` (ms, unscaled): a few seconds, capped by its maxLength. */
export function recordedMessageMs(verb: Extract<TwimlVerb, { verb: 'Record' }>): number {
  return Math.min(RECORDED_MESSAGE_MS, verb.maxLength * 1000);
}
