import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocx } from './formats/docx.ts';
import { parsePdf } from './formats/pdf.ts';
import { tableParser } from './formats/table.ts';
import { parseText } from './formats/text.ts';
import { detectLanguage } from './language.ts';
import { makeDocx, makePdf } from './test/documents.ts';
import { parse } from './test/support.ts';

// News sentences as agencies write them: Russian and Ukrainian share most of their alphabet and many words.
const NEWS = {
  ru: 'Президент России Владимир Путин в четверг принял в Кремле специального посланника США Стива Уиткоффа. Переговоры продолжались почти пять часов, сообщил журналистам помощник президента Юрий Ушаков.',
  uk: 'Президент України Володимир Зеленський заявив, що Київ не погодиться на жодні територіальні поступки. За його словами, переговори з партнерами тривають, а армія продовжує тримати оборону на сході країни.',
  ar: 'قال الرئيس الروسي فلاديمير بوتين يوم الخميس إن المحادثات مع المبعوث الأمريكي كانت مفيدة، مضيفا أن موسكو مستعدة لمواصلة الحوار بشأن إنهاء الحرب في أوكرانيا.',
  zh: '俄罗斯总统普京周四在克里姆林宫会见了美国特使威特科夫。双方就结束乌克兰冲突的可能方案进行了近五个小时的会谈，克里姆林宫助理乌沙科夫对记者表示会谈富有建设性。',
  en: 'Russian President Vladimir Putin met US special envoy Steve Witkoff in the Kremlin on Thursday. The talks lasted almost five hours, presidential aide Yuri Ushakov told reporters, describing them as useful.',
};
const RU_SHORTER = 'Правительство приняло решение о повышении минимальной зарплаты с первого января следующего года.';
const UK_SHORTER = 'Уряд ухвалив рішення про підвищення мінімальної зарплати з першого січня наступного року.';

describe('language detection', () => {
  it('names the language of Russian, Ukrainian, Arabic, Chinese and English news', async () => {
    for (const [language, text] of Object.entries(NEWS)) assert.equal(await detectLanguage(text), language, text);
  });

  it('tells Russian from Ukrainian in the same sentence', async () => {
    assert.equal(await detectLanguage(RU_SHORTER), 'ru');
    assert.equal(await detectLanguage(UK_SHORTER), 'uk');
  });

  it('guesses nothing for short texts, and nothing it is unsure of', async () => {
    for (const text of ['Да.', 'Москва заявила о переговорах.', 'Київ заявив про атаку.', 'Talks end without a deal', '12:30 — 14:45, 2025-11-20', '']) {
      assert.equal(await detectLanguage(text), null, text);
    }
  });
});

describe('imports that say no language', () => {
  it('give plain text the language detected', async () => {
    const { documents } = await parse(parseText, 'talks.txt', `Переговоры в Кремле\n\n${NEWS.ru}\n`);
    assert.equal(documents[0]!.document.language, 'ru');
    const short = await parse(parseText, 'short.txt', 'Да.\n');
    assert.equal(short.documents[0]!.document.language ?? null, null);
  });

  it('give Word and PDF files without a language property the language detected', async () => {
    const docx = await parse(parseDocx, 'statement.docx', makeDocx([NEWS.uk]));
    assert.equal(docx.documents[0]!.document.language, 'uk');
    const pdf = await parse(parsePdf, 'statement.pdf', makePdf([[[72, 700, NEWS.en]]]));
    assert.equal(pdf.documents[0]!.document.language, 'en');
  });

  it('give table rows the language detected unless their language column says it', async () => {
    const csv = `text,language\n"${NEWS.ru}",\n"${NEWS.ru}",ru-RU\n"${NEWS.zh}",\n`;
    const { documents } = await parse(tableParser('csv'), 'rows.csv', csv);
    assert.deepEqual(
      documents.map(({ document }) => document.language),
      ['ru', 'ru-RU', 'zh'],
    );
    const { documents: noColumn } = await parse(tableParser('csv'), 'rows.csv', `text\n"${NEWS.ar}"\n`);
    assert.equal(noColumn[0]!.document.language, 'ar');
  });
});
