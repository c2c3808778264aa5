import { cutText, storableValue, unstorableText } from './storable-text';

describe('unstorableText', () => {
  it('passes text Postgres stores, astral characters (a whole surrogate pair) included', () => {
    expect(unstorableText({ name: 'Zoë 😀 中文', tags: ['a', 'b'], n: 1, nested: { ok: null } })).toEqual([]);
  });

  it('names each field holding a NUL or a lone surrogate, by its path', () => {
    expect(
      unstorableText({
        email: 'a\u0000@b.test',
        steps: [{ content: 'ok' }, { content: 'x\ud800' }],
        tail: 'y\udc00',
      }),
    ).toEqual([
      { field: 'email', reason: 'contains a NUL character, which cannot be stored' },
      { field: 'steps.1.content', reason: 'contains an unpaired surrogate, which is not valid Unicode' },
      { field: 'tail', reason: 'contains an unpaired surrogate, which is not valid Unicode' },
    ]);
  });

  it('reports a key that cannot be stored on its object, without printing the key', () => {
    expect(unstorableText({ custom_fields: { 'k\u0000': 'v' } })).toEqual([
      { field: 'custom_fields', reason: 'has a key that contains a NUL character, which cannot be stored' },
    ]);
  });

  it('checks a bare string, and an array at the top, by index', () => {
    expect(unstorableText('\u0000')).toEqual([
      { field: 'body', reason: 'contains a NUL character, which cannot be stored' },
    ]);
    expect(unstorableText(['ok', '\ud83d'])).toEqual([
      { field: '1', reason: 'contains an unpaired surrogate, which is not valid Unicode' },
    ]);
  });
});

describe('storableValue', () => {
  it('replaces each NUL and lone surrogate with U+FFFD in every string and key, at any depth', () => {
    expect(
      storableValue({ 'k\u0000': ['a\u0000b', { c: 'x\ud800', n: 1, z: null, ok: 'Zoë 😀' }], t: true }),
    ).toEqual({ 'k\ufffd': ['a\ufffdb', { c: 'x\ufffd', n: 1, z: null, ok: 'Zoë 😀' }], t: true });
    expect(storableValue('\udc00')).toBe('\ufffd');
    expect(storableValue(7)).toBe(7);
  });
});

describe('cutText', () => {
  it('keeps at most max units, and never half of an emoji', () => {
    expect(cutText('ab😀c', 3)).toBe('ab');
    expect(cutText('ab😀c', 4)).toBe('ab😀');
    expect(cutText('abc', 5)).toBe('abc');
    expect(cutText('a😀', 3)).toBe('a😀');
  });
});
