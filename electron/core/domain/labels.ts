/** The rules of the label schema that validation of one input cannot express: names, hotkeys, colours. */
import { RESERVED_HOTKEYS, type Label, type LabelInput } from '../../shared/types.ts';
import { conflict, invalid } from '../errors.ts';
import type { LabelRecord } from '../repository.ts';

/** Colours for labels that arrive with an import, chosen to stay apart from the defaults and each other. */
const IMPORTED_LABEL_COLOURS = ['#c0392b', '#16a085', '#b7950b', '#5d6d7e', '#a04000', '#1f618d', '#7d3c98', '#117a65', '#922b21', '#2e4053'];

/**
 * `input` as a label record, or an error: a name and a hotkey unique among `others` (names ignoring case), no
 * hotkey the workbench reserves for navigation. `id` is the label being changed, or null for a new one.
 */
export function checkLabel(input: LabelInput, others: readonly Label[], id: number | null): LabelRecord {
  const name = input.name.trim();
  if (!name) throw invalid('name', 'a label needs a name');
  const hotkey = input.hotkey ? input.hotkey.toLowerCase() : null;
  if (hotkey && RESERVED_HOTKEYS.includes(hotkey)) throw invalid('hotkey', `"${hotkey}" is reserved for navigation; choose another key`);
  for (const other of others) {
    if (other.id === id) continue;
    if (other.name.toLowerCase() === name.toLowerCase()) throw conflict(`A label named ${other.name} exists already`, 'name');
    if (hotkey && other.hotkey === hotkey) throw conflict(`The key "${hotkey}" already tags ${other.name}`, 'hotkey');
  }
  return { name, color: input.color.toLowerCase(), hotkey, description: input.description ?? '', attributes: input.attributes ?? [] };
}

/** The label an import adds for a name the workspace lacks, the `existing`-th label of the workspace. */
export function importedLabel(name: string, existing: number): LabelRecord {
  return { name, color: IMPORTED_LABEL_COLOURS[existing % IMPORTED_LABEL_COLOURS.length]!, hotkey: null, description: 'Added by import', attributes: [] };
}

/** A label in use cannot be deleted: its annotations would lose their meaning. */
export function checkLabelUnused(label: Label, uses: number): void {
  if (uses > 0) throw conflict(`The label ${label.name} is used by ${uses} annotation${uses === 1 ? '' : 's'}; relabel or delete them first`);
}
