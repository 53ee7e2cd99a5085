import { createHash } from 'node:crypto';
import type { TextNormalisation } from '../shared/types.ts';

/**
 * The only changes Parley ever makes to a text: drop a leading byte-order mark and turn CRLF and lone CR into
 * LF. Everything else is kept verbatim, so offsets stay valid against the stored text; what was changed is
 * returned so it can be recorded with the document.
 */
export function normaliseText(raw: string): { text: string; normalisation: TextNormalisation } {
  const bomRemoved = raw.charCodeAt(0) === 0xfeff;
  const withoutBom = bomRemoved ? raw.slice(1) : raw;
  let crlfToLf = 0;
  let crToLf = 0;
  const text = withoutBom.replace(/\r\n?/g, (match) => {
    if (match.length === 2) crlfToLf++;
    else crToLf++;
    return '\n';
  });
  return { text, normalisation: { bomRemoved, crlfToLf, crToLf } };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
