/**
 * spaCy training records: `{"text", "entities": [[s, e, label], ...], "spans": {"sc": [[s, e, label], ...]}}`,
 * the dictionary `Example.from_dict` reads. `spans.sc` (the span categorizer's default key) holds every
 * annotation; `entities` holds those that do not overlap, as `doc.ents` requires.
 *
 * The issue asks for the key `ents`; the key is `entities` because that is what `Example.from_dict` reads
 * (an unknown key such as `ents` makes it raise E983), so the whole record can be passed to it unchanged.
 */
import type { ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext } from '../format.ts';
import { DocumentText } from '../text.ts';
import { countUncarriedProvenance } from './common.ts';
import { jsonLinesSession } from './json.ts';

type Span = [start: number, end: number, label: string];

/** The spans that can stand together in `doc.ents`: earliest first, and of two overlapping spans the longer. */
function nonOverlapping(spans: readonly Span[]): { kept: Span[]; dropped: number } {
  const ordered = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Span[] = [];
  let end = -1;
  for (const span of ordered) {
    if (span[0] >= end) {
      kept.push(span);
      end = span[1];
    }
  }
  return { kept, dropped: spans.length - kept.length };
}

function record(document: ExportedDocument, context: FormatContext): unknown {
  const text = new DocumentText(document.document.text);
  const { losses } = context;
  const spans: Span[] = document.annotations.flatMap((annotation) =>
    annotation.fragments.map(([start, end]): Span => [text.offset(start, context.offsets), text.offset(end, context.offsets), annotation.label]),
  );
  const entities = nonOverlapping(spans);
  losses.add('discontinuous annotations', 'spaCy spans are contiguous: each fragment was written as a span of its own', document.annotations.filter((a) => a.fragments.length > 1).length);
  losses.add('overlapping spans left out of entities', 'doc.ents cannot overlap; these spans are only in spans["sc"]', entities.dropped);
  losses.add('relations', 'spaCy training records have no relations between spans', document.relations.length);
  losses.add('attribute values', 'spaCy spans carry only a label', document.annotations.reduce((n, a) => n + Object.keys(a.attributes).length, 0));
  losses.add('notes', 'spaCy spans carry only a label', document.annotations.filter((a) => a.note !== '').length);
  countUncarriedProvenance(document.annotations, losses, 'spaCy');
  return { text: document.document.text, entities: entities.kept, spans: { sc: spans } };
}

export const spacyFormat: ExportFormatModule = {
  name: 'spacy',
  title: 'spaCy JSONL',
  layout: 'file',
  extension: '.jsonl',
  offsets: 'any',
  start: (context) => jsonLinesSession((document) => record(document, context)),
  usage: (context) => `One JSON object per line: \`{"text": ..., "entities": [[start, end, label], ...], "spans": {"sc": [[start, end, label], ...]}}\`.
${context.offsets === 'utf16' ? '\n**These offsets are UTF-16 code units; spaCy counts code points. Export again without `--offsets utf16` for spaCy.**\n' : ''}
A record is the dictionary \`Example.from_dict\` takes (it reads \`entities\` and \`spans\` and ignores \`text\`); every span
must start and end on a token of the \`Doc\` it is given:

\`\`\`python
import json, spacy
from spacy.training import Example
nlp = spacy.blank("en")
examples = [Example.from_dict(nlp.make_doc(r["text"]), r) for r in map(json.loads, open("train.jsonl", encoding="utf-8"))]
\`\`\`

To train with \`spacy train\`, turn the file into a DocBin. Where spaCy's tokenizer does not split a word at a span's
start or end, \`alignment_mode="expand"\` widens the span to whole tokens instead of losing it:

\`\`\`python
import json, spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans
nlp = spacy.blank("en")
db = DocBin()
for r in map(json.loads, open("train.jsonl", encoding="utf-8")):
    doc = nlp.make_doc(r["text"])
    spans = lambda triples: [s for s in (doc.char_span(a, b, label=l, alignment_mode="expand") for a, b, l in triples) if s is not None]
    doc.ents = filter_spans(spans(r["entities"]))
    doc.spans["sc"] = spans(r["spans"]["sc"])
    db.add(doc)
db.to_disk("train.spacy")
\`\`\``,
};
