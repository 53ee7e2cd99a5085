/** The label schema's rules as the backend enforces them, and the labels an import adds. */
import { labelProblem, storedHotkey, type LabelProblem } from '../../shared/label-rules.ts';
import type { Label, LabelInput } from '../../shared/types.ts';
import { conflict, invalid, type ParleyError } from '../errors.ts';
import type { LabelRecord } from '../repository.ts';

/** Colours for labels that arrive with an import, chosen to stay apart from the defaults and each other. */
const IMPORTED_LABEL_COLOURS = ['#c0392b', '#16a085', '#b7950b', '#5d6d7e', '#a04000', '#1f618d', '#7d3c98', '#117a65', '#922b21', '#2e4053'];

/**
 * `input` as a label record, or an error naming the field: the rules of `labelProblem` (shared/label-rules.ts).
 * `id` is the label being changed, or null for a new one.
 */
export function checkLabel(input: LabelInput, others: readonly Label[], id: number | null): LabelRecord {
  const problem = labelProblem(input, others, id);
  if (problem) throw labelError(problem);
  return {
    name: input.name.trim(),
    color: input.color.toLowerCase(),
    hotkey: storedHotkey(input.hotkey),
    description: input.description ?? '',
    attributes: input.attributes ?? [],
  };
}

function labelError(problem: LabelProblem): ParleyError {
  switch (problem.kind) {
    case 'empty':
      return invalid('name', 'a label needs a name');
    case 'not-one-key':
      return invalid('hotkey', 'a hotkey is a single key');
    case 'reserved':
      return invalid('hotkey', `"${problem.key}" is reserved for navigation; choose another key`);
    case 'taken':
      return problem.field === 'name'
        ? conflict(`A label named ${problem.by} exists already`, 'name')
        : conflict(`The key "${problem.key}" already tags ${problem.by}`, 'hotkey');
  }
}

/** The label an import adds for a name the workspace lacks, the `existing`-th label of the workspace. */
export function importedLabel(name: string, existing: number): LabelRecord {
  return { name, color: IMPORTED_LABEL_COLOURS[existing % IMPORTED_LABEL_COLOURS.length]!, hotkey: null, description: 'Added by import', attributes: [] };
}

/** A label in use cannot be deleted: its annotations would lose their meaning. */
export function checkLabelUnused(label: Label, uses: number): void {
  if (uses > 0) throw conflict(`The label ${label.name} is used by ${uses} annotation${uses === 1 ? '' : 's'}; relabel or delete them first`);
}
