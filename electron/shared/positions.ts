import type { PackedCell, StanceCounts } from './types.ts';

/** A packed cell's counts by stance. */
export function stanceCounts(cell: PackedCell): StanceCounts {
  return { supports: cell[2], opposes: cell[3], neutral: cell[4], ambiguous: cell[5] };
}
