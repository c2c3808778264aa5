import { FieldIssue, isPublicUrl, isUuid } from '@app/common';
import type { StepType } from '@app/db';
import { AI_MESSAGE_CHANNELS } from './campaign-steps';

export const DELAY_UNITS = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const CALL_MODES = ['connect_agent', 'play_message'] as const;
const MAX_DELAY_MINUTES = 365 * 24 * 60;
/** The files (`options.media_urls`, `options.attachment_ids`) a step of each type sends: WhatsApp carries one. */
const MEDIA_PER_STEP: Partial<Record<StepType, number>> = { WHATSAPP: 1, SMS: 10, EMAIL: 10 };

/** One step as a client sends it (seed 000), after the DTO's checks of shape. */
export interface CampaignStepInput {
  type: StepType;
  /** The message template; for a DELAY step, seed 000's number of hours ("24"). */
  content?: string | null;
  subject?: string | null;
  template_name?: string | null;
  template_language?: string | null;
  delay_minutes?: number | null;
  delay?: { value: number; unit: DelayUnit } | null;
  options?: Record<string, unknown> | null;
}

/** A step as stored, at its 0-based position. */
export interface NormalizedStep {
  position: number;
  type: StepType;
  content: string | null;
  subject: string | null;
  template_name: string | null;
  template_language: string | null;
  delay_minutes: number | null;
  options: Record<string, unknown>;
}

export const blank = (value: string | null | undefined) => !value || !value.trim();

/** A DELAY step's minutes: `delay_minutes`, else `delay: { value, unit }`, else `content` in hours (seed 000). */
function delayMinutes(step: CampaignStepInput, at: string, errors: FieldIssue[]): number | null {
  let minutes: number;
  let field: string;
  if (step.delay_minutes !== undefined && step.delay_minutes !== null) {
    minutes = step.delay_minutes;
    field = `${at}.delay_minutes`;
  } else if (step.delay) {
    const factor = { minutes: 1, hours: 60, days: 1440 }[step.delay.unit];
    minutes = Math.round(step.delay.value * factor);
    field = `${at}.delay`;
  } else if (!blank(step.content)) {
    const text = String(step.content).trim();
    field = `${at}.content`;
    if (!/^\d+(\.\d+)?$/.test(text)) {
      errors.push({ field, reason: 'must be a number of hours (a DELAY step waits that long)' });
      return null;
    }
    minutes = Math.round(Number(text) * 60);
  } else {
    errors.push({
      field: `${at}.content`,
      reason: 'is required: a DELAY step needs its hours in content, or delay_minutes, or delay',
    });
    return null;
  }
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > MAX_DELAY_MINUTES) {
    errors.push({ field, reason: 'must be at least one minute and at most 365 days' });
    return null;
  }
  return minutes;
}

export function normalizeStep(
  step: CampaignStepInput,
  position: number,
  errors: FieldIssue[],
): NormalizedStep {
  const at = `steps.${position}`;
  const out: NormalizedStep = {
    position,
    type: step.type,
    content: step.content ?? null,
    subject: step.subject ?? null,
    template_name: step.template_name ?? null,
    template_language: step.template_language ?? null,
    delay_minutes: null,
    options: step.options ?? {},
  };
  const only = (field: keyof CampaignStepInput, allowed: StepType[], what: string) => {
    const value = step[field];
    if (value !== undefined && value !== null && !allowed.includes(step.type)) {
      errors.push({ field: `${at}.${field}`, reason: `is only for ${what}` });
    }
  };
  only('delay_minutes', ['DELAY'], 'DELAY steps');
  only('delay', ['DELAY'], 'DELAY steps');
  only('template_name', ['WHATSAPP'], 'WHATSAPP steps');
  only('template_language', ['WHATSAPP'], 'WHATSAPP steps');
  only('subject', ['EMAIL', 'AI_MESSAGE'], 'EMAIL and AI_MESSAGE steps');
  if (step.type === 'DELAY') {
    out.delay_minutes = delayMinutes(step, at, errors);
    // The hours of seed 000 stay as sent; a delay said in minutes or with a unit has no content.
    if (step.delay_minutes != null || step.delay) out.content = null;
    return out;
  }
  const {
    channel,
    call_mode: callMode,
    audio_url: audioUrl,
    media_urls: mediaUrls,
    attachment_ids: attachmentIds,
  } = out.options;
  const playsAudio = step.type === 'CALL' && callMode === 'play_message' && typeof audioUrl === 'string';
  // A picture or a file alone is a message on WhatsApp and by MMS; an email says something.
  const sendsMedia =
    (step.type === 'WHATSAPP' || step.type === 'SMS') &&
    [mediaUrls, attachmentIds].some((list) => Array.isArray(list) && list.length > 0);
  if (
    blank(step.content) &&
    !(step.type === 'WHATSAPP' && !blank(step.template_name)) &&
    !(playsAudio && !blank(audioUrl as string)) &&
    !sendsMedia
  ) {
    errors.push({
      field: `${at}.content`,
      reason:
        step.type === 'WHATSAPP'
          ? 'is required (or template_name, an approved WhatsApp template, or options.media_urls)'
          : step.type === 'CALL'
            ? callMode === 'play_message'
              ? 'is required: the message spoken to the lead (or options.audio_url, a recording to play)'
              : "is required: the agent's script for this CALL step"
            : `is required: the message this ${step.type} step sends`,
    });
  }
  if (step.type === 'AI_MESSAGE' && channel !== undefined) {
    if (!(AI_MESSAGE_CHANNELS as readonly unknown[]).includes(channel)) {
      errors.push({
        field: `${at}.options.channel`,
        reason: `must be one of ${AI_MESSAGE_CHANNELS.join(', ')}`,
      });
    }
  }
  if (
    step.type === 'CALL' &&
    callMode !== undefined &&
    !(CALL_MODES as readonly unknown[]).includes(callMode)
  ) {
    errors.push({ field: `${at}.options.call_mode`, reason: `must be one of ${CALL_MODES.join(', ')}` });
  }
  if (audioUrl !== undefined && audioUrl !== null) checkAudioUrl(step.type, callMode, audioUrl, at, errors);
  if (out.options.variables != null) checkVariables(step, out.options.variables, at, errors);
  if (mediaUrls != null || attachmentIds != null)
    checkStepFiles(step.type, mediaUrls, attachmentIds, at, errors);
  return out;
}

