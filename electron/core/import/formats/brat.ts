/**
 * brat standoff: a .txt and its .ann (https://brat.nlplab.org/standoff.html). Offsets count the code points of
 * the .txt as it is on disk (a BOM and the CR of each CRLF included); they are mapped onto the stored text.
 *
 * How each kind of line is kept:
 * - `T` (text-bound, discontinuous `s e;s e` too): an annotation labelled with the type. The text column is
 *   checked against the .txt; a mismatch is an error quoting both.
 * - `E` (event): the annotation of its trigger `T`, labelled with the event type, carrying the attribute
 *   `bratEvent` = the event's id (`E1`) so that an export can write the same E line back; each argument
 *   `Role:Id` becomes a relation of type `Role` (numbered roles kept: `Theme2`) from that annotation to the
 *   argument's. When several events share one trigger, the first takes the trigger's annotation and each other
 *   gets an annotation of its own over the same span. An argument that is an event points to that event's
 *   annotation.
 * - `R` (relation): a relation of its type from `Arg1` to `Arg2`.
 * - `*` (equivalence): relations of its type (`Equiv`) between each consecutive pair of its members.
 * - `A` / `M` (attribute): on the annotation of its T or E; binary ones are `true`, valued ones the value.
 *   annotation.conf's attributes become attribute definitions (choices for valued ones) of the labels used.
 * - `N` (normalisation, an entity link such as `Wikipedia:534366`): on a label named Actor (Parley's default
 *   schema), the actor it names (found by that id, or created); elsewhere a text attribute `normalization`
 *   holding `<resource>:<id> "<text>"` (several joined by a line break). brat's only normalisation type is
 *   `Reference`, so the type is not kept.
 * - `#` (note): `AnnotatorNotes` become the annotation's note; notes of other types (`Lemma`) go to the text
 *   attribute `bratNotes`, one `Type: text` a line, so that an export writes each back with its type. A note on
 *   a relation or attribute has no place in Parley and is reported as a warning.
 *
 * brat ids are not stored otherwise: the export numbers annotations afresh. The annotator of a PolNeAR-style
 * `<article>_<annotator>.ann` becomes every annotation's author.
 *
 * An .ann line broken in two by a line break inside a text column (PolNeAR has three such files) is rejoined
 * only when the rejoined text is exactly the text at the T's offsets; this is reported as a warning.
 */
import type { AttributeValue, Fragment } from '../../../shared/types.ts';
import type { ImportedActor, ImportedAnnotation, ImportedRelation } from '../../workspace.ts';
import { decodeText, type DecodedText } from '../decode.ts';
import { fileTitle, importedDocument, nameProblem, titleFromText } from '../document.ts';
import type { ImportInput, ParseResult } from '../parse.ts';
import { ImportFileError, ProblemList, quote, type FileProblem } from '../problems.ts';
import { SourceText } from '../source-text.ts';
import { attributeDefsFor, type BratConfig } from './brat-conf.ts';

/** The attribute that marks an event's annotation with the event's brat id. */
export const BRAT_EVENT_ATTRIBUTE = 'bratEvent';
/** The text attribute that holds an annotation's brat normalisations (entity links). */
export const BRAT_NORMALIZATION_ATTRIBUTE = 'normalization';
/** The text attribute that holds an annotation's notes of other types than AnnotatorNotes, one `Type: text` a line. */
export const BRAT_NOTES_ATTRIBUTE = 'bratNotes';
/** The label whose normalisations name actors, and its actor attribute (see DEFAULT_LABELS). */
const ACTOR_LABEL = 'actor';
const ACTOR_ATTRIBUTE = 'actor';

export interface BratPair {
  text: ImportInput;
  ann: ImportInput;
  /** The annotator of a `<article>_<annotator>.ann`, who becomes every annotation's author. */
  annotator?: string;
  config?: BratConfig;
}

