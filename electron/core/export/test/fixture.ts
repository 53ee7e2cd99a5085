/**
 * A workspace built through the API with what exports find hard: emoji (skin tones, ZWJ families, flags),
 * combining marks, right-to-left text with direction marks, a text that arrived with CRLF line breaks,
 * discontinuous, overlapping and line-crossing spans, every attribute type, notes, suggestions and relations,
 * and label names that brat and CoNLL cannot take as they are.
 */
import type { Backend } from '../../backend.ts';
import { openInFull } from '../../../test/helpers.ts';
import type { Actor, Annotation, Target, ChangeResult, DocumentSummary, Edit, Label, OpenDocument } from '../../../shared/types.ts';

export const TEXTS = {
  emoji: 'The family 👩‍👩‍👧 of Kyiv’s mayor 🇺🇦 said “we are not leaving 🙏🏽” on Sunday. Café owners (cafe\u0301) agreed.',
  rtl: 'قال الرئيس \u200f«سننتصر»\u200f في كييف. אמר ראש העיר: "נמשיך". Then English.',
  crlf: 'Sen. Warren said the plan “will fail”.\r\nShe added: “It is a giveaway.\r\nNobody wins.”\r\nThe White House disagreed.',
  plain: 'Mr. Smith, a spokesman, called the report "deeply flawed" and said it would be withdrawn.',
};

export interface Fixture {
  documents: Record<keyof typeof TEXTS, DocumentSummary>;
  labels: Map<string, Label>;
  actors: { biden: Actor; warren: Actor };
}

