/** What the importer and its parse worker say to each other (parse-sandbox.ts, parse-worker.ts). */
import type { OffsetUnit } from '../../shared/types.ts';
import type { FileProblem } from '../import/problems.ts';
import type { ParseResult, SandboxedFormat } from '../import/parse.ts';
import type { TransferredError } from './transferred-error.ts';


export interface ParseWorkerData {
  /** In source mode (tsx), the module the bootstrap loads: this worker's TypeScript entry. */
  entry?: string;
}

export interface ParseRequest {
  id: number;
  format: SandboxedFormat;
  input: { name: string; storedName: string; size: number };
  bytes: Uint8Array;
  options: { textField?: string; offsets?: OffsetUnit };
}

export type ParseReply =
  | { id: number; ok: true; result: ParseResult }
  /** A file's problems keep their lines and fixes; any other error crosses as its fields. */
  | { id: number; ok: false; problems: FileProblem[] }
  | { id: number; ok: false; error: TransferredError };
