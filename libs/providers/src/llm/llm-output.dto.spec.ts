import 'reflect-metadata';
import { ReplyClassificationDto, validateLlmOutput, WrittenMessageDto } from './llm-output.dto';

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
