import type { ReplyLabel, WriteMessageInput, WrittenMessage } from '../../llm/llm-tasks';
import { clean, firstSentence, lowerFirst, pick, truncate, upperFirst } from '../text-utils';
import { instructionPoint } from './instruction-point';
import { fittedValueProp, messageContext, proposedSlots, type MessageContext } from './message-context';

/**
 * AI-written outreach without a model (issue 7): a campaign step is a greeting, one value proposition fitted to
 * the lead, the point of the step's instructions and a call to action; an auto-reply answers the lead's last
 * message by its class (question, interested, meeting request, not now, neutral…); after a cede it first takes up
 * what the human agent last said. Variants are picked by a hash of the lead and the purpose; the body fits
 * max_chars (shorter wordings first, then optional sentences dropped); email gets a subject, other channels none.
 */

interface Segment {
  text: string;
  /** A shorter wording, used before anything is dropped. */
  short?: string;
  /** Dropped first when the body is too long: higher = more optional; 0 = kept. */
  optional: number;
}

export function writeMessageLocally(input: WriteMessageInput): WrittenMessage {
  const ctx = messageContext(input);
  const segments = input.purpose === 'campaign_step' ? campaignStep(ctx, input) : autoReply(ctx, input);
  if (input.resumed_after_cede && ctx.lastAgentMessage) segments.unshift(cedeSegment(ctx));
  const { body, shortenedFrom } = fit(greeting(ctx), segments, signOff(ctx, input), input);
  return {
    body,
    subject: input.channel === 'email' ? subject(ctx, input) : null,
    shortened_from_chars: shortenedFrom,
  };
}

function greeting(ctx: MessageContext): string {
  const name = ctx.name || 'there';
  if (ctx.tone === 'formal')
    return ctx.name ? pick([`Dear ${name},`, `Hello ${name},`], ctx.seed) : 'Hello there,';
  if (ctx.tone === 'friendly') return pick([`Hi ${name},`, `Hey ${name},`, `Hi ${name}!`], ctx.seed);
  return pick([`Hi ${name},`, `Hello ${name},`], ctx.seed);
}

function signOff(ctx: MessageContext, input: WriteMessageInput): string {
  if (input.channel !== 'email') return '';
  return ctx.tone === 'formal' ? 'Kind regards' : ctx.tone === 'friendly' ? 'Cheers' : 'Best';
}

const productName = (ctx: MessageContext) => ctx.product || 'our platform';

function describe(ctx: MessageContext): string {
  if (!ctx.description) return '';
  const what = lowerFirst(ctx.description).replace(/^is\s+/i, '');
  return `${upperFirst(productName(ctx))} is ${what}.`;
}

function valueSentence(ctx: MessageContext, hint: string): string {
  const vp = fittedValueProp(ctx, hint);
  if (!vp) return describe(ctx);
  const who = ctx.company || (ctx.industry ? `${ctx.industry} teams` : 'teams like yours');
  const forms = ctx.company
    ? [
        `For ${who}, the main win with ${productName(ctx)} would be this: ${lowerFirst(vp)}.`,
        `Teams like ${who} use ${productName(ctx)} for one reason: ${lowerFirst(vp)}.`,
        `What ${ctx.industry ? `${ctx.industry} teams like ${who}` : `teams like ${who}`} value most in ${productName(ctx)}: ${lowerFirst(vp)}.`,
      ]
    : [
        `For ${who}, the main win with ${productName(ctx)} would be this: ${lowerFirst(vp)}.`,
        `With ${productName(ctx)}: ${lowerFirst(vp)}.`,
      ];
  return pick(forms, ctx.seed, 1);
}

function callToAction(ctx: MessageContext, short: boolean): string {
  if (short) return ctx.tone === 'formal' ? 'Would a short call suit you?' : 'Worth a quick chat?';
  const fits = ctx.company || 'your team';
  const options =
    ctx.tone === 'formal'
      ? [
          'Would you be available for a brief 15-minute call next week?',
          `May I suggest a short call to see whether this fits ${fits}?`,
        ]
      : ctx.tone === 'friendly'
        ? ['Up for a quick 15-minute chat next week?', `Worth a quick call to see if this fits ${fits}?`]
        : [
            'Would a 15-minute call next week work for you?',
            `Open to a short call to see if this fits ${fits}?`,
          ];
  return pick(options, ctx.seed, 2);
}

