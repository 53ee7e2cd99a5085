/**
 * `parley`, the command-line host of the backend: create workspaces, read their statistics and serve them in
 * browser mode. What a command produces goes to stdout (a summary for people, or with `--json` one JSON document
 * for scripts, which stays stable); every message, warning, error and progress line goes to stderr, errors with a
 * non-zero exit code. A script that reads stdout never has to pick data out of messages.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackupInfo, BackupRestored, WorkspaceStats } from '../shared/types.ts';
import { backupsFolder, listBackups, openBackend, recoverWorkspace, restoreOverDamaged, type Backend } from '../core/backend.ts';
import { NotAWorkspaceError, ParleyError, WorkspaceOpenError } from '../core/errors.ts';
import { configDir, defaultWorkspacePath } from '../core/paths.ts';
import { recoveryLines } from '../shared/recovery.ts';
import { keepSession, sessionFor } from './browser-sessions.ts';
import { callerPath } from './caller-dir.ts';
import { startServer } from '../server/server.ts';
import { AGREEMENT_USAGE, agreementCommand } from './agreement-command.ts';
import { EXPORT_USAGE, exportCommand } from './export-command.ts';
import { IMPORT_USAGE, importCommand } from './import-command.ts';
import { SEARCH_USAGE, searchCommand } from './search-command.ts';
import { SUGGEST_USAGE, suggestCommand } from './suggest-command.ts';

/** The built renderer: beside the sources, or where the bundle (build/out/cli) or a packaged app says it is. */
const RENDERER_DIR = process.env['PARLEY_RENDERER_DIR'] ?? fileURLToPath(new URL('../../build/out/renderer/', import.meta.url));

const USAGE = `Parley: an annotation workbench for quotes, claims, positions and the actors behind them.

Usage: parley <command> [options]

Commands:
  init <workspace> [--no-samples]       Create a workspace file (with the sample articles unless --no-samples)
  stats <workspace> [--json]            Count documents, annotations, relations, actors and labels
  backup <workspace> [--json]           Back the workspace up now, into <workspace>-backups/ beside it
  restore <workspace> [<backup>] [--json]
                                        List the workspace's backups, or put one back (what it replaces is
                                        backed up first)
  recover <damaged> <new> [--json]      Copy every row that can still be read from a damaged workspace into a
                                        new workspace file (the damaged one is only read)
  serve [<workspace>] [--port N] [--no-samples]
                                        Serve the workbench in a browser on 127.0.0.1 (default workspace:
                                        ${defaultWorkspacePath()})
${EXPORT_USAGE}
${IMPORT_USAGE}
${SEARCH_USAGE}
${AGREEMENT_USAGE}
${SUGGEST_USAGE}

Options:
  -h, --help                            Show this help (also: parley <command> --help)

A workspace is one SQLite file, by convention named *.parley. Offsets are Unicode code points.`;

/** Wrong usage: an unknown command or option, a missing or malformed argument. The only errors that exit 2. */
class UsageError extends Error {}

type CommandOptions = { json?: boolean; port?: string; 'no-samples'?: boolean; help?: boolean };

async function main(argv: string[]): Promise<number> {
  // Commands with options of their own parse their arguments themselves.
  if (argv[0] === 'export') return exportCommand(argv.slice(1));
  if (argv[0] === 'import') return importCommand(argv.slice(1));
  if (argv[0] === 'search') return searchCommand(argv.slice(1));
  if (argv[0] === 'agreement') return agreementCommand(argv.slice(1));
  if (argv[0] === 'suggest') return suggestCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      port: { type: 'string' },
      'no-samples': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    const asked = values.help || command === 'help';
    (asked ? console.log : console.error)(USAGE);
    return asked ? 0 : 2;
  }
  switch (command) {
    case 'init':
      return init(requireWorkspace(rest, 'init'), values);
    case 'stats':
      return stats(requireWorkspace(rest, 'stats'), values);
    case 'backup':
      return backup(requireWorkspace(rest, 'backup'), values);
    case 'restore':
      if (rest.length < 1 || rest.length > 2) throw new UsageError('parley restore needs a workspace path, and the name of one of its backups to put it back');
      return restore(callerPath(rest[0]!), rest[1], values);
    case 'recover':
      if (rest.length !== 2) throw new UsageError('parley recover needs the damaged workspace and the path of the new workspace to recover it into');
      return recover(callerPath(rest[0]!), callerPath(rest[1]!), values);
    case 'serve':
      return serve(rest[0] === undefined ? defaultWorkspacePath() : callerPath(rest[0]), values);
    default:
      throw new UsageError(`Unknown command "${command}". Run parley --help for the list.`);
  }
}

function requireWorkspace(rest: string[], command: string): string {
  if (rest.length !== 1) throw new UsageError(`parley ${command} needs exactly one workspace path`);
  return callerPath(rest[0]!);
}

async function init(path: string, options: CommandOptions): Promise<number> {
  if (existsSync(path)) throw new ParleyError('conflict', `${path} exists already; parley init creates new workspaces only`);
  const backend = await openBackend(path, { seedSamples: !options['no-samples'] });
  const counts = (await backend.dispatch('stats', {})) as WorkspaceStats;
  await backend.close();
  console.log(`Created workspace ${backend.path} with ${counts.documents} document${counts.documents === 1 ? '' : 's'}.`);
  return 0;
}

