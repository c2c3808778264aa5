import { lazyPackage } from '@app/common';
import type { Font } from 'fontkit';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CampaignFunnelStep } from './campaign-analytics.types';
import type { CampaignReport, CampaignStatusCount } from './campaign-report.service';

/** The names the report's fonts are registered under in each document. */
const BODY = 'Body';
const BOLD = 'Bold';

/**
 * pdfkit and the report's fonts, loaded by the first report drawn rather than at start. DejaVu Sans writes Latin in
 * every European language, Greek and Cyrillic (the standard PDF fonts speak WinAnsi only: "Łódź", "Ελένη" and
 * "Дмитрий" came out as question marks), and Hebrew and Arabic letters, though pdfkit draws them left to right and
 * unjoined; a character it has no glyph for (CJK, emoji) is a "?" rather than an empty box.
 */
const drawing = lazyPackage(async () => {
  const [{ default: PDFDocument }, fontkit] = await Promise.all([import('pdfkit'), import('fontkit')]);
  const [body, bold] = await Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
      readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ),
  );
  const inBoth = new Set((fontkit.create(bold) as Font).characterSet);
  const glyphs = new Set((fontkit.create(body) as Font).characterSet.filter((c) => inBoth.has(c)));
  return { PDFDocument, fonts: { [BODY]: body, [BOLD]: bold }, glyphs };
});

const MARGIN = 50;
const INK = '#1f2933';
const MUTED = '#616e7c';
const BARS = [
  { key: 'sent', label: 'Sent', color: '#3e7cb1' },
  { key: 'delivered', label: 'Delivered', color: '#5aa469' },
  { key: 'opened', label: 'Opened / read', color: '#f0a202' },
  { key: 'replied', label: 'Replied', color: '#d1495b' },
] as const satisfies readonly { key: keyof CampaignFunnelStep; label: string; color: string }[];

/** The text with each character the fonts cannot draw as "?" (a character, not each UTF-16 half of one). */
function drawable(text: string, glyphs: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    out += code < 0x20 || glyphs.has(code) ? ch : '?';
  }
  return out;
}

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
const day = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');

type Doc = PDFKit.PDFDocument;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 60);
  doc.moveDown(1).font(BOLD).fontSize(13).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.4).font(BODY).fontSize(10);
}

/** Label / value pairs in two columns. */
function pairs(doc: Doc, items: [string, string][]): void {
  const width = (doc.page.width - 2 * MARGIN) / 2;
  for (let i = 0; i < items.length; i += 2) {
    ensureRoom(doc, 16);
    const y = doc.y;
    items.slice(i, i + 2).forEach(([label, value], col) => {
      const x = MARGIN + col * width;
      doc
        .font(BODY)
        .fillColor(MUTED)
        .text(label, x, y, { width: width * 0.55 });
      doc
        .font(BOLD)
        .fillColor(INK)
        .text(value, x + width * 0.55, y, { width: width * 0.45 });
    });
    doc.x = MARGIN;
    doc.y = y + 16;
  }
}

