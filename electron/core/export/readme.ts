import type { ExportFilter, ExportSummary } from '../../shared/types.ts';
import { PARLEY_VERSION } from '../version.ts';

/** The second paragraph of every export README: what an importer looks for to leave the README out. */
const WRITTEN_BY = `Written by Parley ${PARLEY_VERSION}.`;

const OFFSET_UNITS = {
  codepoints: 'Unicode code points, end-exclusive: Python\'s `text[start:end]` is the annotated text.',
  utf16: 'UTF-16 code units, end-exclusive: JavaScript\'s `text.slice(start, end)` is the annotated text (Python needs `text.encode("utf-16-le")[2*start:2*end].decode("utf-16-le")`).',
} as const;

export interface ReadmeInput {
  workspace: string;
  formatTitle: string;
  summary: ExportSummary;
  filter: ExportFilter;
  split: { proportions: readonly number[]; seed: number } | null;
  usage: string;
}

/** The README written beside every export: what it holds, in which offsets, and what the format could not carry. */
export function renderReadme({ workspace, formatTitle, summary, filter, split, usage }: ReadmeInput): string {
  const lines: string[] = [
    `# ${workspace}: ${formatTitle} export`,
    '',
    WRITTEN_BY,
    '',
    `- Format: ${formatTitle} (\`${summary.format}\`)`,
    `- Offsets: ${summary.offsets ? OFFSET_UNITS[summary.offsets] : 'none; this format marks tokens, not character offsets.'}`,
    `- Documents: ${summary.documents}`,
    `- Annotations: ${summary.annotations}`,
    `- Relations: ${summary.relations}`,
    `- Filter: ${describeFilter(filter)}`,
  ];
  if (split) {
    const parts = Object.entries(summary.parts).map(([part, count]) => `${part} ${count}`).join(', ');
    lines.push(`- Split by document (proportions ${split.proportions.join(' / ')}, seed ${split.seed}): ${parts}`);
  }
  lines.push('', '## Files', '', ...summary.files.map((file) => `- \`${file}\``), '');
  lines.push('## What this format could not hold', '');
  if (summary.lost.length === 0) {
    lines.push('Nothing: everything the export took is in the files.');
  } else {
    lines.push('| What | Count | Why |', '| --- | ---: | --- |');
    for (const loss of summary.lost) lines.push(`| ${cell(loss.what)} | ${loss.count} | ${cell(loss.reason)} |`);
    for (const loss of summary.lost.filter((entry) => entry.examples?.length)) {
      const shown = loss.examples!;
      lines.push('', `### ${loss.what}`, '', ...shown.map((example) => `- ${example}`));
      if (loss.count > shown.length) lines.push(`- … and ${loss.count - shown.length} more`);
    }
  }
  lines.push('', '## Reading the files', '', usage.trim(), '');
  return lines.join('\n');
}

/** True for the README of a Parley export (of any version), which describes the export and is not a document of it. */
export function isExportReadme(text: string): boolean {
  const [title = '', blank, written = ''] = text.replace(/^\uFEFF/, '').split('\n', 3).map((line) => line.replace(/\r$/, ''));
  return title.startsWith('# ') && title.endsWith(' export') && blank === '' && written.startsWith('Written by Parley') && written.endsWith('.');
}

function describeFilter(filter: ExportFilter): string {
  const parts: string[] = [];
  if (filter.statuses?.length) parts.push(`status ${filter.statuses.join(' or ')}`);
  if (filter.search?.trim()) parts.push(`documents matching "${filter.search.trim()}"`);
  if (filter.labels?.length) parts.push(`labels ${filter.labels.join(', ')}`);
  if (filter.origins?.length) parts.push(`origin ${filter.origins.join(' or ')}`);
  return parts.length > 0 ? parts.join('; ') : 'none (the whole workspace)';
}

/** A table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