/** Code point offsets of `needle` in `text` (its `occurrence`-th match). */
export function span(text: string, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`“${needle}” is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return [start, start + Array.from(needle).length];
}

export async function buildFixture(backend: Backend): Promise<Fixture> {
  const call = <T>(method: string, params: unknown) => backend.dispatch(method, params) as Promise<T>;
  await call('createLabel', {
    name: 'Direct quote',
    color: '#aa3377',
    attributes: [
      { name: 'verified', type: 'boolean' },
      { name: 'confidence level', type: 'choice', options: ['high', 'not sure'] },
    ],
  });
  await call('createLabel', { name: 'Zitat-ä', color: '#3377aa' });
  const labels = new Map((await call<Label[]>('listLabels', {})).map((label) => [label.name, label]));
  const biden = await call<Actor>('createActor', { name: 'Joe Biden', kind: 'person', externalId: 'Q6279', aliases: ['Biden', 'POTUS'], description: 'US president' });
  const warren = await call<Actor>('createActor', { name: 'Elizabeth Warren', kind: 'person' });
  const plan = await call<Target>('createTarget', { name: 'the plan', aliases: ['the Warren plan'] });

  const documents = {} as Fixture['documents'];
  for (const [key, text] of Object.entries(TEXTS) as [keyof typeof TEXTS, string][]) {
    documents[key] = await call<DocumentSummary>('createDocument', { title: `${key} document`, text, language: key === 'rtl' ? 'ar' : 'en', url: key === 'plain' ? 'https://example.com/report' : null });
  }
  const label = (name: string) => labels.get(name)!.id;
  const edit = (key: keyof typeof TEXTS, edits: Edit[]) =>
    call<ChangeResult>('edit', { documentId: documents[key].id, description: 'fixture', edits });
  const stored = async (key: keyof typeof TEXTS) => (await call<OpenDocument>('openDocument', { id: documents[key].id })).document.text;

  const emoji = TEXTS.emoji;
  await edit('emoji', [
    { op: 'createAnnotation', ref: 'family', labelId: label('Actor'), fragments: [span(emoji, 'The family 👩‍👩‍👧')] },
    { op: 'createAnnotation', ref: 'mayor', labelId: label('Actor'), fragments: [span(emoji, 'Kyiv’s mayor 🇺🇦')], attributes: { actor: biden.id } },
    {
      op: 'createAnnotation',
      ref: 'quote',
      labelId: label('Quote'),
      fragments: [span(emoji, '“we are not leaving 🙏🏽”')],
      attributes: { kind: 'direct', speaker: biden.id },
      note: 'Said twice.\nOnce on TV.',
    },
    { op: 'createAnnotation', labelId: label('Claim'), fragments: [span(emoji, 'not leaving 🙏🏽” on Sunday')], attributes: { topic: 'the war', 'check-worthy': 'yes' } },
    { op: 'createAnnotation', labelId: label('Direct quote'), fragments: [span(emoji, 'Café'), span(emoji, 'cafe\u0301')], attributes: { verified: true, 'confidence level': 'not sure' } },
    { op: 'createAnnotation', labelId: label('Zitat-ä'), fragments: [span(emoji, 'said')], origin: 'suggested' },
    { op: 'createRelation', type: 'said_by', sourceId: 'quote', targetId: 'mayor' },
    { op: 'createRelation', type: 'about', sourceId: 'quote', targetId: 'family' },
  ]);
  const rtl = TEXTS.rtl;
  await edit('rtl', [
    { op: 'createAnnotation', ref: 'q', labelId: label('Quote'), fragments: [span(rtl, '«سننتصر»')], attributes: { kind: 'direct' } },
    { op: 'createAnnotation', ref: 's', labelId: label('Actor'), fragments: [span(rtl, 'الرئيس')] },
    { op: 'createAnnotation', labelId: label('Quote'), fragments: [span(rtl, '"נמשיך"')], origin: 'suggested' },
    { op: 'createRelation', type: 'said_by', sourceId: 'q', targetId: 's' },
  ]);
  // Offsets into the stored text, where each CRLF became one LF.
  const crlf = await stored('crlf');
  await edit('crlf', [
    { op: 'createAnnotation', ref: 'w', labelId: label('Actor'), fragments: [span(crlf, 'Sen. Warren')], attributes: { actor: warren.id } },
    { op: 'createAnnotation', labelId: label('Quote'), fragments: [span(crlf, '“will fail”')], attributes: { speaker: warren.id } },
    { op: 'createAnnotation', ref: 'q2', labelId: label('Quote'), fragments: [span(crlf, '“It is a giveaway.\nNobody wins.”')], attributes: { kind: 'direct' } },
    { op: 'createAnnotation', labelId: label('Position'), fragments: [span(crlf, 'The White House disagreed')], attributes: { stance: 'opposes', target: plan.id } },
    { op: 'createRelation', type: 'said_by', sourceId: 'q2', targetId: 'w' },
  ]);
  const plain = TEXTS.plain;
  await edit('plain', [
    { op: 'createAnnotation', labelId: label('Actor'), fragments: [span(plain, 'Mr. Smith')] },
    { op: 'createAnnotation', labelId: label('Quote'), fragments: [span(plain, '"deeply flawed"')] },
    // Starts inside the token "spokesman": CoNLL cannot align it.
    { op: 'createAnnotation', labelId: label('Claim'), fragments: [span(plain, 'man, called')] },
  ]);
  await call('updateDocument', { id: documents.crlf.id, patch: { status: 'done' } });
  await call('updateDocument', { id: documents.rtl.id, patch: { status: 'in_progress' } });
  return { documents, labels, actors: { biden, warren } };
}

/** Every document of the workspace with its annotations, for checking exports against. */
export async function workspaceContent(backend: Backend): Promise<(Omit<OpenDocument, 'annotations'> & { annotations: (Annotation & { label: string })[] })[]> {
  const labels = new Map(((await backend.dispatch('listLabels', {})) as Label[]).map((label) => [label.id, label.name]));
  const summaries = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
  const documents = [];
  for (const summary of summaries.sort((a, b) => a.id - b.id)) {
    const open = await openInFull(backend, summary.id);
    documents.push({ ...open, annotations: open.annotations.map((annotation) => ({ ...annotation, label: labels.get(annotation.labelId)! })) });
  }
  return documents;
}
