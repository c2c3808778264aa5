import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/**
 * The files a fresh process loads when it requires the staging thread's module (stage.thread.ts), as each thread of
 * StagePool does: compiled as the tests compile (the process inherits `npm test`'s NODE_OPTIONS), paths relative
 * to the repository.
 */
function threadModules(): string[] {
  const probe = `
    require('tsconfig-paths/register');
    const before = new Set(Object.keys(require.cache));
    require(${JSON.stringify(join(__dirname, 'stage.thread.ts'))});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => !before.has(f))));
  `;
  const out = execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as string[]).map((file) => relative(ROOT, file));
}

/** The package a file of node_modules belongs to (`@nestjs/common`, `typeorm`), or null. */
function packageOf(file: string): string | null {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = file.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

describe('the staging thread module', () => {
  // A thread loads its modules before it can take an import's rows over (StagePool.batchesNow): through @app/common's
  // and @app/db's indexes it loaded Nest, TypeORM and class-validator (about 2,000 files, over a second of CPU and
  // 80 MB per thread) that staging never uses.
  it('loads neither Nest, TypeORM, class-validator nor a lib index', () => {
    const files = threadModules();
    expect(files).toContain('libs/domain/src/imports/stage.thread.ts');
    expect(files).toContain('libs/domain/src/leads/phone-normalizer.ts');
    const packages = new Set(files.map(packageOf));
    expect(packages).toContain('libphonenumber-js');
    expect(packages).toContain('csv-parse');
    const unwanted = [...packages].filter(
      (p) =>
        p &&
        (p.startsWith('@nestjs/') || p === 'typeorm' || p === 'class-validator' || p === 'class-transformer'),
    );
    expect(unwanted).toEqual([]);
    expect(files.filter((f) => /^libs\/[^/]+\/src\/index\.ts$/.test(f))).toEqual([]);
  });
});
