import 'reflect-metadata';
import {
  ProductContextTurnDto,
  ReplyClassificationDto,
  validateLlmOutput,
  WrittenMessageDto,
} from './llm-output.dto';

const ANSWER = {
  label: 'out_of_office',
  confidence: 0.9,
  reason: 'An automatic away reply.',
  return_date: '2026-12-07',
  referral: null,
  language: 'en',
};

describe('validateLlmOutput', () => {
  it('sets an unusable language or return date to null and says which field, keeping the rest', () => {
    const result = validateLlmOutput(ReplyClassificationDto, {
      ...ANSWER,
      return_date: 'next Monday',
      language: 'English',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { ...ANSWER, return_date: null, language: null },
    });
    const { warnings } = result as { warnings: string[] };
    expect(warnings).toEqual([
      'return_date must be a real calendar date',
      'return_date must be YYYY-MM-DD',
      'language must be an ISO 639-1 code',
    ]);
  });

  it('a missing side field is forgiven the same way', () => {
    const { language: _language, ...rest } = ANSWER;
    expect(validateLlmOutput(ReplyClassificationDto, rest)).toMatchObject({
      ok: true,
      value: { language: null },
    });
  });

  it('keeps the core fields strict: a bad label fails the answer, with the side fields named too', () => {
    const result = validateLlmOutput(ReplyClassificationDto, {
      ...ANSWER,
      label: 'maybe',
      language: 'English',
    });
    expect(result.ok).toBe(false);
    expect((result as { reasons: string[] }).reasons).toEqual([
      expect.stringContaining('label must be one of the following values'),
      'language must be an ISO 639-1 code',
    ]);
    for (const broken of [{ confidence: 1.7 }, { reason: '' }, { referral: 'Jane' }]) {
      expect(validateLlmOutput(ReplyClassificationDto, { ...ANSWER, ...broken }).ok).toBe(false);
    }
  });

  it('a DTO without forgiving fields forgives nothing', () => {
    expect(validateLlmOutput(WrittenMessageDto, { body: 'Hi', subject: 42 }).ok).toBe(false);
  });
});

describe('LLM output lengths', () => {
  // U+1F3F3 U+FE0F: two code points (Postgres's count), three UTF-16 units, one "character" to validator.js.
  const flag = '\u{1F3F3}\uFE0F';
  const written = (subject: string) => validateLlmOutput(WrittenMessageDto, { body: 'Hi', subject });

  it('counts code points as Postgres does: an astral character is one, its variation selector one more', () => {
    expect(written('\u{1F600}'.repeat(500)).ok).toBe(true);
    expect(written('\u{1F600}'.repeat(501))).toEqual({
      ok: false,
      reasons: ['subject must be shorter than or equal to 500 characters'],
    });
    expect(written(flag.repeat(250)).ok).toBe(true);
    expect(written(flag.repeat(251))).toEqual({
      ok: false,
      reasons: ['subject must be shorter than or equal to 500 characters'],
    });
  });

  it('counts each item of a list, and a classification reason, the same way', () => {
    const metadata = {
      product: null,
      description: null,
      value_propositions: [],
      industries: [flag.repeat(100)],
      ideal_customer: null,
      tone: null,
    };
    const turn = { reply: 'Noted.', status: 'clarifying', metadata, missing: [] };
    expect(validateLlmOutput(ProductContextTurnDto, turn).ok).toBe(true);
    const tooLong = { ...turn, metadata: { ...metadata, industries: [flag.repeat(101)] } };
    expect(validateLlmOutput(ProductContextTurnDto, tooLong)).toEqual({
      ok: false,
      reasons: ['each value in industries must be shorter than or equal to 200 characters'],
    });
    expect(validateLlmOutput(ReplyClassificationDto, { ...ANSWER, reason: flag.repeat(500) }).ok).toBe(true);
    expect(validateLlmOutput(ReplyClassificationDto, { ...ANSWER, reason: flag.repeat(501) }).ok).toBe(false);
  });
});
