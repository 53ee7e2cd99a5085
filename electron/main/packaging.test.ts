/**
 * The packaged app's hardening, as electron-builder reads its configuration (its own loader and schema check):
 * the Electron binary of a package can be had only where it can be downloaded, so what is tested here is the
 * configuration the packaging step applies to it.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the packaged app', () => {
  it('flips the Electron fuses that let code from outside the app run in it', async () => {
    const config = await getConfig(ROOT, `${ROOT}build/electron-builder.yml`, null);
    // The same schema check as `npm run dist`: a misspelt fuse would fail here.
    await validateConfiguration(config, new DebugLogger(false));
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    assert.equal(config.asar, true, 'the fuses that check the asar need one');
  });
});
