import { dirname, resolve } from 'node:path';

/**
 * The folder the user typed the command in, against which their relative paths mean something. That is the
 * working directory, except under `npm run parley`, which moves into the package's folder first and keeps the
 * user's in INIT_CWD. The move is recognised by the working directory being the folder of the package.json npm
 * ran (npm_package_json): a `parley` started some other way from within an npm script (a test, say) inherits
 * INIT_CWD from that script, and must not take it.
 */
export function callerDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const initCwd = env['INIT_CWD'];
  const packageJson = env['npm_package_json'];
  return initCwd && packageJson && resolve(dirname(packageJson)) === resolve(cwd) ? resolve(initCwd) : cwd;
}

/** A path the user gave, made absolute against the folder they gave it in. */
export function callerPath(path: string): string {
  return resolve(callerDir(), path);
}
