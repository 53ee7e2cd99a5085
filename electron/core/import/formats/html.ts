/**
 * A saved web page: the article's readable text as Mozilla's Readability finds it (what Firefox's reader view
 * shows), with its paragraphs, and the page's title, byline, date, canonical URL, site name and language.
 * The page is parsed by linkedom, which runs no scripts and loads nothing; scripts, styles, frames and embeds
 * are removed before Readability looks at the page, so neither their code nor their text reaches the document,
 * and so are advertisements, promotions and sponsored blocks, which Readability keeps when they sit inside the
 * article's body.
 */
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, shortTitle, titleFromText } from '../document.ts';
import { domText, NON_TEXT_ELEMENTS, type DomNode } from '../html-text.ts';
import type { FileParser } from '../parse.ts';
import { ImportFileError, type FileProblem } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** The part of the DOM Element and Document interfaces used here; linkedom provides them. */
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

interface DomDocument {
  title: string;
  documentElement: DomElement;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const NON_TEXT_SELECTOR = [...NON_TEXT_ELEMENTS].filter((name) => !['HEAD', 'TITLE', 'META', 'LINK', 'BASE'].includes(name)).join(',').toLowerCase();

/**
 * Words that mark a block as an advertisement, a promotion or sponsored content when they are a class or id
 * token, or a part of one between hyphens, underscores or a camelCase hump (`ad-inline`, `promo_box`,
 * `adSlot`, `SponsoredContent`): whole parts only, so `shadow`, `headline`, `loadMore` or `badge` never match.
 */
const AD_WORDS: ReadonlySet<string> = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertisements', 'advertising', 'adslot', 'adunit',
  'promo', 'promos', 'promoted', 'promotion', 'promotions', 'sponsor', 'sponsors', 'sponsored', 'sponsorship',
]);
/** aria-labels that say a block is an advertisement or sponsored. */
const AD_LABEL = /^(?:advertisement|advertising|ad|ads|sponsored(?: content)?|promotion|promoted)$/i;
/** The page's frame, never removed whatever its classes say (`<body class="has-ads">`). */
const PAGE_FRAME: ReadonlySet<string> = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

function isAdBlock(element: DomElement): boolean {
  if (PAGE_FRAME.has(element.nodeName.toUpperCase())) return false;
  // A block around the article itself (`<div class="ad-free-layout">`) is the page's frame too.
  if (element.querySelector('article, main, h1')) return false;
  const parts = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/);
  return parts.some((part) => AD_WORDS.has(part)) || AD_LABEL.test(element.getAttribute('aria-label')?.trim() ?? '');
}

/** Removes what is never article text: scripts, styles, frames and the like, then ad, promo and sponsored blocks. */
function removeNonArticle(page: DomDocument): void {
  for (const element of Array.from(page.querySelectorAll(NON_TEXT_SELECTOR))) element.remove();
  for (const element of Array.from(page.querySelectorAll('[class], [id], [aria-label]'))) if (isAdBlock(element)) element.remove();
}

/**
 * Readability walks the page many times over, and its work grows with the page's depth as much as its size: 2,000
 * unclosed `<div>` took two minutes. News pages have a few thousand elements nested a few dozen deep; beyond these
 * bounds the whole page's text is imported instead, with a warning.
 */
const MAX_READABILITY_ELEMENTS = 30_000;
const MAX_READABILITY_DEPTH = 200;

interface ReadabilityArticle {
  title?: string | null;
  content?: DomNode | null;
  byline?: string | null;
  publishedTime?: string | null;
  siteName?: string | null;
  lang?: string | null;
}

/** How many elements a tree has and how deep they nest, counted without recursion. */
function treeShape(root: DomNode): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: { node: DomNode; level: number }[] = [{ node: root, level: 1 }];
  while (stack.length > 0) {
    const { node, level } = stack.pop()!;
    if (node.nodeType !== 1) continue;
    elements++;
    if (level > depth) depth = level;
    for (const child of Array.from(node.childNodes)) stack.push({ node: child, level: level + 1 });
  }
  return { elements, depth };
}

/** How far into the file the encoding declaration may be, as the HTML standard's prescan has it. */
const CHARSET_PRESCAN_BYTES = 1024;

