import { EmailTracking } from './email-tracking';

describe('EmailTracking', () => {
  const tracking = new EmailTracking(Buffer.alloc(32, 7), 'https://reach.example.com/');
  const id = '0190f3a2-7b1c-7d2e-8f90-123456789abc';

  it('verifies its own tokens and nothing else', () => {
    expect(tracking.verify(id, tracking.token(id))).toBe(true);
    expect(tracking.verify(id, tracking.token(id, 'https://a.test'), 'https://a.test')).toBe(true);
    expect(tracking.verify(id, tracking.token(id), 'https://a.test')).toBe(false);
    expect(tracking.verify(id.replace('c', 'd'), tracking.token(id))).toBe(false);
    expect(tracking.verify(id, undefined)).toBe(false);
    expect(tracking.verify(id, 'short')).toBe(false);
  });

  it('renders escaped HTML with tracked links and the pixel', () => {
    const html = tracking.html(id, 'Hi <Ann> & co\nSee https://shop.test/a?b=1&c=2 now');
    expect(html).toContain('Hi &#60;Ann&#62; &#38; co<br>');
    expect(html).toContain(`https://reach.example.com/webhooks/email/click/${id}?u=`);
    expect(html).toContain('>https://shop.test/a?b=1&#38;c=2</a>');
    expect(html).toContain(
      `src="https://reach.example.com/webhooks/email/open/${id}?t=${tracking.token(id)}"`,
    );
    const href = /href="([^"]+)"/.exec(html)?.[1].replace(/&#38;/g, '&') as string;
    const url = new URL(href);
    expect(url.searchParams.get('u')).toBe('https://shop.test/a?b=1&c=2');
    expect(tracking.verify(id, url.searchParams.get('t'), 'https://shop.test/a?b=1&c=2')).toBe(true);
  });

  it("tracks a link without the sentence's punctuation after it, and leaves links without a scheme as text", () => {
    const html = tracking.html(
      id,
      'Prices: https://shop.test/pricing. Docs (https://wiki.test/a_(b)) or shop.test',
    );
    const tracked = [...html.matchAll(/href="([^"]+)"/g)].map((m) =>
      new URL(m[1].replace(/&#38;/g, '&')).searchParams.get('u'),
    );
    expect(tracked).toEqual(['https://shop.test/pricing', 'https://wiki.test/a_(b)']);
    expect(html).toContain('</a>. Docs (');
    expect(html).toContain('</a>) or shop.test');
  });

  it('makes a Message-ID on the public host', () => {
    expect(tracking.messageIdHeader(id)).toBe(`<${id}@reach.example.com>`);
  });
});
