import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { AppError } from '../errors/app-error';
import { Optional } from './optional';
import { createValidationPipe } from './validation.pipe';

class Sample {
  @IsString()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsInt()
  @Max(10)
  count?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  steps?: unknown[];

  @Optional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];
}

async function details(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Sample });
  } catch (err) {
    if (err instanceof AppError) return (err.details as { field: string; reason: string }[]) ?? [];
    throw err;
  }
  throw new Error('accepted');
}

describe('the validation pipe', () => {
  it("names a value's wrong kind, not a check meant for the right kind, one reason per field", async () => {
    expect(await details({ name: 5, count: 'many', steps: 'abc' })).toEqual([
      { field: 'name', reason: 'must be a string' },
      { field: 'count', reason: 'must be an integer number' },
      { field: 'steps', reason: 'must be an array' },
    ]);
  });

  it('an array of strings that is no array is told it must be an array, not what each item must be', async () => {
    for (const tags of [null, 7, { a: 'b' }]) {
      expect(await details({ name: 'Ada', tags })).toEqual([{ field: 'tags', reason: 'must be an array' }]);
    }
    expect(await details({ name: 'Ada', tags: ['a', 1] })).toEqual([
      { field: 'tags', reason: 'each value in tags must be a string' },
    ]);
  });

  it('gives the failed check when the kind is right', async () => {
    expect(await details({ name: 'x'.repeat(201), count: 11 })).toEqual([
      { field: 'name', reason: 'must be shorter than or equal to 200 characters' },
      { field: 'count', reason: 'must not be greater than 10' },
    ]);
  });

  it('refuses a field the DTO does not take', async () => {
    expect(await details({ name: 'Ada', extra: 1 })).toEqual([
      { field: 'extra', reason: 'is not an accepted field' },
    ]);
  });
});