/** One group of horizontal bars per message step, scaled to the largest count, drawn with rectangles. */
function funnelChart(doc: Doc, funnel: CampaignFunnelStep[]): void {
  const steps = funnel.filter((s) => s.type !== 'DELAY');
  if (steps.length === 0) {
    doc.fillColor(MUTED).text('No message steps yet.', MARGIN);
    return;
  }
  const max = Math.max(1, ...steps.flatMap((s) => BARS.map((b) => s[b.key] as number)));
  const labelWidth = 110;
  const chartWidth = doc.page.width - 2 * MARGIN - labelWidth - 40;
  const barHeight = 9;
  ensureRoom(doc, 20);
  let legendX = MARGIN;
  const legendY = doc.y;
  for (const bar of BARS) {
    doc.rect(legendX, legendY, 8, 8).fill(bar.color);
    doc
      .fillColor(INK)
      .fontSize(8)
      .text(bar.label, legendX + 11, legendY, { lineBreak: false });
    legendX += 100;
  }
  doc.y = legendY + 18;
  for (const step of steps) {
    const groupHeight = BARS.length * (barHeight + 2) + 8;
    ensureRoom(doc, groupHeight);
    const top = doc.y;
    doc
      .fontSize(9)
      .fillColor(INK)
      .text(`Step ${step.position + 1}: ${step.type}`, MARGIN, top + 12, { width: labelWidth - 8 });
    BARS.forEach((bar, i) => {
      const value = step[bar.key] as number;
      const y = top + i * (barHeight + 2);
      const width = value > 0 ? Math.max(1, (value / max) * chartWidth) : 0;
      if (width > 0) doc.rect(MARGIN + labelWidth, y, width, barHeight).fill(bar.color);
      doc
        .fillColor(MUTED)
        .fontSize(7)
        .text(String(value), MARGIN + labelWidth + width + 4, y + 1, { lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + groupHeight;
  }
  doc.fontSize(10);
}

function counts(doc: Doc, title: string, rows: CampaignStatusCount[]): void {
  doc.font(BOLD).fillColor(INK).text(title, MARGIN).font(BODY);
  if (rows.length === 0) doc.fillColor(MUTED).text('None.', MARGIN);
  pairs(
    doc,
    rows.map((r) => [r.status, String(r.count)]),
  );
  doc.moveDown(0.5);
}

/** The report as a PDF stream; pdfkit writes it out as it is drawn, then ends. */
export async function drawCampaignReport(report: CampaignReport): Promise<Readable> {
  const { PDFDocument, fonts, glyphs } = await drawing.load();
  const plain = (text: string) => drawable(text, glyphs);
  const a = report.analytics;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // The document's properties are Unicode text (UTF-16), not drawn: the name as it is.
    info: { Title: a.name, Subject: 'Campaign report', Creator: 'Reachline' },
  });
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font);
  doc.font(BOLD).fontSize(20).fillColor(INK).text(plain(a.name));
  doc
    .font(BODY)
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      `Status ${a.status} · started ${day(a.start_time)} · ended ${day(a.end_time)} · generated ${day(report.generated_at)}`,
    );

  heading(doc, 'Key figures');
  pairs(doc, [
    ['Leads enrolled', String(a.total_leads)],
    ['Qualified', String(a.qualified_count)],
    ['Open rate', percent(a.open_rate)],
    ['Reply rate', percent(a.reply_rate)],
    ['Sent', String(a.sent)],
    ['Delivered', String(a.delivered)],
    ['Read', String(a.read)],
    ['Replied', String(a.replied)],
    ['Failed', String(a.failed)],
    ['Withdrawn', String(a.withdrawn)],
    ['Unknown', String(a.unknown)],
    ['Opted out', String(a.opted_out)],
    ['Queued', String(a.queued)],
    ...(a.calls_placed || a.calls_failed
      ? ([
          ['Calls placed', String(a.calls_placed)],
          ['Calls answered', String(a.calls_answered)],
          ['Calls to voicemail', String(a.calls_voicemail)],
          ['Calls abandoned', String(a.calls_abandoned)],
          ['Calls not answered', String(a.calls_no_answer)],
          ['Calls busy', String(a.calls_busy)],
          ['Calls failed', String(a.calls_failed)],
        ] as [string, string][])
      : []),
  ]);

  heading(doc, 'Funnel by step');
  funnelChart(doc, a.funnel);

  heading(doc, 'Lead statuses');
  counts(doc, 'Lead status', report.lead_statuses);
  counts(doc, 'Place in the campaign', report.enrollment_statuses);

  heading(doc, 'Conversation snippets');
  if (report.snippets.length === 0) doc.fillColor(MUTED).text('No replies yet.', MARGIN);
  for (const s of report.snippets) {
    ensureRoom(doc, 40);
    doc
      .font(BOLD)
      .fontSize(9)
      .fillColor(INK)
      .text(`${plain(s.lead_name ?? 'Unnamed lead')} · ${s.channel} · ${day(s.at)}`, MARGIN);
    doc.font(BODY).fillColor(MUTED).text(plain(s.text), MARGIN).moveDown(0.4);
  }
  doc.end();
  return doc;
}
