import { IsOptional, IsString } from 'class-validator';
import { AppError } from '../errors/app-error';
import { InputPipe } from './input.pipe';

class Person {
  @IsString()
  first_name!: string;

  @IsOptional()
  @IsString()
  last_name?: string;
}

describe('the input pipe', () => {
  const pipe = new InputPipe();

  it("renames a body's seed spellings, then validates it as its DTO", async () => {
    const person = await pipe.transform({ firstName: 'Ada' }, { type: 'body', metatype: Person });
    expect(person).toBeInstanceOf(Person);
    expect(person).toEqual({ first_name: 'Ada' });
    await expect(pipe.transform({ first_name: 5 }, { type: 'body', metatype: Person })).rejects.toMatchObject(
      {
        details: [{ field: 'first_name', reason: 'must be a string' }],
      },
    );
  });

  it('refuses a body nested too deep before walking it', () => {
    let deep: unknown = {};
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(() => pipe.transform(deep, { type: 'body', metatype: Person })).toThrow(AppError);
  });

  it("hands a custom decorator's value and a string path parameter back as they came, at once", () => {
    const auth = { tenantId: 't', role: 'admin' };
    expect(pipe.transform(auth, { type: 'custom', metatype: Object })).toBe(auth);
    expect(pipe.transform('abc', { type: 'param', metatype: String, data: 'id' })).toBe('abc');
  });

  it('still converts a typed path parameter as the validation pipe does', async () => {
    expect(await pipe.transform('7', { type: 'param', metatype: Number, data: 'n' })).toBe(7);
  });
});
