/**
 * What the desktop app does when the analyst opens a workspace (File > Open, New, Open Recent, and at start): the
 * new workspace is opened before the current one is closed, so one that fails to open leaves the app as it was,
 * usable with the workspace it showed; the analyst is told which file failed and why; and a damaged one is offered
 * a recovery of what can still be read into a new file, which is then opened. Plain Node, so that it is tested
 * without Electron: main.ts gives it Electron's dialogs.
 */
import type { RecoveryReport } from '../shared/recovery.ts';
import { recoveryLines } from '../shared/recovery.ts';
import { WorkspaceOpenFailure } from '../core/host/backend-protocol.ts';
import { recoveryPath } from '../core/errors.ts';

/** What the flow needs from the backend process and from the person at the screen. */
export interface OpenFlowHost {
  /** Opens `path` in the backend; rejects (with a WorkspaceOpenFailure) leaving the open workspace open. */
  open(path: string): Promise<void>;
  recover(damaged: string, out: string): Promise<RecoveryReport>;
  /** Tells of a failure: a title and the details. */
  showError(title: string, detail: string): Promise<void>;
  /** Asks a question (`recoveryQuestion`); answers the index of the button chosen. */
  ask(question: ReturnType<typeof recoveryQuestion>): Promise<number>;
  /** Asks where the recovered workspace goes, starting from `suggested`; null when the analyst cancels. */
  chooseRecoveryPath(suggested: string): Promise<string | null>;
  /** Tells what was recovered. */
  showRecovered(detail: string): Promise<void>;
}

const RECOVER = 0;

/** The question asked when a damaged workspace failed to open (Electron's showMessageBox options). */
export function recoveryQuestion(path: string, reason: string) {
  return {
    type: 'warning' as const,
    buttons: ['Recover into a New File…', 'Cancel'],
    defaultId: RECOVER,
    cancelId: 1,
    message: 'This workspace is damaged',
    detail: `${reason}\n\nParley can copy every annotation, document and setting it can still read into a new workspace file. ${path} itself is only read, never changed.`,
    noLink: true,
  };
}

/**
 * Opens `path`, or explains why not and offers what can be done. Answers the workspace now open in its place
 * (`path`, or the recovered file), or null when the one open before stays open.
 */
export async function openWorkspaceOrExplain(path: string, host: OpenFlowHost): Promise<string | null> {
  try {
    await host.open(path);
    return path;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof WorkspaceOpenFailure && error.damaged)) {
      await host.showError('Could not open the workspace', `${path}\n\n${reason}`);
      return null;
    }
    if ((await host.ask(recoveryQuestion(path, reason))) !== RECOVER) return null;
    return recoverAndOpen(path, host);
  }
}

async function recoverAndOpen(damaged: string, host: OpenFlowHost): Promise<string | null> {
  const out = await host.chooseRecoveryPath(recoveryPath(damaged));
  if (out === null) return null;
  let report: RecoveryReport;
  try {
    report = await host.recover(damaged, out);
  } catch (error) {
    await host.showError('Could not recover the workspace', `${damaged}\n\n${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  await host.showRecovered(recoveryLines(report).join('\n'));
  try {
    await host.open(out);
    return out;
  } catch (error) {
    await host.showError('Could not open the recovered workspace', `${out}\n\n${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
