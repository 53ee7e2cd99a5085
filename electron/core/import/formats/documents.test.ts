import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeDocx, makePdf } from '../test/documents.ts';
import { DATA, parse, problemsOf } from '../test/support.ts';
import { parseDocx } from './docx.ts';
import { parseHtml } from './html.ts';
import { parsePdf } from './pdf.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);

describe('saved web pages', () => {
  it('take the article text with its paragraphs, and title, byline, date, URL, site and language from the page', async () => {
    const { documents } = await parse(parseHtml, 'saved.html', readFileSync(new URL('saved-news-page.html', FIXTURES)));
    const { document } = documents[0]!;
    assert.equal(document.title, 'Ceasefire talks end without agreement');
    assert.equal(document.author, 'Jane Reporter');
    assert.equal(document.publishedAt, '2025-11-20T09:30:00Z');
    assert.equal(document.url, 'https://news.example.org/2025/11/20/ceasefire-talks');
    assert.equal(document.source, 'The Daily Example');
    assert.equal(document.language, 'en-GB');
    assert.equal(document.metadata!['description'], 'Negotiators left Geneva with no deal.');
    // One paragraph per line, as in text files (see PARAGRAPH_BREAK).
    const paragraphs = document.text.split('\n');
    assert.ok(paragraphs.includes('“There is no compromise on territory,” the foreign minister told reporters outside the venue, adding that the delegation would return home to consult.'));
    assert.ok(document.text.includes('a ceasefire line remained out of reach.\nA further round is expected in December.'), 'a <br> is a line break');
    assert.ok(!document.text.includes('\n\n'), 'no blank lines between paragraphs');
    assert.ok(paragraphs.includes('We came to make peace, not to sign a surrender.'));
    for (const unwanted of ['tracker', 'inline', 'alert', 'font-family', 'Privacy', 'Sport', 'ads.example']) assert.ok(!document.text.includes(unwanted), unwanted);
  });

  it('never let scripts, event handlers or frames reach the text or the title', async () => {
    const { documents } = await parse(parseHtml, 'script-injection.html', readFileSync(join(DATA, 'bad-input/script-injection.html')));
    const { document } = documents[0]!;
    assert.equal(document.title, 'Talks');
    assert.equal(document.text, 'Talks end without deal\n“No compromise,” the aide said.\nmore');
    assert.doesNotMatch(`${document.title}\n${document.text}`, /alert|script|onerror|iframe|javascript:|owned/);
  });

  it('leave out ad, promo and sponsored blocks inside the article, by whole class and id words (camelCase too)', async () => {
    const page = `<!doctype html><html><head><title>Talks</title></head><body class="page has-ads"><main><article>
      <h1 class="headline">Talks end without a deal</h1>
      <p>Negotiators left Geneva on Thursday without an agreement, after two days of meetings described as decisive.</p>
      <div class="ad ad-inline">Advertisement: SPONSORED Buy gold now, the safe haven for troubled times.</div>
      <p class="shadow-box">“There is no compromise on territory,” the foreign minister told reporters outside the venue.</p>
      <aside class="promo_box"><p>Subscribe for 1 euro a month and read without limits.</p></aside>
      <div id="sponsored-links"><a href="/x">Ten tricks doctors hate</a></div>
      <section aria-label="Advertisement"><p>Your ad here, reaching a million readers.</p></section>
      <div class="adslot"><p>Shop the spring sale.</p></div>
      <div class="adSlot"><p>Limited offer on tyres.</p></div>
      <div class="SponsoredContent"><p>Partners we trust with your pension.</p></div>
      <p class="badge-note">Analysts said the failure to agree on a timetable showed how far apart the parties remained.</p>
      <p class="load-more">A further round is expected in December, officials said.</p>
      <p class="loadMore headLine">Both delegations are to report to their capitals first.</p>
    </article></main></body></html>`;
    const { documents } = await parse(parseHtml, 'talks.html', page);
    const { text } = documents[0]!.document;
    for (const ad of ['Advertisement', 'SPONSORED', 'Subscribe', 'Ten tricks', 'Your ad here', 'spring sale', 'tyres', 'pension']) assert.ok(!text.includes(ad), ad);
    for (const kept of ['without an agreement', 'no compromise on territory', 'how far apart', 'A further round', 'report to their capitals']) assert.ok(text.includes(kept), kept);
  });

  it('read a page in its declared legacy encoding, and refuse a page with no text', async () => {
    const page = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>Министр сказал «нет».</p></body></html>';
    const { documents } = await parse(parseHtml, 'ru.html', (await import('iconv-lite')).default.encode(page, 'windows-1251'));
    assert.equal(documents[0]!.document.text, 'Министр сказал «нет».');
    assert.equal(documents[0]!.document.title, 'Новости');
    const [problem] = await problemsOf(parse(parseHtml, 'empty.html', '<html><body><script>var a = 1;</script><img src="x.png"></body></html>'));
    assert.match(problem!.message, /has no readable text/);
  });
});

