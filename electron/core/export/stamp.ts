/**
 * What a JSON record Parley writes in a foreign format (doccano, spaCy) says about itself, in a field those
 * formats keep as metadata: which Parley version wrote it and in which unit its offsets count, so that Parley
 * reads the file back with the right unit and no options.
 */
import type { OffsetUnit } from '../../shared/types.ts';
import { PARLEY_VERSION } from '../version.ts';

export const EXPORT_STAMP_FIELD = 'parley_export';

export interface ExportStamp {
  version: string;
  offsets: OffsetUnit;
}

export function exportStamp(offsets: OffsetUnit): ExportStamp {
  return { version: PARLEY_VERSION, offsets };
}

/** The offset unit a record's stamp declares, if it has a stamp Parley can read. */
export function stampedOffsets(value: unknown): OffsetUnit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const offsets = (value as { offsets?: unknown }).offsets;
  return offsets === 'codepoints' || offsets === 'utf16' ? offsets : undefined;
}
