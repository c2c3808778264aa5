import { s, type Signal } from './signal';

/**
 * Unsubscribes talked about, not asked for (probe 21): as a figure ("our unsubscribe rate has doubled") or as a
 * flow of other people's ("how do your customers handle the opt-outs?", "comment vos clients gèrent-ils les
 * désinscriptions ?"). A plural noun after a determiner is never the writer's own request.
 */
export const MIXED_INTENT_GUARDS: Signal[] = [
  s(
    'question',
    1,
    'talks about unsubscribes as a figure',
    /\b(unsubscribe|unsub|opt out|optout)s? (rate|rates|ratio|numbers?|counts?|figures?|stats|statistics|metrics?|volumes?|spikes?|trends?)\b/,
    'guard',
  ),
  s(
    'question',
    1,
    'talks about unsubscribes as a flow (multilingual)',
    /\b(the|our|their|your|les|des|nos|vos|leurs|los|las|sus|nuestras|die|unsere|ihre|as|os|nossos|nossas|i|gli|le|nostri|onze|hun) (unsubscribes|opt outs|desinscriptions|desabonnements|bajas|abmeldungen|descadastros|disiscrizioni|afmeldingen|uitschrijvingen)\b/,
    'guard',
  ),
];