async function stats(path: string, options: CommandOptions): Promise<number> {
  if (!existsSync(path)) throw new ParleyError('not_found', `No workspace at ${path}`);
  const backend = await openBackend(path);
  try {
    const counts = (await backend.dispatch('stats', {})) as WorkspaceStats;
    if (options.json) {
      console.log(JSON.stringify(counts));
    } else {
      console.log(`Workspace ${backend.path}`);
      console.log(`  documents    ${counts.documents}`);
      console.log(`  annotations  ${counts.annotations}`);
      for (const [label, count] of Object.entries(counts.labels)) console.log(`    ${label.padEnd(11)}${count}`);
      console.log(`  relations    ${counts.relations}`);
      console.log(`  actors       ${counts.actors}`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}

/** Opens an existing workspace for one command and closes it afterwards. */
async function withWorkspace<T>(path: string, work: (backend: Backend) => Promise<T>): Promise<T> {
  if (!existsSync(path)) throw new ParleyError('not_found', `No workspace at ${path}`);
  const backend = await openBackend(path);
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function backup(path: string, options: CommandOptions): Promise<number> {
  const made = await withWorkspace(path, (backend) => backend.dispatch('backUpWorkspace', {}) as Promise<BackupInfo>);
  if (options.json) console.log(JSON.stringify({ ...made, path: join(backupsFolder(path), made.file) }));
  else console.log(`Backed up ${path} to ${join(backupsFolder(path), made.file)} (${mebibytes(made.bytes)}).`);
  return 0;
}

async function restore(path: string, file: string | undefined, options: CommandOptions): Promise<number> {
  if (!existsSync(path)) throw new ParleyError('not_found', `No workspace at ${path}`);
  if (file === undefined) {
    // Listed from the folder: a workspace too damaged to open still has its backups.
    const backups = listBackups(path);
    if (options.json) console.log(JSON.stringify(backups));
    else if (backups.length === 0) console.log(`${path} has no backups yet (parley backup ${path} makes one).`);
    else {
      console.log(`Backups of ${path}, newest first (in ${backupsFolder(path)}):`);
      for (const info of backups) console.log(`  ${info.file}  ${mebibytes(info.bytes).padStart(10)}`);
      console.log(`Put one back with: parley restore ${path} "<backup>"`);
    }
    return 0;
  }
  try {
    const done = await withWorkspace(path, (backend) => backend.dispatch('restoreBackup', { file }) as Promise<BackupRestored>);
    if (options.json) console.log(JSON.stringify(done));
    else console.log(`Restored ${path} from ${done.restored.file}. What it replaced is in ${done.replaced.file}: restore that to undo this.`);
    return 0;
  } catch (error) {
    // A workspace too damaged to open can still get a backup back: the damaged file goes beside it, not away.
    if (!(error instanceof NotAWorkspaceError && error.damaged)) throw error;
    const aside = restoreOverDamaged(path, file);
    if (options.json) console.log(JSON.stringify({ restored: file, damagedKeptAt: aside }));
    else console.log(`Restored ${path} from ${file}. The damaged file is kept at ${aside}.`);
    return 0;
  }
}

function recover(damaged: string, out: string, options: CommandOptions): number {
  const report = recoverWorkspace(damaged, out);
  if (options.json) {
    console.log(JSON.stringify(report));
    return 0;
  }
  for (const line of recoveryLines(report)) console.log(line);
  return 0;
}

async function serve(path: string, options: CommandOptions): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${options.port}"`);
  if (!existsSync(`${RENDERER_DIR}index.html`)) {
    throw new ParleyError('not_found', 'The renderer is not built yet: run `npm run build:renderer` (or use `npm run serve`, which does it).');
  }
  // The workspace's address of last time, so a page left open reconnects and a bookmark keeps working.
  const sessions = join(configDir(), 'browser-sessions.json');
  const session = sessionFor(sessions, path);
  const server = await startServer({
    workspacePath: path,
    port: options.port === undefined ? (session.port ?? 0) : port,
    portIsPreference: options.port === undefined,
    token: session.token,
    staticDir: RENDERER_DIR,
    seedSamples: !existsSync(path) && !options['no-samples'],
  }).catch((error: unknown) => {
    // Only a port the user asked for can be taken: a remembered one gives way to a free one.
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new ParleyError('conflict', `port ${port} on 127.0.0.1 is in use by another program: choose another with --port N, or leave --port out for a free one`);
    }
    throw error;
  });
  keepSession(sessions, path, { token: server.token, port: server.port });
  console.log(`Parley is serving ${path}`);
  console.log(`Open ${server.url}`);
  console.error('(Only this machine can connect; the token in the URL is required. Press Ctrl+C to stop.)');
  await new Promise<void>((resolvePromise) => {
    const stop = () => resolvePromise();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage =
      error instanceof UsageError ||
      (error instanceof ParleyError && error.code === 'invalid_params') ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    // Said in plain words, without a stack trace: wrong usage (exit 2), and what the user can mend (exit 1).
    const known = usage || error instanceof ParleyError || error instanceof WorkspaceOpenError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`parley: ${message}`);
    if (!known && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = usage ? 2 : 1;
  },
);