function campaignStep(ctx: MessageContext, input: WriteMessageInput): Segment[] {
  const hint = clean(input.instructions);
  const point = instructionPoint(input.instructions, ctx.product, ctx.description);
  const introduces = point.startsWith("I'm reaching out to introduce");
  const opener = `I'm reaching out because ${productName(ctx)} could help ${ctx.company || 'your team'}.`;
  const vp = fittedValueProp(ctx, hint);
  return [
    { text: point || opener, short: introduces ? `Meet ${productName(ctx)}.` : undefined, optional: 1 },
    { text: valueSentence(ctx, hint), short: vp ? `${upperFirst(vp)}.` : undefined, optional: 2 },
    { text: !introduces && point && vp ? describe(ctx) : '', optional: 4 },
    { text: callToAction(ctx, false), short: callToAction(ctx, true), optional: 0 },
  ];
}

function autoReply(ctx: MessageContext, input: WriteMessageInput): Segment[] {
  const label: ReplyLabel | null = input.last_classification;
  const slots = proposedSlots(ctx.lastAt, ctx.timezone);
  const slotText = slots ? `${slots[0]} or ${slots[1]}` : 'early next week';
  switch (label) {
    case 'question':
      return [
        { text: answerQuestion(ctx), optional: 0 },
        { text: valueSentence(ctx, ctx.lastLeadMessage), optional: 2 },
        {
          text: 'Happy to walk you through it on a short call — would that help?',
          short: 'Quick call?',
          optional: 1,
        },
      ];
    case 'interested':
      return [
        { text: pick(['Great to hear!', 'Glad this caught your eye.'], ctx.seed), optional: 0 },
        {
          text: `The next step would be a short walkthrough of how ${productName(ctx)} would work ${ctx.company ? `at ${ctx.company}` : 'for you'}; I can send a one-page overview beforehand.`,
          short: `Next step: a short walkthrough of ${productName(ctx)}.`,
          optional: 0,
        },
        { text: `Would ${slotText} suit you?`, short: 'When suits you?', optional: 1 },
      ];
    case 'meeting_request':
      return [
        { text: pick(["Thanks — let's set that up.", 'Happy to schedule a call.'], ctx.seed), optional: 0 },
        {
          text: `I can do ${slotText}. Which works better? I'll send the invite as soon as you confirm.`,
          short: slots ? `${slots[0]} or ${slots[1]}?` : 'Which day suits you?',
          optional: 0,
        },
      ];
    case 'not_now':
      return [
        { text: 'Understood — thanks for letting me know.', optional: 0 },
        { text: `I'll follow up ${laterPhrase(ctx.lastLeadMessage)}.`, optional: 0 },
        { text: 'In the meantime, if anything changes, just reply here.', optional: 2 },
      ];
    case 'not_interested':
      return [
        { text: 'Understood, thanks for letting me know.', optional: 0 },
        {
          text: "I won't take more of your time; if priorities change, you know where to find me.",
          optional: 1,
        },
      ];
    case 'neutral':
      return [{ text: pick(['Thanks!', 'Thank you, much appreciated.'], ctx.seed), optional: 0 }];
    case 'out_of_office':
    case 'wrong_person':
    case 'unsubscribe':
      return [{ text: 'Thank you for letting me know.', optional: 0 }];
    default:
      return [
        { text: 'Thanks for your message.', optional: 0 },
        { text: valueSentence(ctx, ctx.lastLeadMessage), optional: 2 },
        { text: callToAction(ctx, false), short: callToAction(ctx, true), optional: 1 },
      ];
  }
}

function answerQuestion(ctx: MessageContext): string {
  const asked = ctx.lastLeadMessage.toLowerCase();
  if (/\b(price|pricing|cost|costs|how much|budget|fee|plan|plans)\b/.test(asked)) {
    return `Good question on pricing: ${productName(ctx)} is priced by team size and channels, so I'd rather give you exact figures for ${ctx.company || 'your team'} than a generic list.`;
  }
  const described = describe(ctx);
  return described
    ? `Good question. In short: ${lowerFirst(described)}`
    : 'Good question — happy to go through it with you.';
}

