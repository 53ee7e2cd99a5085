/**
 * How an import pairs brat's files, by their names alone: the importer uses it, and so can the renderer, to send
 * each .ann in one `importFiles` call together with its .txt (and annotation.conf) while it imports a dropped
 * folder file by file. Names are paths with `/` between folders ("corpus/text/a.txt"). Pure TypeScript.
 *
 * An .ann pairs with the .txt of the same name, or, as PolNeAR names them, with the .txt whose name is a prefix
 * of the .ann's up to an underscore (`<article>_<annotator>.ann` → `<article>.txt`, the rest naming the
 * annotator). The .txt may be in another folder (PolNeAR keeps `text/` and `attributions/` apart): the one in
 * the nearest folder wins.
 */

export interface BratTextMatch {
  text: string;
  /** What follows the .txt's name in the .ann's (`4e07` of `article_4e07.ann`), when they differ. */
  annotator?: string;
}

const BRAT_CONFIG = 'annotation.conf';

function folderOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

function stemOf(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
}

const hasExtension = (name: string, extension: string) => name.toLowerCase().endsWith(extension);

/** The names (without extension) an .ann's .txt may have: its own, then ever shorter prefixes ending before an underscore. */
export function bratTextStems(annName: string): string[] {
  const stem = stemOf(annName);
  const stems = [stem];
  for (let at = stem.lastIndexOf('_'); at > 0; at = stem.lastIndexOf('_', at - 1)) stems.push(stem.slice(0, at));
  return stems;
}

/** The annotator an .ann's name gives beyond its .txt's, if any. */
export function bratAnnotator(annName: string, textStem: string): string | undefined {
  const stem = stemOf(annName);
  return stem === textStem ? undefined : stem.slice(textStem.length + 1);
}

/** For each .ann among `names`, the .txt among them it pairs with; .ann files without one are left out. */
export function pairBratFiles(names: readonly string[]): Map<string, BratTextMatch> {
  const textsByStem = new Map<string, string[]>();
  for (const name of names.filter((candidate) => hasExtension(candidate, '.txt'))) {
    textsByStem.set(stemOf(name), [...(textsByStem.get(stemOf(name)) ?? []), name]);
  }
  const pairs = new Map<string, BratTextMatch>();
  for (const ann of names.filter((candidate) => hasExtension(candidate, '.ann'))) {
    for (const stem of bratTextStems(ann)) {
      const candidates = textsByStem.get(stem);
      if (!candidates) continue;
      const folder = folderOf(ann);
      const text = candidates.reduce((best, candidate) => (sharedDepth(folderOf(candidate), folder) > sharedDepth(folderOf(best), folder) ? candidate : best));
      const annotator = bratAnnotator(ann, stem);
      pairs.set(ann, annotator ? { text, annotator } : { text });
      break;
    }
  }
  return pairs;
}

/** The annotation.conf among `names` that applies to an .ann: in its folder, or the nearest folder above. */
export function nearestBratConfig(annName: string, names: readonly string[]): string | undefined {
  const configs = new Set(names.filter((name) => name.slice(name.lastIndexOf('/') + 1) === BRAT_CONFIG));
  for (let folder = folderOf(annName); ; folder = folderOf(folder)) {
    const config = folder ? `${folder}/${BRAT_CONFIG}` : BRAT_CONFIG;
    if (configs.has(config)) return config;
    if (!folder) return undefined;
  }
}

/**
 * The files of a folder drop in the groups to import one `importFiles` call each: every .ann with its .txt and
 * annotation.conf, every other file alone. A .txt that goes with an .ann is not imported on its own; an
 * annotation.conf only goes along with .ann files.
 */
export function importBatches(names: readonly string[]): string[][] {
  const pairs = pairBratFiles(names);
  const paired = new Set([...pairs.values()].map((pair) => pair.text));
  return names.flatMap((name): string[][] => {
    const pair = pairs.get(name);
    if (pair) {
      const config = nearestBratConfig(name, names);
      return [[name, pair.text, ...(config ? [config] : [])]];
    }
    if (paired.has(name) || name.slice(name.lastIndexOf('/') + 1) === BRAT_CONFIG) return [];
    return [[name]];
  });
}

/** How many leading folders two `/`-separated folder paths share. */
function sharedDepth(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let depth = 0;
  while (depth < left.length && depth < right.length && left[depth] === right[depth]) depth++;
  return depth;
}