describe('Word documents', () => {
  it('keep paragraphs and take title, author and date from the core properties', async () => {
    const docx = makeDocx(['Talks end', '“No compromise,” **the aide** said. 🇺🇦', '', 'A third paragraph.'], {
      title: 'Geneva talks',
      creator: 'A. Reporter',
      created: '2025-11-20T10:00:00Z',
    });
    const { documents } = await parse(parseDocx, 'talks.docx', docx);
    const { document } = documents[0]!;
    assert.equal(document.text, 'Talks end\n“No compromise,” the aide said. 🇺🇦\nA third paragraph.', 'one line break between paragraphs, the empty one dropped');
    assert.equal(document.title, 'Geneva talks');
    assert.equal(document.author, 'A. Reporter');
    assert.equal(document.publishedAt, '2025-11-20T10:00:00Z');
  });

  it('refuse files that are not .docx', async () => {
    assert.match((await problemsOf(parse(parseDocx, 'old.docx', 'plain text, not a zip')))[0]!.message, /not a Word document.*an old \.doc/);
    assert.match((await problemsOf(parse(parseDocx, 'broken.docx', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))))[0]!.message, /not a readable Word document/);
  });
});

describe('PDF files', () => {
  it('rebuild paragraphs from line positions, join pages, and take the information dictionary', async () => {
    const pdf = makePdf(
      [
        [
          [72, 720, 'Talks end without deal'],
          [72, 690, 'The aide said that no compro-'],
          [72, 676, 'mise was possible on territory,'],
          [72, 662, 'not now and not later.'],
          [72, 630, 'A second paragraph.'],
        ],
        [[72, 720, 'Page two.']],
      ],
      { Title: 'Geneva talks', Author: 'A. Reporter', CreationDate: "D:20251120093000+01'00'" },
    );
    const { documents } = await parse(parsePdf, 'talks.pdf', pdf);
    const { document } = documents[0]!;
    assert.equal(
      document.text,
      'Talks end without deal\nThe aide said that no compro-mise was possible on territory, not now and not later.\nA second paragraph.\nPage two.',
    );
    assert.equal(document.title, 'Geneva talks');
    assert.equal(document.author, 'A. Reporter');
    assert.equal(document.publishedAt, '2025-11-20T09:30:00+01:00');
    assert.equal(document.metadata!['pages'], 2);
  });

  it('say clearly that a PDF without a text layer needs OCR, and refuse what is not a PDF', async () => {
    assert.deepEqual(await problemsOf(parse(parsePdf, 'scan.pdf', makePdf([[], []]))), [
      { message: 'has no text layer: its 2 pages are images (a scan?); run it through OCR and import the result' },
    ]);
    assert.match((await problemsOf(parse(parsePdf, 'fake.pdf', 'not a pdf at all')))[0]!.message, /^is not a readable PDF/);
  });
});
