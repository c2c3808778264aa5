import { plainToInstance } from 'class-transformer';
import { AnyCase } from './any-case';

class Body {
  @AnyCase() status?: unknown;
}

const read = (status: unknown) => plainToInstance(Body, { status }).status;

describe('AnyCase', () => {
  it('reads a text in lower case', () => {
    for (const status of ['available', 'AVAILABLE', 'Available']) expect(read(status)).toBe('available');
  });

  it('leaves anything else as sent, for validation to refuse', () => {
    for (const status of [1, null, undefined, ['A'], { a: 'B' }]) expect(read(status)).toEqual(status);
  });
});