export const parseHtml: FileParser = async (input, bytes) => {
  const { text: raw, encoding } = decodeText(bytes, { declaredEncoding: declaredCharset(bytes) });
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const parse = (html: string) => parseHTML(html).document as unknown as DomDocument;

  const page = parse(raw);
  removeNonArticle(page);
  const facts = pageFacts(page);
  const warnings: FileProblem[] = [];
  const shape = treeShape(page.documentElement);
  let article: ReadabilityArticle | null = null;
  // Readability rearranges the page it reads, so once it ran the whole page's text is read from a fresh parse.
  const readabilityRuns = shape.elements <= MAX_READABILITY_ELEMENTS && shape.depth <= MAX_READABILITY_DEPTH;
  if (!readabilityRuns) {
    warnings.push({
      message:
        shape.depth > MAX_READABILITY_DEPTH
          ? `its markup nests ${shape.depth} elements deep (unclosed tags?), too deep to look for the article in: the text of the whole page is imported`
          : `it has ${shape.elements} elements, too many to look for the article in: the text of the whole page is imported`,
    });
  } else {
    try {
      // Readability hands back the article element itself, not serialised HTML. (Its typings name the DOM's Document, which this Node project's types do not include: hence the cast.)
      article = new Readability<DomNode>(page as never, { maxElemsToParse: MAX_READABILITY_ELEMENTS, serializer: (node) => node as unknown as DomNode }).parse();
    } catch {
      // Readability trips on some malformed pages (it throws a TypeError from deep inside): the page is still text.
      warnings.push({ message: 'its article could not be told apart from the rest of the page: the text of the whole page is imported' });
    }
  }
  let text = article?.content ? domText(article.content) : '';
  if (!text) {
    const whole = readabilityRuns ? parse(raw) : page;
    if (readabilityRuns) removeNonArticle(whole);
    text = whole.body ? domText(whole.body) : '';
  }
  const source = new SourceText(text);
  if (!source.text.trim()) throw new ImportFileError('has no readable text once scripts, styles and markup are left out');

  const plain = (html: string | null | undefined) => (html ? shortTitle(domText(parse(`<!doctype html><html><body>${html}</body></html>`).body!)) : '');
  const title = plain(article?.title) || plain(facts.title) || titleFromText(source.text, fileTitle(input.name));
  const metadata: Record<string, unknown> = facts.description ? { description: facts.description } : {};
  const document = importedDocument(
    source,
    { file: input.storedName, format: 'html', encoding },
    {
      fields: {
        title,
        url: facts.url,
        author: plain(article?.byline) || facts.author,
        publishedAt: article?.publishedTime || facts.publishedAt,
        source: plain(article?.siteName) || facts.siteName,
        language: article?.lang || facts.language,
      },
      metadata,
    },
  );
  return { documents: [document], warnings, skipped: [] };
};

interface PageFacts {
  title: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  siteName: string | null;
  language: string | null;
  description: string | null;
}

/** What the page's head says about it, read before Readability rearranges the page. */
function pageFacts(page: DomDocument): PageFacts {
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const content = page.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)?.getAttribute('content')?.trim();
      if (content) return content;
    }
    return null;
  };
  const canonical = page.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ?? meta('og:url');
  return {
    title: meta('og:title', 'twitter:title', 'dc.title') ?? (page.title.trim() || page.querySelector('h1')?.textContent?.trim() || null),
    url: canonical && /^https?:\/\//i.test(canonical) ? canonical : null,
    author: meta('author', 'article:author', 'dc.creator', 'byl'),
    publishedAt: meta('article:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'dc.date.issued', 'parsely-pub-date'),
    siteName: meta('og:site_name', 'application-name'),
    language: page.documentElement.getAttribute('lang')?.trim() || meta('og:locale', 'language'),
    description: meta('og:description', 'description', 'twitter:description'),
  };
}

/**
 * The encoding a page declares in its first kilobyte (`<meta charset>` or the http-equiv form), as a browser's
 * prescan finds it. Only consulted when the bytes are not valid UTF-8.
 */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, CHARSET_PRESCAN_BYTES)).toString('latin1');
  return /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}
