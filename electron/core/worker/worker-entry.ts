import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker's code is, beside the module that starts it: the TypeScript source `<name>.ts` (through tsx's
 * bootstrap), or a bundle's worker built next to the bundle (`<name>.mjs` beside the CLI's, `.cjs` beside
 * Electron's). `base` is the starting module's URL, which in a bundle is the bundle's.
 */
export function workerEntry(name: string, base: string | URL, exists: (path: string) => boolean = existsSync): { script: URL; entry?: string } {
  const source = new URL(`./${name}.ts`, base);
  if (exists(fileURLToPath(source))) return { script: new URL('./tsx-entry.mjs', base), entry: source.href };
  for (const bundled of [`./${name}.mjs`, `./${name}.cjs`]) {
    const script = new URL(bundled, base);
    if (exists(fileURLToPath(script))) return { script };
  }
  throw new Error(`Parley's ${name} is missing beside ${fileURLToPath(base)}: rebuild Parley (npm run build)`);
}
