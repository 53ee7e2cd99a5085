/**
 * The label schema's rules that one input alone cannot show: a name no other label has (ignoring case), a
 * hotkey that is one key, not reserved by the workbench and not another label's. Pure, so the backend enforces
 * them and the Labels dialog warns with them before anything is sent; each words the problem its own way.
 */
import { RESERVED_HOTKEYS } from './types.ts';

export type LabelProblem =
  | { field: 'name'; kind: 'empty' }
  | { field: 'name'; kind: 'taken'; by: string }
  | { field: 'hotkey'; kind: 'not-one-key' }
  | { field: 'hotkey'; kind: 'reserved'; key: string }
  | { field: 'hotkey'; kind: 'taken'; key: string; by: string };

interface NamedLabel {
  id: number;
  name: string;
  hotkey: string | null;
}

/** A hotkey as labels store it: lower case, or null for none. */
export function storedHotkey(key: string | null | undefined): string | null {
  return key ? key.toLowerCase() : null;
}

/**
 * The first problem with giving label `id` (null for a new one) this name and hotkey among `labels`, or null.
 * The hotkey is compared as stored (`storedHotkey`); names are trimmed.
 */
export function labelProblem(input: { name: string; hotkey?: string | null }, labels: readonly NamedLabel[], id: number | null): LabelProblem | null {
  const name = input.name.trim();
  if (!name) return { field: 'name', kind: 'empty' };
  const hotkey = storedHotkey(input.hotkey);
  if (hotkey !== null && [...hotkey].length !== 1) return { field: 'hotkey', kind: 'not-one-key' };
  if (hotkey !== null && RESERVED_HOTKEYS.includes(hotkey)) return { field: 'hotkey', kind: 'reserved', key: hotkey };
  for (const other of labels) {
    if (other.id === id) continue;
    if (other.name.toLowerCase() === name.toLowerCase()) return { field: 'name', kind: 'taken', by: other.name };
    if (hotkey !== null && other.hotkey === hotkey) return { field: 'hotkey', kind: 'taken', key: hotkey, by: other.name };
  }
  return null;
}