/** A line of an .ann file that looks like an annotation (an id, then a tab), as opposed to a broken line's rest. */
const ANNOTATION_LINE = /^(?:[TREAMN#]\S*|\*)\t/;
/** One fragment of a text-bound annotation: `start end`. */
const OFFSET_PAIR = /^(\d+) (\d+)$/;

interface TextBound {
  id: string;
  label: string;
}

interface Reference {
  line: number;
  id: string;
}

interface EventLine extends Reference {
  type: string;
  trigger: string;
  args: [role: string, id: string][];
}

export async function parseBrat(pair: BratPair, textBytes: Uint8Array, annBytes: Uint8Array): Promise<ParseResult> {
  const decoded = decodeTextFile(textBytes, pair.text.name);
  const source = new SourceText(decoded.text);
  const lines = annBytes.length === 0 ? [] : decodeText(annBytes).text.replace(/^\uFEFF/, '').split('\n').map(withoutCarriageReturn);
  const parsed = new AnnParser(source, lines).parse();

  const document = importedDocument(
    source,
    { file: pair.text.storedName, format: 'brat', encoding: decoded.encoding },
    {
      fields: { title: titleFromText(source.text, fileTitle(pair.text.name)) },
      metadata: { annotations: pair.ann.storedName },
      // The parser's annotations are this document's own: they take the author in place.
      annotations: pair.annotator ? parsed.annotations.map((annotation) => Object.assign(annotation, { author: pair.annotator! })) : parsed.annotations,
      relations: parsed.relations,
      schema: pair.config
        ? [...new Set(parsed.annotations.map((annotation) => annotation.label))]
            .map((label) => ({ label, attributes: attributeDefsFor(pair.config!, label) }))
            .filter((entry) => entry.attributes.length > 0)
        : [],
    },
  );
  return { documents: [document], warnings: parsed.warnings, skipped: [] };
}

/** A line of a CRLF file without its CR. */
function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Decodes the .txt of a pair, naming it (not the .ann) in any problem. */
function decodeTextFile(bytes: Uint8Array, name: string): DecodedText {
  try {
    return decodeText(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ImportFileError(error.problems.map((problem) => ({ ...problem, file: name })));
    throw error;
  }
}

/** Reads the lines of one .ann against its text, collecting every problem before giving up on the file. */
class AnnParser {
  private readonly problems = new ProblemList();
  private readonly warnings: FileProblem[] = [];
  private readonly ids = new Set<string>();
  private readonly textBounds = new Map<string, TextBound>();
  private readonly annotations = new Map<string, ImportedAnnotation>();
  private readonly events: EventLine[] = [];
  private readonly relationLines: (Reference & { type: string; args: [string, string][] })[] = [];
  private readonly equivalences: (Reference & { type: string; members: string[] })[] = [];
  private readonly modifiers: (Reference & { name: string; target: string; value: string | true })[] = [];
  private readonly normalizations: (Reference & { target: string; entry: string; text: string })[] = [];
  private readonly notes: (Reference & { type: string; target: string; text: string })[] = [];
  /** The annotation key of each event id: its trigger's, or its own when another event took the trigger. */
  private readonly eventKeys = new Map<string, string>();
  /** Triggers whose annotation an event has taken. */
  private readonly takenTriggers = new Set<string>();
  /** What `nameProblem` said of each type name so far: an .ann names the same few types on most of its lines. */
  private readonly nameProblems = new Map<string, string | undefined>();

  constructor(
    private readonly source: SourceText,
    private readonly lines: string[],
  ) {}

  parse(): { annotations: ImportedAnnotation[]; relations: ImportedRelation[]; warnings: FileProblem[] } {
    for (let index = 0; index < this.lines.length; index++) {
      const text = this.lines[index]!;
      if (!text.trim()) continue;
      index = this.parseLine(text, index);
    }
    this.resolveEvents();
    const relations = [...this.eventRelations(), ...this.plainRelations(), ...this.equivalenceRelations()];
    this.applyModifiers();
    this.applyNormalizations();
    this.applyNotes();
    this.problems.throwIfAny();
    return { annotations: [...this.annotations.values()], relations, warnings: this.warnings };
  }

  private problem(line: number, message: string): void {
    this.problems.add(line, message);
  }

  private nameProblem(name: string, what: string): string | undefined {
    const key = `${what}\t${name}`;
    if (this.nameProblems.has(key)) return this.nameProblems.get(key);
    const problem = nameProblem(name, what);
    this.nameProblems.set(key, problem);
    return problem;
  }

  /** Parses the line at `index` (0-based) and returns the index of the last line it used. */
  private parseLine(text: string, index: number): number {
    const line = index + 1;
    const columns = text.split('\t');
    const id = columns[0]!;
    if (!ANNOTATION_LINE.test(text)) {
      this.problem(line, `is not a brat annotation line (${quote(text, 40)})`);
      return index;
    }
    if (id !== '*') {
      if (this.ids.has(id)) {
        this.problem(line, `the id ${id} is used twice`);
        return index;
      }
      this.ids.add(id);
    }
    const head = columns[1] ?? '';
    // What follows the head: a T's text or a note's, which may hold tabs of its own.
    const rest = columns.length <= 3 ? (columns[2] ?? '') : columns.slice(2).join('\t');
    // Text-bound lines, most of a file, split their head themselves.
    if (id[0] === 'T') return this.parseTextBound(id, head, rest, index);
    const fields = head.trim().split(/\s+/);
    switch (id[0]) {
      case 'E':
        this.parseEvent(id, fields, line);
        break;
      case 'R':
        this.parseRelation(id, fields, line);
        break;
      case '*':
        if (fields.length < 3) this.problem(line, 'an equivalence needs a type and at least two members');
        else this.equivalences.push({ line, id, type: fields[0]!, members: fields.slice(1) });
        break;
      case 'A':
      case 'M':
        if (fields.length < 2 || fields.length > 3) this.problem(line, `${id} must read “${id}<TAB>Name Target [Value]”`);
        else this.modifiers.push({ line, id, name: fields[0]!, target: fields[1]!, value: fields[2] ?? true });
        break;
      case 'N':
        if (fields.length !== 3) this.problem(line, `${id} must read “${id}<TAB>Reference Target Resource:Id<TAB>Text”`);
        else this.normalizations.push({ line, id, target: fields[1]!, entry: fields[2]!, text: rest.trim() });
        break;
      case '#':
        if (fields.length !== 2) this.problem(line, `${id} must read “${id}<TAB>Type Target<TAB>Note”`);
        else this.notes.push({ line, id, type: fields[0]!, target: fields[1]!, text: rest });
        break;
    }
    return index;
  }

  private parseTextBound(id: string, head: string, declared: string, index: number): number {
    const line = index + 1;
    const space = head.indexOf(' ');
    const label = space < 0 ? head : head.slice(0, space);
    const offsets = (space < 0 ? '' : head.slice(space + 1)).split(';').map((part) => OFFSET_PAIR.exec(part));
    if (!label || offsets.some((match) => !match)) {
      this.problem(line, `${id} must read “${id}<TAB>Type Start End[;Start End…]<TAB>Text”`);
      return index;
    }
    const labelProblem = this.nameProblem(label, 'type');
    if (labelProblem) {
      this.problem(line, `${id}: ${labelProblem}`);
      return index;
    }
    const fragments: Fragment[] = [];
    const rawParts: string[] = [];
    for (const match of offsets) {
      const [start, end] = [Number(match![1]), Number(match![2])];
      const mapped = this.source.range(start, end, 'codepoints');
      if ('problem' in mapped) {
        this.problem(line, `${id}: ${mapped.problem}`);
        return index;
      }
      fragments.push(mapped.fragment);
      rawParts.push(this.source.rawSlice(mapped.rawStart, mapped.rawEnd));
    }
    const sorted = fragments.length === 1 ? fragments : [...fragments].sort((a, b) => a[0] - b[0]);
    for (let position = 1; position < sorted.length; position++) {
      if (sorted[position]![0] < sorted[position - 1]![1]) {
        this.problem(line, `${id}: its fragments overlap`);
        return index;
      }
    }

    // brat writes the fragments' texts in the order the offsets are listed, joined by a space.
    const expected = rawParts.join(' ');
    let lastIndex = index;
    if (declared !== expected) {
      const rejoined = this.rejoinBrokenLine(declared, expected, index);
      if (rejoined === undefined) {
        const ranges = offsets.map((match) => `${Number(match![1])}–${Number(match![2])}`).join(', ');
        this.problem(line, `${id}: the .ann gives its text as ${quote(declared)}, but characters ${ranges} of the .txt are ${quote(expected)}`);
        return index;
      }
      lastIndex = rejoined;
      this.warnings.push({
        line,
        message: `${id}'s text runs over lines ${line}–${lastIndex + 1} (the covered text has line breaks, which break the .ann format); rejoined, it matches the .txt exactly`,
      });
    }
    this.textBounds.set(id, { id, label });
    this.annotations.set(id, { key: id, label, fragments: sorted });
    return lastIndex;
  }

  /**
   * When a T's text holds line breaks, the lines after it continue its text column. Returns the index of the
   * last continuation line if joining them with line breaks gives exactly `expected`, else undefined.
   */
  private rejoinBrokenLine(declared: string, expected: string, index: number): number | undefined {
    let text = declared;
    let next = index + 1;
    while (next < this.lines.length && expected.startsWith(`${text}\n`) && !ANNOTATION_LINE.test(this.lines[next]!)) {
      text += `\n${this.lines[next]!}`;
      if (text === expected) return next;
      next++;
    }
    return undefined;
  }

  private parseEvent(id: string, fields: string[], line: number): void {
    const [trigger, ...args] = fields.map((field) => field.split(':') as [string, string]);
    if (!trigger || trigger.length !== 2 || args.some((arg) => arg.length !== 2 || !arg[0] || !arg[1])) {
      this.problem(line, `${id} must read “${id}<TAB>Type:Trigger Role:Id…”`);
      return;
    }
    this.events.push({ line, id, type: trigger[0], trigger: trigger[1], args });
  }

  private parseRelation(id: string, fields: string[], line: number): void {
    const args = fields.slice(1).map((field) => field.split(':') as [string, string]);
    if (fields.length !== 3 || args.some((arg) => arg.length !== 2)) {
      this.problem(line, `${id} must read “${id}<TAB>Type Arg1:Id Arg2:Id”`);
      return;
    }
    this.relationLines.push({ line, id, type: fields[0]!, args });
  }

  /** Gives each event its annotation: its trigger's for the first event of a trigger, a copy for the others. */
  private resolveEvents(): void {
    for (const event of this.events) {
      const trigger = this.textBounds.get(event.trigger);
      if (!trigger) {
        if (!this.ids.has(event.trigger)) this.problem(event.line, `${event.id}: its trigger ${event.trigger} is not a text-bound annotation of this file`);
        continue;
      }
      if (trigger.label !== event.type) {
        this.problem(event.line, `${event.id} is a ${event.type} event, but its trigger ${trigger.id} is a ${trigger.label}`);
        continue;
      }
      const taken = this.takenTriggers.has(trigger.id);
      this.takenTriggers.add(trigger.id);
      const key = taken ? event.id : trigger.id;
      const annotation = taken ? { key, label: event.type, fragments: this.annotations.get(trigger.id)!.fragments } : this.annotations.get(trigger.id)!;
      annotation.attributes = { ...annotation.attributes, [BRAT_EVENT_ATTRIBUTE]: event.id };
      if (taken) this.annotations.set(key, annotation);
      this.eventKeys.set(event.id, key);
    }
  }

  /** The annotation key an id (a T or an E) stands for, or undefined with a problem reported. */
  private keyOf(id: string, line: number, owner: string): string | undefined {
    const key = id.startsWith('E') ? this.eventKeys.get(id) : this.textBounds.has(id) ? id : undefined;
    // An id whose own line failed has been reported already; only a missing id is a problem of this line.
    if (key === undefined && !this.ids.has(id)) this.problem(line, `${owner} refers to ${id}, which is not a text-bound annotation or event of this file`);
    return key;
  }

  private relation(type: string, sourceKey: string, targetKey: string, line: number, owner: string): ImportedRelation | undefined {
    const typeProblem = this.nameProblem(type, 'relation type');
    if (typeProblem) this.problem(line, `${owner}: ${typeProblem}`);
    else if (sourceKey === targetKey) this.problem(line, `${owner} relates an annotation to itself`);
    else return { type, sourceKey, targetKey };
    return undefined;
  }

  private eventRelations(): ImportedRelation[] {
    return this.events.flatMap((event) => {
      const eventKey = this.eventKeys.get(event.id);
      if (eventKey === undefined) return [];
      return event.args.flatMap(([role, id]) => {
        const target = this.keyOf(id, event.line, event.id);
        const relation = target === undefined ? undefined : this.relation(role, eventKey, target, event.line, `${event.id}'s ${role}`);
        return relation ? [relation] : [];
      });
    });
  }

  private plainRelations(): ImportedRelation[] {
    return this.relationLines.flatMap(({ id, type, args, line }) => {
      const [source, target] = args.map(([, argument]) => this.keyOf(argument, line, id));
      const relation = source !== undefined && target !== undefined ? this.relation(type, source, target, line, id) : undefined;
      return relation ? [relation] : [];
    });
  }

  private equivalenceRelations(): ImportedRelation[] {
    return this.equivalences.flatMap(({ type, members, line }) => {
      const owner = `the ${type} equivalence`;
      // brat accepts a member listed twice in a row (`* Equiv T63 T63`); being equivalent to itself says nothing.
      const distinct = members.filter((member, position) => member !== members[position - 1]);
      if (distinct.length < members.length) {
        this.warnings.push({ line, message: `${owner} lists the same annotation twice in a row; that pair, an annotation equivalent to itself, is not stored` });
      }
      const keys = distinct.map((member) => this.keyOf(member, line, owner));
      return keys.slice(1).flatMap((key, position) => {
        const previous = keys[position];
        const relation = previous !== undefined && key !== undefined ? this.relation(type, previous, key, line, owner) : undefined;
        return relation ? [relation] : [];
      });
    });
  }

  /** The annotation an A, N or # line is about; undefined (with a warning or problem) for anything else. */
  private annotationOf(target: string, line: number, owner: string, what: string): ImportedAnnotation | undefined {
    if (/^[RAMN#*]/.test(target) && this.ids.has(target)) {
      this.warnings.push({ line, message: `${owner}: the ${what} of ${target} is not kept (Parley keeps ${what}s on annotations only)` });
      return undefined;
    }
    const key = this.keyOf(target, line, owner);
    return key === undefined ? undefined : this.annotations.get(key);
  }

  private applyModifiers(): void {
    for (const { id, name, target, value, line } of this.modifiers) {
      const nameIssue = this.nameProblem(name, 'attribute name');
      if (nameIssue) {
        this.problem(line, `${id}: ${nameIssue}`);
        continue;
      }
      const annotation = this.annotationOf(target, line, id, 'attribute');
      if (annotation) annotation.attributes = { ...annotation.attributes, [name]: value as AttributeValue };
    }
  }

  private applyNormalizations(): void {
    for (const { id, target, entry, text, line } of this.normalizations) {
      const annotation = this.annotationOf(target, line, id, 'normalisation');
      if (!annotation) continue;
      if (annotation.label.toLowerCase() === ACTOR_LABEL) {
        const actor: ImportedActor = { name: text || this.coveredText(annotation), externalId: entry };
        annotation.actors = { ...annotation.actors, [ACTOR_ATTRIBUTE]: actor };
        continue;
      }
      const value = text ? `${entry} "${text}"` : entry;
      const previous = annotation.attributes?.[BRAT_NORMALIZATION_ATTRIBUTE];
      annotation.attributes = { ...annotation.attributes, [BRAT_NORMALIZATION_ATTRIBUTE]: typeof previous === 'string' ? `${previous}\n${value}` : value };
    }
  }

  private applyNotes(): void {
    for (const { id, type, target, text, line } of this.notes) {
      const annotation = this.annotationOf(target, line, id, 'note');
      if (!annotation) continue;
      if (type === 'AnnotatorNotes') {
        annotation.note = annotation.note ? `${annotation.note}\n${text}` : text;
        continue;
      }
      const typed = `${type}: ${text}`;
      const previous = annotation.attributes?.[BRAT_NOTES_ATTRIBUTE];
      annotation.attributes = { ...annotation.attributes, [BRAT_NOTES_ATTRIBUTE]: typeof previous === 'string' ? `${previous}\n${typed}` : typed };
    }
  }

  private coveredText(annotation: ImportedAnnotation): string {
    return annotation.fragments.map(([start, end]) => this.source.slice(start, end)).join(' ');
  }
}
