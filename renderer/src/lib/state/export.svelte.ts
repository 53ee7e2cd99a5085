import type {
  AnnotationOrigin,
  DocumentStatus,
  ExportedData,
  ExportFormat,
  ExportOptions,
  ExportPreview,
  ExportSummary,
  OffsetUnit,
} from '../../../../electron/shared/types.ts';
import type { AppState } from './app.svelte.ts';
import { download } from '../util/files.ts';

/** How long the preview waits for the options to settle before asking for it. */
const PREVIEW_DELAY_MS = 180;

/**
 * The Export dialog's work: the options, a preview of the first record that follows them, and the export (one
 * API call, downloaded when it answers; a cancelled one's answer is ignored). The dialog draws it.
 */
export class ExportState {
  format = $state<ExportFormat>('parley');
  offsets = $state<OffsetUnit>('codepoints');
  statuses = $state<DocumentStatus[]>([]);
  labels = $state<string[]>([]);
  origins = $state<AnnotationOrigin[]>([]);
  search = $state('');
  splitOn = $state(false);
  train = $state(80);
  dev = $state(10);
  test = $state(10);
  seed = $state(0);
  zip = $state(false);
  doccanoForm = $state<'label' | 'relations'>('label');

  preview = $state.raw<ExportPreview | null>(null);
  previewError = $state<string | null>(null);
  /** The export under way: its number, so that a cancelled one's answer is recognised and ignored. */
  running = $state<number | null>(null);
  result = $state.raw<ExportSummary | null>(null);
  exported = $state.raw<ExportedData | null>(null);
  #runs = 0;

  readonly splitTotal = $derived(this.train + this.dev + this.test);
  readonly options = $derived.by((): ExportOptions => {
    const filter: NonNullable<ExportOptions['filter']> = {};
    if (this.statuses.length) filter.statuses = [...this.statuses];
    if (this.labels.length) filter.labels = [...this.labels];
    if (this.origins.length) filter.origins = [...this.origins];
    if (this.search.trim()) filter.search = this.search.trim();
    const total = this.splitTotal;
    return {
      format: this.format,
      ...(this.format !== 'conll' ? { offsets: this.offsets } : {}),
      ...(Object.keys(filter).length ? { filter } : {}),
      ...(this.splitOn && total > 0 ? { split: [this.train / total, this.dev / total, this.test / total] as [number, number, number], seed: this.seed } : {}),
      ...(this.zip ? { zip: this.zip } : {}),
      ...(this.format === 'doccano' ? { doccanoForm: this.doccanoForm } : {}),
    };
  });

  constructor(private readonly app: AppState) {}

  toggleStatus(status: DocumentStatus): void {
    this.statuses = toggled(this.statuses, status);
  }

  toggleLabel(name: string): void {
    this.labels = toggled(this.labels, name);
  }

  toggleOrigin(origin: AnnotationOrigin): void {
    this.origins = toggled(this.origins, origin);
  }

  /** Forgets the last export's summary, and an export still on its way (it is of other options, no longer wanted). */
  forgetResult(): void {
    this.result = null;
    this.exported = null;
    this.running = null;
  }

  /** Asks for the preview of `options` once they have settled; the returned function drops the request. A failure is shown in its place. */
  schedulePreview(options: ExportOptions): () => void {
    let stale = false;
    const timer = setTimeout(async () => {
      try {
        const answer = await this.app.api.exportPreview(options);
        if (stale) return;
        this.preview = answer;
        this.previewError = null;
      } catch (error) {
        if (!stale) this.previewError = error instanceof Error ? error.message : String(error);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }

  /** Nothing is written anywhere until the download is handed over, so Cancel only forgets the call. */
  async run(): Promise<void> {
    const id = ++this.#runs;
    this.running = id;
    this.result = null;
    this.exported = null;
    try {
      const data = await this.app.api.exportData(this.options);
      if (this.running !== id) return;
      download(data.fileName, data.contentBase64);
      this.exported = data;
      this.result = data.summary;
    } catch (error) {
      if (this.running === id) this.app.toasts.error(error, 'Could not export');
    } finally {
      if (this.running === id) this.running = null;
    }
  }

  downloadAgain(): void {
    if (this.exported) download(this.exported.fileName, this.exported.contentBase64);
  }

  cancel(): void {
    this.running = null;
  }
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}
