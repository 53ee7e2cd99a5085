/**
 * PolNeAR (Newell et al., LREC 2018) read in place, for training and scoring the tagger: each article's text
 * with the Source, Cue and Content spans of one annotator and the attributions that join them. The .ann files
 * are read by Parley's own brat parser. An article annotated by several annotators is read with the first of
 * them (by file name), so each token has one gold tag, as PolNeAR's univocal annotation intends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBrat } from '../import/formats/brat.ts';
import type { ImportInput } from '../import/parse.ts';
import type { Fragment } from '../../shared/types.ts';
import { PARTS, type Part } from './tags.ts';

export interface GoldSpan {
  part: Part;
  /** Code point offsets, end-exclusive; a discontinuous span has several. */
  fragments: Fragment[];
}

export interface GoldAttribution {
  content?: GoldSpan;
  source?: GoldSpan;
  cue?: GoldSpan;
}

export interface GoldArticle {
  name: string;
  text: string;
  spans: GoldSpan[];
  attributions: GoldAttribution[];
}

function input(path: string, bytes: Uint8Array): ImportInput {
  return { name: path, storedName: path, size: bytes.length, read: async () => bytes };
}

/** Every annotated article of a PolNeAR part (`…/polnear/train`), in file name order. */
export async function readPolnear(part: string): Promise<GoldArticle[]> {
  const annotations = readdirSync(join(part, 'attributions')).filter((name) => name.endsWith('.ann')).sort();
  const chosen = new Map<string, string>();
  for (const ann of annotations) {
    const article = ann.replace(/_[^_]+\.ann$/, '');
    if (!chosen.has(article)) chosen.set(article, ann);
  }
  const articles: GoldArticle[] = [];
  for (const [article, ann] of chosen) {
    const textPath = join(part, 'text', `${article}.txt`);
    const annPath = join(part, 'attributions', ann);
    const textBytes = readFileSync(textPath);
    const annBytes = readFileSync(annPath);
    const parsed = await parseBrat({ text: input(textPath, textBytes), ann: input(annPath, annBytes) }, textBytes, annBytes);
    const document = parsed.documents[0]!;
    const byKey = new Map<string, GoldSpan>();
    const spans: GoldSpan[] = [];
    for (const annotation of document.annotations) {
      if (!(PARTS as readonly string[]).includes(annotation.label)) continue;
      const span = { part: annotation.label as Part, fragments: annotation.fragments };
      byKey.set(annotation.key, span);
      spans.push(span);
    }
    const events = new Map<string, GoldAttribution>();
    for (const relation of document.relations) {
      const span = byKey.get(relation.targetKey);
      if (!span || span.part !== relation.type) continue;
      const event = events.get(relation.sourceKey) ?? {};
      event[span.part.toLowerCase() as 'content' | 'source' | 'cue'] = span;
      events.set(relation.sourceKey, event);
    }
    articles.push({ name: article, text: document.document.text, spans, attributions: [...events.values()] });
  }
  return articles;
}
