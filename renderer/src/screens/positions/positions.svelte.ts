import {
  POSITION_STANCES,
  type ActorItem,
  type ActorKind,
  type AsyncParleyApi,
  type DocumentStatus,
  type PositionsFilter,
  type PositionsMatrix,
  type Stance,
  type StanceCounts,
  type StanceDay,
} from '../../../../electron/shared/types.ts';
import { stanceCounts } from '../../../../electron/shared/positions.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import { indexByKey } from '../../lib/util/collections.ts';

/** How rows (holders) and columns (targets) are ordered: most positions first, or by name. */
export type MatrixOrder = 'total' | 'name';

export type MatrixActor = PositionsMatrix['actors'][number];
export type MatrixTarget = PositionsMatrix['targets'][number];

/** What a cell says: no position, one stance (with its count), or mixed stances (each with its count). */
export type CellReading = { kind: 'empty' } | { kind: 'single'; stance: Stance; count: number } | { kind: 'mixed'; total: number; stances: [Stance, number][] };

/** A cell's counts read as the matrix shows them. */
export function readCell(counts: StanceCounts | undefined): CellReading {
  if (!counts) return { kind: 'empty' };
  const stances = POSITION_STANCES.filter((stance) => counts[stance] > 0).map((stance): [Stance, number] => [stance, counts[stance]]);
  if (stances.length === 0) return { kind: 'empty' };
  if (stances.length === 1) return { kind: 'single', stance: stances[0]![0], count: stances[0]![1] };
  return { kind: 'mixed', total: stances.reduce((sum, [, n]) => sum + n, 0), stances };
}

/** The words a screen reader (and a tooltip) gives a cell: "opposes 3, supports 1 (mixed)". */
export function describeCell(reading: CellReading): string {
  switch (reading.kind) {
    case 'empty':
      return 'no positions';
    case 'single':
      return `${reading.stance} ${reading.count}`;
    case 'mixed':
      return `mixed: ${reading.stances.map(([stance, n]) => `${stance} ${n}`).join(', ')}`;
  }
}

/** One collator for every comparison: `localeCompare` builds one per call, which thousands of names make slow. */
const collator = new Intl.Collator();

function ordered<T extends { name: string; total: number }>(items: readonly T[], order: MatrixOrder): T[] {
  const byName = (a: T, b: T) => collator.compare(a.name, b.name);
  return [...items].sort(order === 'name' ? byName : (a, b) => b.total - a.total || byName(a, b));
}

/**
 * The positions matrix screen: holders × targets counted by stance, narrowed by the holder's kind, the days of
 * publication and the documents' status, ordered by rows and columns; the active cell (the keyboard's place),
 * and for it the holder's stance on the target over time and the annotations behind it.
 *
 * Every change of filter queries the store again; an answer to an older filter is dropped. The cell's details
 * are asked for when the active cell settles, so that arrowing across the matrix never queues a request per cell.
 */
export class PositionsScreen {
  actorKinds = $state.raw<ActorKind[]>([]);
  documentStatuses = $state.raw<DocumentStatus[]>([]);
  /** Document tags (ids) the positions' documents carry one of; empty takes every document. */
  tagIds = $state.raw<number[]>([]);
  publishedFrom = $state('');
  publishedTo = $state('');
  rowOrder = $state<MatrixOrder>('total');
  columnOrder = $state<MatrixOrder>('total');
  matrix = $state.raw<PositionsMatrix | null>(null);
  /** The keyboard's place: a row and column of the ordered matrix. */
  activeRow = $state(0);
  activeColumn = $state(0);
  /** The cell whose details are shown, and the details once they arrive (null while on their way). */
  detailsOf = $state.raw<{ actor: MatrixActor; target: MatrixTarget } | null>(null);
  overTime = $state.raw<StanceDay[] | null>(null);
  items = $state.raw<ActorItem[] | null>(null);
  /** Counts the matrices shown: the view marks it on the grid, for tests and the bench to wait on. */
  answers = $state(0);
  /** Bumped to ask the view to put the focus in the list of the active cell's annotations. */
  itemsFocus = $state(0);

  readonly rows = $derived(ordered(this.matrix?.actors ?? [], this.rowOrder));
  readonly columns = $derived(ordered(this.matrix?.targets ?? [], this.columnOrder));
  readonly cells = $derived(indexByKey(this.matrix?.cells ?? [], (cell) => `${cell[0]}:${cell[1]}`));
  readonly filtered = $derived(
    this.actorKinds.length > 0 || this.documentStatuses.length > 0 || this.tagIds.length > 0 || this.publishedFrom !== '' || this.publishedTo !== '',
  );

