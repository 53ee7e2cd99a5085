import type { BrowserWindow, Rectangle } from 'electron';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export const MINIMUM_WINDOW_SIZE = { width: 720, height: 480 };
const DEFAULT_WINDOW_SIZE = { width: 1280, height: 840 };
const SAVE_DELAY_MS = 500;

/** Where and how big to open the window; no position means "let the OS centre it". */
export interface InitialWindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

interface SavedWindowState extends Rectangle {
  maximized: boolean;
}

function isSavedWindowState(value: unknown): value is SavedWindowState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((key) => Number.isSafeInteger(state[key])) &&
    (state.width as number) >= MINIMUM_WINDOW_SIZE.width &&
    (state.height as number) >= MINIMUM_WINDOW_SIZE.height &&
    typeof state.maximized === 'boolean'
  );
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Whether someone could still grab the window: a good part of its top edge, where the title bar is, lies on one
 * of the displays' work areas. Saved bounds fail this after a monitor is unplugged or the layout changes.
 */
export function isReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  return workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= 100 && shared.height >= 16;
  });
}

/** The saved window state if it is valid and still on screen; otherwise a default size, centred. */
export function loadWindowState(file: string, workAreas: readonly Rectangle[]): InitialWindowState {
  const saved = readJsonFile(file);
  if (isSavedWindowState(saved) && isReachable(saved, workAreas)) {
    const { x, y, width, height, maximized } = saved;
    return { bounds: { x, y, width, height }, maximized };
  }
  return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false };
}

/**
 * Saves the window's normal (unmaximised, non-fullscreen) bounds and whether it is maximised: shortly after each
 * move or resize, so a crash loses little, and once more when it closes.
 */
export function trackWindowState(window: BrowserWindow, file: string): void {
  let pending: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(pending);
    if (window.isDestroyed()) return;
    const state: SavedWindowState = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeJsonFile(file, state);
    } catch (error) {
      // Losing the window position is not worth interrupting anyone for.
      console.warn(`Could not save the window state to ${file}:`, error);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(pending);
    pending = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}
