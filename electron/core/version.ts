/** Parley's version, as package.json gives it: exports say which version wrote them. */
import manifest from '../../package.json' with { type: 'json' };

export const PARLEY_VERSION: string = manifest.version;
