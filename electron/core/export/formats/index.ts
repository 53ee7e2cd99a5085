import type { ExportFormat } from '../../../shared/types.ts';
import type { ExportFormatModule } from '../format.ts';
import { bratFormat } from './brat.ts';
import { conllFormat } from './conll.ts';
import { csvFormat } from './csv.ts';
import { doccanoFormat } from './doccano.ts';
import { labelStudioFormat } from './labelstudio.ts';
import { parleyFormat } from './parley.ts';
import { spacyFormat } from './spacy.ts';
import { w3cFormat } from './w3c.ts';

export const EXPORT_FORMAT_MODULES: Record<ExportFormat, ExportFormatModule> = {
  parley: parleyFormat,
  doccano: doccanoFormat,
  brat: bratFormat,
  labelstudio: labelStudioFormat,
  spacy: spacyFormat,
  conll: conllFormat,
  w3c: w3cFormat,
  csv: csvFormat,
};
