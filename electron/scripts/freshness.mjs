/** Whether a build output is older than its sources: used to rebuild only what changed before starting Parley. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under `paths` (directories are walked). */
function newestChange(paths) {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      const children = readdirSync(path).map((name) => join(path, name));
      newest = Math.max(newest, newestChange(children));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  }
  return newest;
}

export function isOlderThan(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < newestChange(sources);
}
