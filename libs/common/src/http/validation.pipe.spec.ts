import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { AppError } from '../errors/app-error';
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
