import { withModelSureOf } from './model-sure-of.fixture';

describe('a habit given up is not the company left', () => {
  it.each(['I quit smoking last spring', 'We gave up sugar in January.', 'She finally stopped vaping!'])(
    'stays neutral beside a model sure of a wrong person: %s',
    (text) => {
      expect(withModelSureOf(text, 'wrong_person')).toBe('neutral');
    },
  );

  it.each(['I quit in March, try Paul Evans', 'She left the company last year'])(
    'leaving the company is still a wrong person: %s',
    (text) => {
      expect(withModelSureOf(text, 'wrong_person')).toBe('wrong_person');
    },
  );
});