/**
 * The files a WHATSAPP (one: with a template, its media header), SMS (MMS) or EMAIL (attached) step sends with its
 * message: `options.media_urls`, public http(s) URLs, and `options.attachment_ids`, files uploaded with POST
 * /api/messages/attachments (the campaign keeps them: see `pinCampaignFiles`).
 */
function checkStepFiles(type: StepType, urls: unknown, ids: unknown, at: string, errors: FieldIssue[]): void {
  const most = MEDIA_PER_STEP[type];
  const field = (name: string) => `${at}.options.${name}`;
  if (most === undefined) {
    for (const [name, value] of [
      ['media_urls', urls],
      ['attachment_ids', ids],
    ] as const)
      if (value != null)
        errors.push({ field: field(name), reason: 'is only for WHATSAPP, SMS and EMAIL steps' });
    return;
  }
  const badUrls =
    urls != null && (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string' || !isPublicUrl(u)));
  if (badUrls)
    errors.push({
      field: field('media_urls'),
      reason: 'must be a list of http or https URLs of at most 2000 characters each',
    });
  const badIds =
    ids != null && (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !isUuid(id)));
  if (badIds)
    errors.push({ field: field('attachment_ids'), reason: 'must be a list of the ids of uploaded files' });
  if (badUrls || badIds) return;
  const uploads = new Set(((ids as string[] | null) ?? []).map((id) => id.toLowerCase()));
  const count = ((urls as unknown[] | null) ?? []).length + uploads.size;
  if (count > most)
    errors.push({
      field: field(ids != null ? 'attachment_ids' : 'media_urls'),
      reason: most === 1 ? `a ${type} step carries one file` : `a ${type} step carries at most ${most} files`,
    });
}

/** The uploads the steps send (`options.attachment_ids`), each with the field that names it. */
export function stepFileIds(steps: readonly NormalizedStep[]): { id: string; field: string }[] {
  return steps.flatMap((s) =>
    Array.isArray(s.options.attachment_ids)
      ? (s.options.attachment_ids as string[]).map((id) => ({
          id: id.toLowerCase(),
          field: `steps.${s.position}.options.attachment_ids`,
        }))
      : [],
  );
}

/**
 * `options.variables`: the parameters of a WHATSAPP step's approved template, each a text filled from the lead as
 * content is (`{{first_name|there}}`), so checked as content is (campaign-input's templateTexts).
 */
function checkVariables(step: CampaignStepInput, variables: unknown, at: string, errors: FieldIssue[]): void {
  const field = `${at}.options.variables`;
  if (step.type !== 'WHATSAPP' || blank(step.template_name)) {
    errors.push({ field, reason: 'is only for WHATSAPP steps with a template_name (its parameters)' });
  } else if (
    typeof variables !== 'object' ||
    Array.isArray(variables) ||
    Object.values(variables as object).some((v) => typeof v !== 'string' && typeof v !== 'number')
  ) {
    errors.push({ field, reason: 'must be an object of texts, one per parameter of the template' });
  }
}

/** A WHATSAPP step's template parameters that are texts, each with its field. */
export function stepVariables(step: NormalizedStep): { field: string; text: string }[] {
  const variables = step.options.variables;
  if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return [];
  return Object.entries(variables as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string')
    .map(([key, text]) => ({
      field: `steps.${step.position}.options.variables.${key}`,
      text: text as string,
    }));
}

/** `options.audio_url`: an http(s) URL a play_message CALL step plays instead of speaking its content. */
function checkAudioUrl(
  type: StepType,
  callMode: unknown,
  audioUrl: unknown,
  at: string,
  errors: FieldIssue[],
): void {
  const field = `${at}.options.audio_url`;
  if (type !== 'CALL' || callMode !== 'play_message') {
    errors.push({ field, reason: 'is only for CALL steps with options.call_mode play_message' });
  } else if (typeof audioUrl !== 'string' || !isPublicUrl(audioUrl)) {
    errors.push({ field, reason: 'must be an http or https URL of at most 2000 characters' });
  }
}

/** Whether two lists of steps store the same thing (a body that sends the current steps back changes nothing). */
export function sameSteps(a: readonly NormalizedStep[], b: readonly NormalizedStep[]): boolean {
  const key = (s: NormalizedStep) =>
    JSON.stringify([
      s.position,
      s.type,
      s.content,
      s.subject,
      s.template_name,
      s.template_language,
      s.delay_minutes,
      sortKeys(s.options),
    ]);
  return a.length === b.length && a.every((step, i) => key(step) === key(b[i]));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
