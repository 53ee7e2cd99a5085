import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActorItem, Label } from '../../../../electron/shared/types.ts';
import { itemRecords, toCsv, toTsv } from './item-records.ts';

const LABELS: Label[] = [
  { id: 1, name: 'Quote', color: '#3366cc', hotkey: 'q', description: '', position: 0, attributes: [{ name: 'speaker', type: 'actor' }, { name: 'kind', type: 'choice', options: ['direct', 'indirect'] }] },
  { id: 2, name: 'Claim', color: '#cc6633', hotkey: 'c', description: '', position: 1, attributes: [{ name: 'claimant', type: 'actor' }, { name: 'verdict', type: 'choice', options: ['true', 'false'] }, { name: 'checked', type: 'boolean' }] },
];

const ITEMS: ActorItem[] = [
  {
    id: 7, documentId: 3, documentTitle: 'Talks, "round two"', publishedAt: '2025-01-05', labelId: 1, role: 'speaker', start: 13, end: 19, attributes: { speaker: 4, kind: 'direct' },
    context: { before: 'He said\t', span: 'Ушаков 👍🏽', after: ' «نعم»,\nthen left.' },
  },
  {
    id: 9, documentId: 5, documentTitle: 'Late', publishedAt: null, labelId: 2, role: 'claimant', start: 8, end: 23, attributes: { claimant: 4, verdict: 'false', checked: true },
    context: { before: 'Ushakov ', span: 'claimed victory', after: '.' },
  },
];

const NO_TARGETS = () => undefined;

describe('an actor page as records', () => {
  it('has a column per other attribute of the labels the items carry, and ids and code point offsets last', () => {
    const [header, first, second] = itemRecords(ITEMS, LABELS, NO_TARGETS);
    assert.deepEqual(header, ['published', 'article', 'label', 'role', 'text', 'context', 'kind', 'verdict', 'checked', 'document_id', 'annotation_id', 'start', 'end']);
    assert.deepEqual(first, ['2025-01-05', 'Talks, "round two"', 'Quote', 'speaker', 'Ушаков 👍🏽', 'He said\tУшаков 👍🏽 «نعم»,\nthen left.', 'direct', '', '', '3', '7', '13', '19']);
    assert.deepEqual(second, ['', 'Late', 'Claim', 'claimant', 'claimed victory', 'Ushakov claimed victory.', '', 'false', 'true', '5', '9', '8', '23']);
  });

  it('quotes CSV fields as RFC 4180 says, after a byte-order mark, with CRLF line ends', () => {
    const csv = toCsv(itemRecords(ITEMS.slice(0, 1), LABELS, NO_TARGETS));
    assert.equal(
      csv,
      '\ufeffpublished,article,label,role,text,context,kind,document_id,annotation_id,start,end\r\n' +
        '2025-01-05,"Talks, ""round two""",Quote,speaker,Ушаков 👍🏽,"He said\tУшаков 👍🏽 «نعم»,\nthen left.",direct,3,7,13,19\r\n',
    );
  });

  it('writes TSV one line per item, tabs and line breaks inside a field turned into spaces', () => {
    const lines = toTsv(itemRecords(ITEMS, LABELS, NO_TARGETS)).split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.deepEqual(lines[1]!.split('\t').slice(4, 6), ['Ушаков 👍🏽', 'He said Ушаков 👍🏽 «نعم», then left.']);
    assert.ok(lines.slice(0, 3).every((line) => line.split('\t').length === 13));
  });

  it('names a Position’s target by its registry entry, not by the id the attribute holds', () => {
    const position: Label = { id: 3, name: 'Position', color: '#339966', hotkey: 'p', description: '', position: 2, attributes: [{ name: 'holder', type: 'actor' }, { name: 'target', type: 'target' }, { name: 'stance', type: 'choice', options: ['supports', 'opposes'] }] };
    const item: ActorItem = { ...ITEMS[0]!, id: 11, labelId: 3, role: 'holder', attributes: { holder: 4, target: 12, stance: 'opposes' } };
    const names = new Map([[12, 'the US peace plan']]);
    const [header, row] = itemRecords([item], [...LABELS, position], (id) => names.get(id));
    assert.deepEqual(header!.slice(6, 8), ['target', 'stance']);
    assert.deepEqual(row!.slice(6, 8), ['the US peace plan', 'opposes']);
    const [, deleted] = itemRecords([{ ...item, attributes: { holder: 4, target: 99, stance: 'opposes' } }], [...LABELS, position], (id) => names.get(id));
    assert.equal(deleted![6], 'target 99', 'a target deleted since is named by its id');
  });
});
