import type { ExportFormat, Label, OffsetUnit, RelationType } from '../../shared/types.ts';
import type { ExportedDocument } from '../workspace.ts';
import type { LossLedger } from './losses.ts';
import type { OutputFolder } from './output.ts';

/** A record as written: text, UTF-8 bytes, or pieces of either that follow each other in the file. */
export type WrittenRecord = string | Uint8Array | readonly (string | Uint8Array)[];

/** What every format writer knows about the export it is part of. */
export interface FormatContext {
  /** The unit offsets are written in; formats without offsets ignore it. */
  offsets: OffsetUnit;
  /** The labels the export takes (all, or those the filter names), in the workspace's order. */
  labels: Label[];
  relationTypes: RelationType[];
  /** doccano only: which of its two JSONL forms to write. */
  doccanoForm: 'label' | 'relations';
  losses: LossLedger;
}

/** Writes one part of an export (the whole export, or its train, dev or test part). */
export interface FormatWriter {
  /** Writes one document and returns its record exactly as written, for previews. */
  write(document: ExportedDocument): Promise<WrittenRecord>;
  /** Completes and closes the part's files. */
  end(): Promise<void>;
}

/** One export in one format: the writers of its parts, and the files they share. */
export interface FormatSession {
  /**
   * Starts a part. Single-file formats write `<name><extension>` into `folder`; folder formats write their
   * files into `folder` itself, which is a sub-folder named after the part when the export is split.
   */
  openPart(folder: OutputFolder, name: string): FormatWriter;
  /** Writes the files all parts share (brat's annotation.conf, Label Studio's labeling config), after every part ended. */
  finish(root: OutputFolder): Promise<void>;
}

export interface ExportFormatModule {
  name: ExportFormat;
  /** For people: "brat standoff". */
  title: string;
  /** `file`: one file per part (JSONL, CoNLL, ...). `folder`: several files per part (brat's .txt and .ann pairs). */
  layout: 'file' | 'folder';
  /** The extension of a single-file format's files, with its dot. */
  extension: string;
  /** `any`: the export's offset unit. `codepoints`: the format's specification fixes them. `none`: no offsets. */
  offsets: 'any' | 'codepoints' | 'none';
  start(context: FormatContext): FormatSession;
  /** Markdown for the README: how to read or load the files. */
  usage(context: FormatContext): string;
}
