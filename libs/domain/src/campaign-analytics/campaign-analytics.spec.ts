import { kpiRate, sumCampaignKpis, withKpiRates } from './campaign-analytics.types';
import { campaignFileName, snippet } from './campaign-header';

describe('campaign analytics helpers', () => {
  it('rates have 4 decimals and are 0 without a base', () => {
    expect(kpiRate(1, 3)).toBe(0.3333);
    expect(kpiRate(2, 3)).toBe(0.6667);
    expect(kpiRate(0, 0)).toBe(0);
    expect(kpiRate(5, 0)).toBe(0);
  });

  it('totals sum the counts and recompute the rates from the sums, never averaging them', () => {
    const base = withKpiRates({
      total_leads: 0,
      qualified_count: 0,
      sent: 0,
      delivered: 0,
      read: 0,
      failed: 0,
      withdrawn: 0,
      unknown: 0,
      queued: 0,
      completed: 0,
      enrollments_failed: 0,
      replied: 0,
      opted_out: 0,
      reached: 0,
      open_base: 0,
      opened: 0,
      calls_placed: 0,
      calls_answered: 0,
      calls_voicemail: 0,
      calls_abandoned: 0,
      calls_no_answer: 0,
      calls_busy: 0,
      calls_failed: 0,
    });
    const a = withKpiRates({ ...base, reached: 1, replied: 1, open_base: 1, opened: 1 });
    const b = withKpiRates({
      ...base,
      reached: 9,
      replied: 0,
      open_base: 3,
      opened: 0,
      sent: 4,
      enrollments_failed: 2,
    });
    expect([a.reply_rate, b.reply_rate]).toEqual([1, 0]);
    expect(sumCampaignKpis([a, b])).toEqual({
      ...base,
      reached: 10,
      replied: 1,
      open_base: 4,
      opened: 1,
      sent: 4,
      enrollments_failed: 2,
      reply_rate: 0.1,
      open_rate: 0.25,
    });
    expect(sumCampaignKpis([])).toEqual(base);
  });

  it('snippets collapse whitespace and are cut with an ellipsis', () => {
    expect(snippet(null)).toBeNull();
    expect(snippet('  \n ')).toBeNull();
    expect(snippet('Hi\n\nthere\tyou')).toBe('Hi there you');
    const cut = snippet('abcd '.repeat(10), 12);
    expect(cut).toBe('abcd abcd a…');
    expect(cut).toHaveLength(12);
  });

  it('a snippet is never cut inside a character: an emoji at the cut goes whole, never as half a surrogate pair', () => {
    const cut = snippet(`${'a'.repeat(10)}😀 tail`, 12);
    expect(cut).toBe(`${'a'.repeat(10)}…`);
    expect(cut).not.toMatch(/[\ud800-\udfff]/);
    expect(snippet(`${'a'.repeat(9)}😀 tail`, 12)).toBe(`${'a'.repeat(9)}😀…`);
  });

  it('file names are ASCII slugs of the campaign name, else its id', () => {
    expect(campaignFileName({ id: 'x', name: 'Été 2025: "Launch"!' }, 'csv')).toBe(
      'campaign-ete-2025-launch.csv',
    );
    expect(campaignFileName({ id: 'abc', name: '日本' }, 'pdf')).toBe('campaign-abc.pdf');
  });
});