  #generation = 0;
  #detailsGeneration = 0;
  #detailsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  counts(actorId: number, targetId: number): StanceCounts | undefined {
    const cell = this.cells.get(`${actorId}:${targetId}`);
    return cell && stanceCounts(cell);
  }

  get filter(): PositionsFilter {
    const filter: PositionsFilter = {};
    if (this.actorKinds.length > 0) filter.actorKinds = this.actorKinds;
    if (this.documentStatuses.length > 0) filter.documentStatuses = this.documentStatuses;
    if (this.tagIds.length > 0) filter.tagIds = this.tagIds;
    if (this.publishedFrom) filter.publishedFrom = this.publishedFrom;
    if (this.publishedTo) filter.publishedTo = this.publishedTo;
    return filter;
  }

  /** Asks for the matrix under the current filter; the active cell stays on its holder and target if they remain. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const filter = this.filter;
    const matrix = await this.toasts.attempt('Could not count the positions', () => this.api.positionsMatrix(filter), null);
    if (generation !== this.#generation || !matrix) return;
    const actorId = this.rows[this.activeRow]?.id;
    const targetId = this.columns[this.activeColumn]?.id;
    this.matrix = matrix;
    this.answers++;
    this.activeRow = Math.max(0, this.rows.findIndex((actor) => actor.id === actorId));
    this.activeColumn = Math.max(0, this.columns.findIndex((target) => target.id === targetId));
    if (this.detailsOf) this.#loadDetails(0);
  }

  toggleKind(kind: ActorKind): void {
    this.actorKinds = this.actorKinds.includes(kind) ? this.actorKinds.filter((other) => other !== kind) : [...this.actorKinds, kind];
    void this.refresh();
  }

  toggleStatus(status: DocumentStatus): void {
    this.documentStatuses = this.documentStatuses.includes(status) ? this.documentStatuses.filter((other) => other !== status) : [...this.documentStatuses, status];
    void this.refresh();
  }

  toggleTag(id: number): void {
    this.tagIds = this.tagIds.includes(id) ? this.tagIds.filter((other) => other !== id) : [...this.tagIds, id];
    void this.refresh();
  }

  setDays(from: string, to: string): void {
    if (from === this.publishedFrom && to === this.publishedTo) return;
    this.publishedFrom = from;
    this.publishedTo = to;
    void this.refresh();
  }

  clearFilters(): void {
    this.actorKinds = [];
    this.documentStatuses = [];
    this.tagIds = [];
    this.publishedFrom = '';
    this.publishedTo = '';
    void this.refresh();
  }

  /** Orders rows or columns; the active cell keeps its holder and target. */
  orderBy(axis: 'rows' | 'columns', order: MatrixOrder): void {
    const actorId = this.rows[this.activeRow]?.id;
    const targetId = this.columns[this.activeColumn]?.id;
    if (axis === 'rows') this.rowOrder = order;
    else this.columnOrder = order;
    this.activeRow = Math.max(0, this.rows.findIndex((actor) => actor.id === actorId));
    this.activeColumn = Math.max(0, this.columns.findIndex((target) => target.id === targetId));
  }

  /** Makes a cell the active one and shows its details (after a short pause when it came from a key). */
  activate(row: number, column: number, settle = 120): void {
    if (this.rows.length === 0 || this.columns.length === 0) return;
    this.activeRow = Math.max(0, Math.min(this.rows.length - 1, row));
    this.activeColumn = Math.max(0, Math.min(this.columns.length - 1, column));
    this.#loadDetails(settle);
  }

  /** Moves the active cell by rows and columns; a key command, so the key is taken even at an edge. */
  move(rows: number, columns: number): boolean {
    if (this.rows.length === 0 || this.columns.length === 0) return false;
    this.activate(this.activeRow + rows, this.activeColumn + columns);
    return true;
  }

  /** Enter on a cell: its annotations, with the focus on the first; false for a cell without any. */
  openActive(): boolean {
    const actor = this.rows[this.activeRow];
    const target = this.columns[this.activeColumn];
    if (!actor || !target || !this.counts(actor.id, target.id)) return false;
    this.#loadDetails(0);
    this.itemsFocus++;
    return true;
  }

  #loadDetails(settle: number): void {
    clearTimeout(this.#detailsTimer);
    const actor = this.rows[this.activeRow];
    const target = this.columns[this.activeColumn];
    if (!actor || !target) return;
    const same = this.detailsOf?.actor.id === actor.id && this.detailsOf.target.id === target.id;
    if (!same) {
      this.detailsOf = { actor, target };
      this.overTime = null;
      this.items = null;
    }
    const generation = ++this.#detailsGeneration;
    const load = async () => {
      const params = { actorId: actor.id, targetId: target.id, filter: this.filter };
      const [overTime, items] = await Promise.all([
        this.toasts.attempt('Could not read the stance over time', () => this.api.stanceOverTime(params), []),
        this.toasts.attempt('Could not list the positions', () => this.api.positionItems(params), []),
      ]);
      if (generation !== this.#detailsGeneration) return;
      this.overTime = overTime;
      this.items = items;
    };
    if (settle === 0) void load();
    else this.#detailsTimer = setTimeout(() => void load(), settle);
  }
}
