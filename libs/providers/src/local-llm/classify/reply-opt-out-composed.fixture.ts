import type { ReplyLabel } from '../../llm/llm-tasks';

/**
 * The composed opt-out signal (signals/opt-out-composed.signals.ts) in each language: a cessation, a contact verb
 * and the writer in one clause, in either order; a removal verb with the writer's details; and what must not
 * read as an opt-out although the parts are there: a negated removal, a time limit, "why", a courtesy ("don't
 * hesitate to call me"), a report of the past, and someone else's details. [text, expected], `not_unsub` meaning
 * "anything but unsubscribe".
 */
// prettier-ignore
export const OPT_OUT_COMPOSED_EXAMPLES: Array<[string, ReplyLabel | 'not_unsub']> = [
  // en
  ['Kindly refrain from phoning this line going forward.', 'unsubscribe'],
  ['Please wipe my contact details off your CRM.', 'unsubscribe'],
  ['Lose my email address, thanks.', 'unsubscribe'],
  ["Don't hesitate to ring me if anything changes.", 'not_unsub'],
  ['Please do not delete my details, I still want the offers.', 'not_unsub'],
  ['Why did you stop messaging me? Is the offer still on?', 'not_unsub'],
  // de
  ['Mich bitte ab sofort nicht mehr anschreiben.', 'unsubscribe'],
  ['Rufen Sie uns nie wieder an.', 'unsubscribe'],
  ['Bitte tilgen Sie meine Kontaktdaten.', 'unsubscribe'],
  ['Schreiben Sie mir bitte nicht mehr vor Montag, ich bin unterwegs.', 'not_unsub'],
  ['Sie haben mich nie wieder angerufen, ist das Angebot noch gültig?', 'not_unsub'],
  ['Löschen Sie bitte nicht meine Daten, ich will informiert bleiben.', 'not_unsub'],
  ['Könnten Sie unsere Kollegin aus der Liste nehmen? Sie arbeitet nicht mehr hier.', 'not_unsub'],
  // fr
  ['Ne nous relancez plus jamais.', 'unsubscribe'],
  ['Oubliez mon numéro de téléphone, merci.', 'unsubscribe'],
  ["Vous ne m'avez plus écrit depuis mars, l'offre tient toujours ?", 'not_unsub'],
  ['Appelez-moi plus tard dans la semaine.', 'not_unsub'],
  // es
  ['Nunca más me manden whatsapps.', 'unsubscribe'],
  ['Olviden mi teléfono, por favor.', 'unsubscribe'],
  ['No me escriban más hasta enero, estoy de viaje.', 'not_unsub'],
  ['No borren mis datos, sigo interesado.', 'not_unsub'],
  // it
  ['Non disturbatemi mai più.', 'unsubscribe'],
  ['Dimenticate il mio numero di cellulare.', 'unsubscribe'],
  ['Non mi avete più scritto, ci sono novità?', 'not_unsub'],
  ['Non cancellate i miei dati, grazie.', 'not_unsub'],
  // pt
  ['Nunca mais me liguem.', 'unsubscribe'],
  ['Esqueçam o meu telefone, obrigado.', 'unsubscribe'],
  ['Não me ligaram mais, ainda há vagas?', 'not_unsub'],
  ['Não apaguem os meus dados, quero continuar a receber.', 'not_unsub'],
  // nl
  ['Mij graag nooit meer bellen.', 'unsubscribe'],
  ['Schrijf mij niet langer, dank je.', 'unsubscribe'],
  ['Schrap mijn telefoonnummer uit jullie bestand.', 'unsubscribe'],
  ['Bel me niet meer voor 9 uur, dan slaap ik nog.', 'not_unsub'],
  ['Verwijder mijn gegevens niet, ik blijf graag op de hoogte.', 'not_unsub'],
  // passive refusals
  ['We no longer wish to be contacted by your agency.', 'unsubscribe'],
  ['If you do not want to be contacted, just say so.', 'not_unsub'],
  ['Ich will keinesfalls mehr von Ihnen angerufen werden.', 'unsubscribe'],
  ['Nous refusons d’être sollicités par téléphone.', 'unsubscribe'],
  ['No queremos ser molestados otra vez.', 'unsubscribe'],
  ['Non desidero essere disturbato più.', 'unsubscribe'],
  ['Não desejo ser incomodado mais.', 'unsubscribe'],
  ['Wij willen nooit meer gebeld worden.', 'unsubscribe'],
  // why did contact stop
  ['Wieso meldet ihr euch nicht mehr bei mir?', 'not_unsub'],
  ["Pourquoi vous ne m'appelez plus ? Le projet est toujours d'actualité.", 'not_unsub'],
  ['¿Por qué no me llaman más? Sigo esperando.', 'not_unsub'],
  ['Perché non mi scrivete più? Aspetto il preventivo.', 'not_unsub'],
  ['Waarom mailen jullie niet meer? Ik wacht nog op de offerte.', 'not_unsub'],
  ['Why are you not texting me anymore? Did I miss something?', 'not_unsub'],
];