function laterPhrase(message: string): string {
  const m = message
    .toLowerCase()
    .match(
      /\b(next (quarter|year|month|week)|in (a few|a couple of|\d+|two|three|six) (weeks|months)|after [a-z ]{3,30}?(?=[.,!?]|$)|in (january|february|march|april|may|june|july|august|september|october|november|december)|q[1-4]( \d{4})?)/,
    );
  return m ? m[0] : 'in a few months';
}

const GREETING = /^(hi|hello|hey|dear)\b[^,!.]*[,!.]\s*/i;
/** A sentence that only introduces the human or hands the lead over: nothing to take up. */
const HANDOVER =
  /^(this is|i am|i'm|my name is|it's)\s+[a-z]+\b[^.!?]*$|\b(take (it|this|things|over)( from here)?|taking (it |this )?over|from here on|step(ping)? in|jump(ing)? in|hand(ing)? (it |this )?(back|over))\b/i;

/**
 * What a human's message says beyond a greeting, a self-introduction or a handover ("this is Mary from sales", "I'll
 * take it from here"): its first such sentence, '' when it says nothing else.
 */
function substance(message: string): string {
  const sentences = clean(message.replace(GREETING, ''))
    .split(/(?<=[.!?])\s+/)
    .flatMap((s) => s.split(/,\s+(?=(?:i|i'll|i will|we)\b)/i))
    .map((s) => s.trim())
    .filter((s) => s && !HANDOVER.test(s.replace(/[.!…]+$/, '')));
  return sentences.length ? firstSentence(sentences.join(' '), 120) : '';
}

function cedeSegment(ctx: MessageContext): Segment {
  const said = substance(ctx.lastAgentMessage);
  if (!said) return { text: '', optional: 3 };
  const text = said.endsWith('?')
    ? `Picking up on my colleague's question: ${said}`
    : `Following up on what my colleague mentioned — ${lowerFirst(said).replace(/[.!…]+$/, '')}.`;
  return { text, optional: 3 };
}

function subject(ctx: MessageContext, input: WriteMessageInput): string {
  if (input.purpose === 'auto_reply') return `Re: ${ctx.product || 'your message'}`;
  const options = [
    ctx.company ? `${productName(ctx)} for ${ctx.company}` : `${upperFirst(productName(ctx))} for your team`,
    ctx.company ? `Quick idea for ${ctx.company}` : 'A quick idea',
    ctx.name ? `${ctx.name}, a quick question` : 'A quick question',
  ];
  return truncate(pick(options, ctx.seed, 3), 78);
}

/**
 * Joins greeting, segments and sign-off within max_chars: short wordings, then optional segments go, then a cut (and
 * the length it cut from).
 */
function fit(
  hello: string,
  segments: Segment[],
  bye: string,
  input: WriteMessageInput,
): { body: string; shortenedFrom: number | null } {
  const email = input.channel === 'email';
  const max = Math.max(20, input.max_chars || 1000);
  let kept = segments.filter((s) => clean(s.text));
  const render = (parts: Segment[], withBye: boolean) => {
    const body = parts.map((p) => clean(p.text)).join(' ');
    if (!email) return `${hello} ${body}`.trim();
    return [hello, '', body, ...(withBye && bye ? ['', bye] : [])].join('\n');
  };
  let text = render(kept, true);
  if (text.length > max && email) text = render(kept, false);
  for (let i = 0; text.length > max && i < kept.length; i++) {
    const shorter = kept[i].short;
    if (shorter) kept = kept.map((k, j) => (j === i ? { ...k, text: shorter, short: undefined } : k));
    text = render(kept, false);
  }
  while (text.length > max && kept.some((s) => s.optional > 0)) {
    const most = Math.max(...kept.map((s) => s.optional));
    const index = kept.map((s) => s.optional).lastIndexOf(most);
    kept = kept.filter((_, i) => i !== index);
    text = render(kept, false);
  }
  return { body: truncate(text, max), shortenedFrom: text.length > max ? text.length : null };
}
