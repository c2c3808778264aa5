import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Test Clinic', 'test-clinic'],
    ['Clínica Sol & Mar', 'clinica-sol-mar'],
    ['  --Acme!!  ', 'acme'],
    ['日本', 'tenant'],
    ['x'.repeat(100), 'x'.repeat(60)],
  ])('%s -> %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
