import { normaliseText } from './normalise-text';

describe('normaliseText leaves e-mail and web addresses as they are', () => {
  it.each([
    ['Write to sam.k@acme.com instead', 'sam.k@acme.com'],
    ['Please contact j@acme-group.com.', 'j@acme-group.com'],
    ['Book here: https://cal.com/rita-okafor/20min', 'https://cal.com/rita-okafor/20min'],
    ['See www.k-plan.io/pls-read for details', 'www.k-plan.io/pls-read'],
    ['our site is acme-group.com', 'acme-group.com'],
  ])('%s', (text, address) => {
    expect(normaliseText(text)).toContain(address);
  });

  it('still rewrites the words around them', () => {
    expect(normaliseText('K, pls use sam.k@acme-group.com from now on. Re-send it?')).toBe(
      'ok, please use sam.k@acme-group.com from now on. re send it?',
    );
  });
});
