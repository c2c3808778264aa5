import { s, type Signal } from './signal';

/**
 * Away replies that name the errand instead of the absence (probe 76): "Away on business until 15.12.2026", "I'm on
 * jury service until Wednesday 9th December", "I'm on a training course until Thursday", "out on site till Friday".
 * The writer's own errand with an end named; not "he is on a course" (someone else), nor "a course on sales" without
 * an end. Normalised text.
 */
const ERRAND =
  '(business|a (business|work) trip|holiday|vacation|jury (service|duty)|a (training |residential |leadership )?course|training|secondment|assignment|site|a site visit|retreat|a retreat|a (trade show|trade fair|conference|workshop|summit|offsite|off site))';

export const PROBE76_AWAY_ERRAND_SIGNALS: Signal[] = [
  s(
    'out_of_office',
    3,
    'away on an errand until a day',
    new RegExp(
      `(?<!\\b(he|she|they|hes|shes|theyre|he is|she is|they are|[a-z]+ is) )\\b((i am|im|i will be|i m)( currently)? ((away|out|off) )?|(away|out|off) )(on|at|doing) ${ERRAND}\\b[^.!?\\n]{0,25}\\b(until|till|til|through|thru|all week|this week|for the (week|day|rest of))\\b`,
    ),
  ),
];
