import {
  crossedThreshold,
  DEFAULT_SCORING,
  engagementPoints,
  leadScore,
  qualificationStatus,
  scoringSettings,
} from './lead-scoring';

const none = { replies: 0, email_opens: 0, clicks: 0 };

describe('lead scoring', () => {
  describe('scoringSettings', () => {
    it('answers the defaults without tenant settings', () => {
      expect(scoringSettings({})).toEqual(DEFAULT_SCORING);
      expect(scoringSettings(null)).toEqual(DEFAULT_SCORING);
      expect(scoringSettings({ scoring: 'high' })).toEqual(DEFAULT_SCORING);
    });

    it("merges the tenant's weights key by key, in snake_case or camelCase", () => {
      const s = scoringSettings({
        scoring: {
          qualifiedThreshold: 60,
          intent: { interested: 90 },
          engagement: { perReply: 10 },
          intent_weight: 0.5,
        },
      });
      expect(s.qualified_threshold).toBe(60);
      expect(s.intent).toEqual({ ...DEFAULT_SCORING.intent, interested: 90 });
      expect(s.engagement).toEqual({ ...DEFAULT_SCORING.engagement, per_reply: 10 });
      expect(s.intent_weight).toBe(0.5);
    });

    it('keeps the default for a value that is not a number in range', () => {
      const s = scoringSettings({
        scoring: {
          qualified_threshold: 170,
          intent: { interested: '90', question: -1 },
          engagement: { per_click: null, max_clicks: Infinity },
          intent_weight: 2,
        },
      });
      expect(s).toEqual(DEFAULT_SCORING);
    });
  });

  describe('engagementPoints', () => {
    it('adds replies, opens and clicks, each up to its cap', () => {
      expect(engagementPoints(none, DEFAULT_SCORING)).toBe(0);
      expect(engagementPoints({ replies: 1, email_opens: 2, clicks: 1 }, DEFAULT_SCORING)).toBe(4 + 4 + 5);
      expect(engagementPoints({ replies: 10, email_opens: 10, clicks: 10 }, DEFAULT_SCORING)).toBe(
        12 + 6 + 10,
      );
    });
  });

  describe('leadScore', () => {
    it('weights the intent by the confidence and adds the engagement', () => {
      // 0.85 × 88 × (0.5 + 0.5 × 1) = 74.8, + 4 for one reply → 79: a sure "interested" qualifies by default
      expect(leadScore('interested', 1, { ...none, replies: 1 }, DEFAULT_SCORING)).toBe(79);
      // 0.85 × 88 × 0.75 = 56.1: an unsure one does not
      expect(leadScore('interested', 0.5, none, DEFAULT_SCORING)).toBe(56);
      // 0.85 × 95 × 0.95 = 76.7, + 4 + 2 → 83
      expect(
        leadScore('meeting_request', 0.9, { replies: 1, email_opens: 1, clicks: 0 }, DEFAULT_SCORING),
      ).toBe(83);
      expect(leadScore('unsubscribe', 1, none, DEFAULT_SCORING)).toBe(0);
    });

    it('clamps to 0..100 and reads an impossible confidence as bounded', () => {
      const generous = scoringSettings({ scoring: { intent_weight: 1, engagement: { per_reply: 100 } } });
      expect(leadScore('meeting_request', 1, { ...none, replies: 3 }, generous)).toBe(100);
      expect(leadScore('interested', 7, none, DEFAULT_SCORING)).toBe(75);
      expect(leadScore('interested', Number.NaN, none, DEFAULT_SCORING)).toBe(37);
    });
  });

  describe('qualificationStatus', () => {
    it('follows the label first, then the threshold', () => {
      expect(qualificationStatus('meeting_request', 10, DEFAULT_SCORING)).toBe('meeting_requested');
      for (const label of ['not_interested', 'unsubscribe', 'wrong_person'] as const) {
        expect(qualificationStatus(label, 99, DEFAULT_SCORING)).toBe('disqualified');
      }
      expect(qualificationStatus('not_now', 99, DEFAULT_SCORING)).toBe('nurture');
      expect(qualificationStatus('out_of_office', 0, DEFAULT_SCORING)).toBe('nurture');
      expect(qualificationStatus('interested', 70, DEFAULT_SCORING)).toBe('qualified');
      expect(qualificationStatus('interested', 69, DEFAULT_SCORING)).toBe('in_progress');
      expect(qualificationStatus('question', 40, DEFAULT_SCORING)).toBe('in_progress');
    });
  });

  describe('crossedThreshold', () => {
    it('is true only when the score goes from below the threshold to at or above it', () => {
      expect(crossedThreshold(69, 70, DEFAULT_SCORING)).toBe(true);
      expect(crossedThreshold(0, 95, DEFAULT_SCORING)).toBe(true);
      expect(crossedThreshold(70, 90, DEFAULT_SCORING)).toBe(false);
      expect(crossedThreshold(80, 40, DEFAULT_SCORING)).toBe(false);
      expect(crossedThreshold(40, 69, DEFAULT_SCORING)).toBe(false);
    });
  });
});
