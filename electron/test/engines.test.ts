import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import semver from 'semver';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('the Node version the README states', () => {
  // The oldest Node that package.json (and so the README's "Node.js 20.19 or newer") admits.
  const oldest = semver.minVersion(manifest.engines.node)!.version;

  it('is one that every installed package declares it runs on, so npm install warns about none', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        // A few old packages wrote engines as an array of strings, which npm ignores.
        const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return wanted && !semver.satisfies(oldest, wanted) ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version}: node ${wanted}`] : [];
      });
    assert.deepEqual(refusing, [], `packages that refuse Node ${oldest}`);
  });

  it('is what the README says', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const [major, minor] = oldest.split('.');
    assert.ok(readme.includes(`Node.js ${major}.${minor} or newer`), `the README states Node.js ${major}.${minor}`);
  });
});
