import { isAbsolute } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const MAX_RECENT_WORKSPACES = 10;

/**
 * The workspaces opened most recently, newest first, kept in a small JSON file (`{ "recent": [paths] }`) so the
 * app reopens the last one and can offer the others under File > Open Recent. Anything in the file that is not
 * an absolute path is dropped: the file is ours, but a hand edit or a truncated write must not break startup.
 */
export class RecentWorkspaces {
  readonly #file: string;
  #paths: string[];

  constructor(file: string) {
    this.#file = file;
    const stored = readJsonFile(file);
    const recent = typeof stored === 'object' && stored !== null ? (stored as { recent?: unknown }).recent : undefined;
    this.#paths = Array.isArray(recent)
      ? [...new Set(recent.filter((path): path is string => typeof path === 'string' && isAbsolute(path)))].slice(
          0,
          MAX_RECENT_WORKSPACES,
        )
      : [];
  }

  list(): readonly string[] {
    return this.#paths;
  }

  /** Moves `path` to the front. */
  add(path: string): void {
    this.#paths = [path, ...this.#paths.filter((existing) => existing !== path)].slice(0, MAX_RECENT_WORKSPACES);
    this.#save();
  }

  remove(path: string): void {
    this.#paths = this.#paths.filter((existing) => existing !== path);
    this.#save();
  }

  clear(): void {
    this.#paths = [];
    this.#save();
  }

  #save(): void {
    try {
      writeJsonFile(this.#file, { recent: this.#paths });
    } catch (error) {
      // The list still works for this session; only the next launch would not remember it.
      console.warn(`Could not save the recent workspaces to ${this.#file}:`, error);
    }
  }
}
