import type { LabelInput, RelationType } from '../shared/types.ts';

/** The label schema a new workspace starts with. It is data: analysts add, change and remove labels. */
export const DEFAULT_LABELS: LabelInput[] = [
  {
    name: 'Quote',
    color: '#2f7ed8',
    hotkey: 'q',
    description: 'Who said what: reported speech, direct or indirect.',
    attributes: [
      { name: 'kind', type: 'choice', options: ['direct', 'indirect', 'mixed'] },
      { name: 'speaker', type: 'actor' },
    ],
  },
  {
    name: 'Claim',
    color: '#d9822b',
    hotkey: 'c',
    description: 'What is asserted as fact, and by whom.',
    attributes: [
      { name: 'claimant', type: 'actor' },
      { name: 'check-worthy', type: 'choice', options: ['yes', 'no', 'unsure'] },
      { name: 'verdict', type: 'choice', options: ['unverified', 'true', 'misleading', 'false', 'unprovable'] },
      { name: 'topic', type: 'text' },
    ],
  },
  {
    name: 'Position',
    color: '#8e44ad',
    hotkey: 'p',
    description: 'Who stands where on what.',
    attributes: [
      { name: 'holder', type: 'actor' },
      { name: 'target', type: 'target' },
      { name: 'stance', type: 'choice', options: ['supports', 'opposes', 'neutral', 'ambiguous'] },
    ],
  },
  {
    name: 'Actor',
    color: '#1e9e6a',
    hotkey: 'a',
    description: 'A mention of a person, organisation, country or group.',
    attributes: [{ name: 'actor', type: 'actor' }],
  },
];

export const DEFAULT_RELATION_TYPES: Omit<RelationType, 'position'>[] = [
  { name: 'said_by', description: 'A quote and the mention of who said it.' },
  { name: 'claimed_by', description: 'A claim and the mention of who asserts it.' },
  { name: 'held_by', description: 'A position and the mention of who holds it.' },
  { name: 'about', description: 'A span and what it is about.' },
];

