import type { ImportFix } from '../../shared/types.ts';
import { MAX_PROBLEMS_PER_FILE } from './limits.ts';

/** A problem inside one file: the line it is on (1-based) when it has one, what is wrong, for people, and the fix. */
export interface FileProblem {
  /** The file the problem is in, when it is not the one being imported (a brat .ann's .txt). */
  file?: string;
  line?: number;
  message: string;
  fix?: ImportFix;
}

/** The command line's option for each fix. */
const FIX_OPTIONS: Record<ImportFix['option'], string> = { textField: '--text-field', format: '--format' };

/** A problem's message with its fix in the command line's terms: `has no “text” column (--text-field: “a”, “b”)`. */
export function withFixInCliTerms(problem: { message: string; fix?: ImportFix }): string {
  const { message, fix } = problem;
  if (fix === undefined) return message;
  const choices = fix.choices === undefined ? '' : `: ${fix.choices.length > 0 ? fix.choices.map((name) => `“${name}”`).join(', ') : 'none to choose from'}`;
  return `${message} (${FIX_OPTIONS[fix.option]}${choices})`;
}

/**
 * Why a file cannot be imported. Parsers throw it with every problem they found, so the summary shows them all
 * at once instead of one per attempt; the importer adds the file's name.
 */
export class ImportFileError extends Error {
  readonly problems: FileProblem[];

  constructor(problems: FileProblem[] | FileProblem | string, line?: number) {
    const one = typeof problems === 'string' ? { message: problems } : problems;
    const list = Array.isArray(one) ? one : [line === undefined ? one : { ...one, line }];
    super(list.map((problem) => (problem.line === undefined ? '' : `line ${problem.line}: `) + withFixInCliTerms(problem)).join('; '));
    this.name = 'ImportFileError';
    this.problems = list;
  }
}

/** Collects a file's problems while parsing goes on, then fails the file if there were any. */
export class ProblemList {
  private readonly problems: FileProblem[] = [];
  /** For each message, how many more lines had it after the first (a table whose every row lacks the text). */
  private readonly repeats = new Map<string, number>();
  private dropped = 0;

  add(line: number | undefined, message: string, fix?: ImportFix): void {
    if (this.repeats.has(message)) this.repeats.set(message, this.repeats.get(message)! + 1);
    else if (this.problems.length < MAX_PROBLEMS_PER_FILE) {
      this.problems.push({ ...(line === undefined ? {} : { line }), message, ...(fix === undefined ? {} : { fix }) });
      this.repeats.set(message, 0);
    } else this.dropped++;
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /** Throws an ImportFileError with everything collected, if anything was. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    const problems = this.problems.map((problem) => {
      const repeats = this.repeats.get(problem.message) ?? 0;
      return repeats === 0 ? problem : { ...problem, message: `${problem.message} (and so do ${repeats} more)` };
    });
    if (this.dropped > 0) problems.push({ message: `… and ${this.dropped} more problems` });
    throw new ImportFileError(problems);
  }
}

/** Quotes a text for a message, shortened in the middle when long, with line breaks made visible. */
export function quote(text: string, max = 80): string {
  const visible = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const shown = visible.length <= max ? visible : `${visible.slice(0, max / 2)}…${visible.slice(-max / 2)}`;
  return `“${shown}”`;
}
