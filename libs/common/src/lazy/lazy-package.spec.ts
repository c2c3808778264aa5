import { lazyPackage } from './lazy-package';

describe('lazyPackage', () => {
  it('imports nothing until loaded, then once however many ask at the same time', async () => {
    let imports = 0;
    const pkg = lazyPackage(async () => ({ n: ++imports }));
    expect(imports).toBe(0);
    expect(pkg.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([pkg.load(), pkg.load()]);
    expect(a).toBe(b);
    expect(await pkg.load()).toBe(a);
    expect(pkg.loaded()).toBe(a);
    expect(imports).toBe(1);
  });
});
