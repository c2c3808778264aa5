/**
 * The labelled reply set (issue 7, "Quality"): every `bench/classify/data/*.jsonl`, one reply per line, split by a
 * hash of its text — sha256(text), first byte even → dev (for tuning), odd → test (never looked at while tuning).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLY_LABELS, type ReplyLabel } from '../../libs/providers/src/llm/llm-tasks';

export interface LabelledReply {
  id: string;
  lang: string;
  text: string;
  label: ReplyLabel;
  return_date: string | null;
  referral: { name: string | null; email: string | null; phone: string | null } | null;
  received_at: string;
  timezone?: string | null;
  subject?: string | null;
  channel?: string | null;
  traits: string[];
  /** The data file it came from, without `.jsonl` (e.g. `replies-extra`). */
  source: string;
}

export type Half = 'dev' | 'test';

export const DATA_DIR = join(__dirname, 'data');

export function halfOf(text: string): Half {
  return createHash('sha256').update(text, 'utf8').digest()[0] % 2 === 0 ? 'dev' : 'test';
}

export interface LoadedSet {
  replies: LabelledReply[];
  /** Lines that were not a valid labelled reply (file:line), e.g. a file still being written. */
  skipped: string[];
}

/** Every labelled reply of the data folder, in file order. */
export function loadReplies(dir = DATA_DIR): LoadedSet {
  const replies: LabelledReply[] = [];
  const skipped: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  for (const file of files) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const reply = parseLine(line, file.replace(/\.jsonl$/, ''));
        if (reply) replies.push(reply);
        else skipped.push(`${file}:${i + 1}`);
      });
  }
  return { replies, skipped };
}

/** One half of the set; with `file` ("replies-extra" or just "extra"), only that source file's half. */
export function loadHalf(half: Half, dir = DATA_DIR, file?: string): LoadedSet {
  const { replies, skipped } = loadReplies(dir);
  const wanted = file ? sourceName(file) : null;
  return {
    replies: replies.filter((r) => halfOf(r.text) === half && (!wanted || r.source === wanted)),
    skipped,
  };
}

/** "extra", "replies-extra" or "replies-extra.jsonl" → "replies-extra". */
export function sourceName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.jsonl$/, '');
  return base.startsWith('replies-') ? base : `replies-${base}`;
}

function parseLine(line: string, source: string): LabelledReply | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const r = value as Partial<LabelledReply>;
  if (typeof r.text !== 'string' || !REPLY_LABELS.includes(r.label as ReplyLabel)) return null;
  return {
    id: String(r.id ?? ''),
    lang: typeof r.lang === 'string' ? r.lang : 'unknown',
    text: r.text,
    label: r.label as ReplyLabel,
    return_date: typeof r.return_date === 'string' ? r.return_date : null,
    referral: r.referral ?? null,
    received_at: typeof r.received_at === 'string' ? r.received_at : '2026-11-30T09:00:00Z',
    timezone: r.timezone ?? null,
    subject: r.subject ?? null,
    channel: r.channel ?? null,
    traits: Array.isArray(r.traits) ? r.traits : [],
    source,
  };
}
