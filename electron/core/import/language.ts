/**
 * The language of an imported text whose file does not say it: plain text and Markdown, Word and PDF files
 * without a language property, table rows without a language column. The detector is eld (Efficient Language
 * Detector, Apache-2.0), whose n-gram data ships inside the package, so it works offline. Chosen over tinyld,
 * which took an English news paragraph for Kirundi, and franc-min, which scored Russian and Ukrainian news
 * within 1 % of each other and read a short Russian sentence as Ukrainian.
 *
 * A language is set only when the text is long enough and the detector's best guess clearly beats the second:
 * a wrong `ru` on a Ukrainian article is worse than none, since exports carry it into datasets.
 */
/** Fewer letters than this (about a sentence) and no language is guessed: a headline alone misleads n-grams. */
export const MIN_LETTERS = 50;
/** Matches once MIN_LETTERS letters are found, so a long text is not counted to its end. */
const ENOUGH_LETTERS = new RegExp(`(?:\\p{L}\\P{L}*){${MIN_LETTERS}}`, 'u');
/** How much of a text is read: the beginning of an article says its language as well as the whole does. */
const SAMPLE_CHARACTERS = 2000;
/**
 * The least lead of the best score over the second. Measured on news sentences: Russian over Ukrainian by 0.019
 * to 0.025 and Ukrainian over Russian by 0.029 on paragraphs, but by 0.005 on a four-word Russian sentence.
 */
const MIN_LEAD = 0.01;

let detector: Promise<(typeof import('eld/medium'))['eld']> | undefined;

/** The ISO 639-1 code of `text`'s language (`ru`, `uk`, `ar`, `zh`, `en`, …), or null when unsure. */
export async function detectLanguage(text: string): Promise<string | null> {
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  if (!ENOUGH_LETTERS.test(sample)) return null;
  // Loaded on first use: its 2 MiB of n-grams would slow every start of the CLI otherwise.
  detector ??= import('eld/medium').then((module) => module.eld);
  const result = (await detector).detect(sample);
  if (!result.language || !result.isReliable()) return null;
  const [best = 0, second = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  return best - second >= MIN_LEAD ? result.language : null;
}
