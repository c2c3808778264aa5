import { createHmac, timingSafeEqual } from 'node:crypto';
import LinkifyIt from 'linkify-it';

/**
 * Open and click tracking for outbound email: a 1x1 pixel and links rewritten through our webhook routes, each
 * carrying an HMAC of the message id (and the link) so nobody can forge an open or bounce a visitor elsewhere.
 */
export class EmailTracking {
  constructor(
    private readonly key: Buffer,
    private readonly publicBaseUrl: string,
  ) {}

  token(messageId: string, url?: string): string {
    return createHmac('sha256', this.key)
      .update(`email-tracking\n${messageId.toLowerCase()}\n${url ?? ''}`)
      .digest('base64url')
      .slice(0, 32);
  }

  verify(messageId: string, token: unknown, url?: string): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.token(messageId, url));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** An email's unsubscribe link (List-Unsubscribe): its token is the message's, marked apart from its links'. */
  unsubscribeUrl(messageId: string): string {
    return `${this.base()}/webhooks/email/unsubscribe/${messageId}?t=${this.token(messageId, UNSUBSCRIBE)}`;
  }

  verifyUnsubscribe(messageId: string, token: unknown): boolean {
    return this.verify(messageId, token, UNSUBSCRIBE);
  }

  openUrl(messageId: string): string {
    return `${this.base()}/webhooks/email/open/${messageId}?t=${this.token(messageId)}`;
  }

  clickUrl(messageId: string, url: string): string {
    const query = new URLSearchParams({ u: url, t: this.token(messageId, url) });
    return `${this.base()}/webhooks/email/click/${messageId}?${query.toString()}`;
  }

  /** The HTML part of a plain-text body: escaped, links tracked, the pixel last. */
  html(messageId: string, body: string): string {
    // Only links written with their scheme (http, https): what the reader sees as a link is what gets tracked. One
    // no browser could open (http://256.1.1.1/) stays text: a redirect could not go there either.
    const links = (linkFinder().match(body) ?? []).filter(
      (m) => (m.schema === 'http:' || m.schema === 'https:') && URL.canParse(m.url),
    );
    const text = (part: string) => escapeHtml(part).replace(/\r?\n/g, '<br>\n');
    let html = '';
    let at = 0;
    for (const link of links) {
      html += text(body.slice(at, link.index));
      html += `<a href="${escapeHtml(this.clickUrl(messageId, link.url))}">${escapeHtml(link.raw)}</a>`;
      at = link.lastIndex;
    }
    html += text(body.slice(at));
    const pixel = `<img src="${escapeHtml(this.openUrl(messageId))}" width="1" height="1" alt="" style="display:none">`;
    return `<!doctype html><html><body><div>${html}</div>${pixel}</body></html>`;
  }

  /** Our Message-ID for an outbound email: `<message id@public host>`. */
  messageIdHeader(messageId: string): string {
    return `<${messageId}@${new URL(this.publicBaseUrl).hostname}>`;
  }

  private base(): string {
    return this.publicBaseUrl.replace(/\/+$/, '');
  }
}

/** What an unsubscribe token signs besides the message id: never a link's URL (those start with a scheme). */
const UNSUBSCRIBE = 'unsubscribe';

let linkify: LinkifyIt | undefined;
/**
 * Links in text (the trailing full stop or bracket of a sentence is not the link's). Made at the first email sent:
 * its compiled patterns hold about 0.35 MB of heap that a process sending no email need not carry.
 */
const linkFinder = (): LinkifyIt =>
  (linkify ??= new LinkifyIt().set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
