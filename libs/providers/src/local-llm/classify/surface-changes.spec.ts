import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): a change of form only must not move what the rules read. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('surface changes that must not change the label (npm run classify:perturb -- --surface)', () => {
  describe('a reply written all in capitals reads as it would in lower case', () => {
    it.each([
      ['HOW DO WE STOP A CAMPAIGN ONCE A LEAD HAS BOOKED?', 'question'],
      ['CAN THE TOOL STOP SENDING ON BANK HOLIDAYS?', 'question'],
      ['STOP FOR NOW PLEASE, CIRCLE BACK AFTER OUR BUDGET REVIEW IN FEBRUARY.', 'not_now'],
      ['STOP, THIS LOOKS GREAT. SEND ME THE PRICE LIST.', 'interested'],
      ['PLEASE STOP EMAILING TOM, HE MOVED TO ANOTHER TEAM. I LOOK AFTER HIS ACCOUNTS NOW.', 'wrong_person'],
    ])('%s → %s', (text, label) => {
      expect(classify(text).label).toBe(label);
      expect(classify(text.toLowerCase()).label).toBe(label);
    });

    it.each([
      "PLEASE STOP CALLING MARTA, SHE'S ON SABBATICAL UNTIL MAY. I HANDLE HER CLIENTS.",
      'stop texting ravi, he left in june. send it to me',
    ])('someone else named, not the writer, stays no opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      'STOP',
      'STOP!!',
      'STOP TEXTING ME',
      'PLEASE STOP MESSAGING THIS NUMBER',
      'STOP. WHO GAVE YOU MY NUMBER?',
      'UNSUBSCRIBE ME NOW',
      'STOP please',
      'STOP - not interested',
    ])('an opt-out stays one: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('a greeting line above, or a closing "thx" or "pls", leaves the reply what it was', () => {
    it.each([
      ['Bonjour,\narrêt', 'fr: the keyword under a greeting'],
      ['Hallo Herr Krause,\nabmelden', 'de: the keyword under a greeting with a name'],
      ['Hola!\nbaja gracias', 'es: the keyword with thanks under a greeting'],
      ['Hi Priya,\nQUIT', 'the keyword in capitals under a greeting'],
      ['Buongiorno\n🛑', 'stop-sign emoji under a greeting'],
      ['🚫🛑 thx', 'stop-sign emoji with a closing thx'],
      ['can u take me off ur list thx', 'a request to be taken off with a closing thx'],
    ])('is an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });

    it.each([
      ['Hi Dana,\nend of January works for a call', 'meeting_request'],
      ['Hello,\nquit asking, the answer is yes — send the contract', 'interested'],
      ['Can I move the call to Thursday? thx', 'meeting_request'],
      ['What does the yearly plan cost? thx', 'question'],
    ])('is no opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });
  });
});
