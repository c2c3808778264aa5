/**
 * classify:perturb — does the local classifier judge only the new text? (issue 7: "judging the new text above any
 * quoted history or signature"). Each DEV reply that has no quoted part, forward or signature of its own is
 * classified as written and then again with something appended that must not change its label: our outbound
 * message quoted below it (Gmail, Outlook and "Original Message" styles, and in the reply's own language), each
 * saying how to opt out, and a signature ending in a newsletter unsubscribe footer. Prints, per addition, how
 * many labels changed, and how many of those changes are a false opt-out (a reply that was not an opt-out became
 * one) or a lost opt-out. The test half is never loaded.
 *   npm run classify:perturb [-- --quiet]
 */
import { isolateReply } from '../../libs/providers/src/local-llm/classify/isolate-reply';
import { classifyAll } from './cross-validate';
import { loadHalf, type LabelledReply } from './split';
import { builtInReplyModel } from '../../libs/providers/src/local-llm/classify/model/built-in-model';
import { SURFACE_PERTURBATIONS } from './surface-perturbations';

const say = (line: string) => process.stdout.write(`${line}\n`);

const OUTBOUND =
  'Hi Sam,\n\nQuick question about your outbound process: worth a 15-minute chat next week?\n\nDana\n\nReply STOP to opt out, or unsubscribe here.';
const quoted = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

/** The quoted message in the reply's language: the attribution line and the opt-out instruction. */
const QUOTE_IN: Record<string, [string, string]> = {
  fr: [
    'Le lun. 30 nov. 2026 à 09:02, Dana <dana@reachline.io> a écrit :',
    'Bonjour, un échange de 15 minutes la semaine prochaine ? Répondez STOP pour vous désinscrire.',
  ],
  de: [
    'Am 30.11.2026 um 09:02 schrieb Dana <dana@reachline.io>:',
    'Hallo, hätten Sie nächste Woche 15 Minuten? Antworten Sie mit STOP, um sich abzumelden.',
  ],
  es: [
    'El lun, 30 nov 2026 a las 9:02, Dana (<dana@reachline.io>) escribió:',
    'Hola, ¿tienes 15 minutos la semana que viene? Responde BAJA para darte de baja.',
  ],
  pt: [
    'Em seg., 30 de nov. de 2026 às 09:02, Dana <dana@reachline.io> escreveu:',
    'Olá, tem 15 minutos na próxima semana? Responda SAIR para cancelar o recebimento.',
  ],
  it: [
    'Il giorno lun 30 nov 2026 alle ore 09:02 Dana <dana@reachline.io> ha scritto:',
    'Buongiorno, ha 15 minuti la prossima settimana? Risponda STOP per disiscriversi.',
  ],
  nl: [
    'Op ma 30 nov. 2026 om 09:02 schreef Dana <dana@reachline.io>:',
    'Hallo, heb je volgende week 15 minuten? Antwoord STOP om je af te melden.',
  ],
};

const ADDITIONS: Array<{ name: string; add: (reply: LabelledReply) => string }> = [
  {
    name: 'Gmail quote',
    add: (r) =>
      `${r.text}\n\nOn Mon, Nov 30, 2026 at 9:02 AM Dana <dana@reachline.io> wrote:\n${quoted(OUTBOUND)}`,
  },
  {
    name: 'Outlook quote',
    add: (r) =>
      `${r.text}\n\n________________________________\nFrom: Dana <dana@reachline.io>\nSent: Monday, November 30, 2026 9:02 AM\nSubject: Quick question\n\n${OUTBOUND}`,
  },
  {
    name: 'Original Message quote',
    add: (r) =>
      `${r.text}\n\n-----Original Message-----\nFrom: Dana [mailto:dana@reachline.io]\nSent: 30 November 2026 09:02\n\n${OUTBOUND}`,
  },
  {
    name: "quote in the reply's language",
    add: (r) => {
      const [attribution, body] = QUOTE_IN[r.lang] ?? QUOTE_IN.fr;
      return `${r.text}\n\n${attribution}\n${quoted(body)}`;
    },
  },
  {
    name: 'signature with an unsubscribe footer',
    add: (r) =>
      `${r.text}\n\n--\nSam Ortiz\nHead of Sales | Brightwave\n+1 415 555 0100\n\nYou are receiving this because you subscribed to Brightwave updates. Unsubscribe | Manage preferences`,
  },
];

interface Change {
  reply: LabelledReply;
  before: string | null;
  after: string | null;
}

/** Classifies each changed text (null: the change does not apply) and prints the labels it moved. */
async function compare(
  name: string,
  replies: LabelledReply[],
  base: Array<string | null>,
  texts: Array<string | null>,
  quiet: boolean,
): Promise<{ items: number; changed: number; false_opt_outs: number; lost_opt_outs: number }> {
  const kept = replies.map((_, i) => i).filter((i) => texts[i] !== null);
  const changed: Change[] = (
    await classifyAll(
      kept.map((i) => ({ ...replies[i], text: texts[i] as string })),
      builtInReplyModel(),
    )
  )
    .map((p, j) => ({ reply: replies[kept[j]], before: base[kept[j]], after: p.output?.label ?? null }))
    .filter((c) => c.before !== c.after);
  const falseOptOuts = changed.filter((c) => c.after === 'unsubscribe').length;
  const lostOptOuts = changed.filter((c) => c.before === 'unsubscribe').length;
  say(
    `  ${name.padEnd(42)} ${String(kept.length).padStart(5)} replies ${String(changed.length).padStart(4)} labels changed (${falseOptOuts} became an opt-out, ${lostOptOuts} opt-outs lost)`,
  );
  if (!quiet)
    for (const c of changed)
      say(
        `      ${c.reply.id} ${c.before} → ${c.after}: "${c.reply.text.replace(/\s+/g, ' ').slice(0, 100)}"`,
      );
  return {
    items: kept.length,
    changed: changed.length,
    false_opt_outs: falseOptOuts,
    lost_opt_outs: lostOptOuts,
  };
}

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const surface = process.argv.includes('--surface');
  const every = Number(process.argv[process.argv.indexOf('--every') + 1]) || 1;
  const replies = loadHalf('dev').replies.filter((_, i) => i % every === 0);
  const isPlain = replies.map((r) => isolateReply(r.text).cuts.length === 0);
  const chosen = surface ? replies : replies.filter((_, i) => isPlain[i]);
  const base = (await classifyAll(chosen, builtInReplyModel())).map((p) => p.output?.label ?? null);
  say(
    surface
      ? `dev replies, each changed on the surface only: ${chosen.length}`
      : `dev replies with no quote, forward or signature of their own: ${chosen.length}`,
  );
  const summary: Record<string, Awaited<ReturnType<typeof compare>>> = {};
  if (surface)
    for (const { name, apply } of SURFACE_PERTURBATIONS)
      summary[name] = await compare(
        name,
        chosen,
        base,
        chosen.map((r, i) => apply(r, isPlain[i])),
        quiet,
      );
  else
    for (const { name, add } of ADDITIONS)
      summary[name] = await compare(name, chosen, base, chosen.map(add), quiet);
  say(
    JSON.stringify({
      bench: surface ? 'classify-perturb-surface' : 'classify-perturb',
      items: chosen.length,
      additions: summary,
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
