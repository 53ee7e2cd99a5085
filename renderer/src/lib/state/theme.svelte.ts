/**
 * The colour theme: light, dark, or whatever the system says. The choice is the user's, not the workspace's, so
 * it is kept in this browser's (or window's) local storage. It is applied as `data-theme` (always the resolved
 * `light` or `dark`) and `color-scheme` on the document element: app.css's variables and every `light-dark()`
 * follow it.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_CHOICES: readonly { value: ThemeChoice; name: string }[] = [
  { value: 'light', name: 'Light' },
  { value: 'dark', name: 'Dark' },
  { value: 'system', name: 'System' },
];

const STORAGE_KEY = 'parley.theme';

export function parseThemeChoice(value: string | null): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export class ThemeState {
  choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  /** The theme shown: the choice, or the system's for `system`. */
  readonly resolved = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.choice);

  constructor() {
    this.choice = parseThemeChoice(readStorage());
    const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    if (query) {
      this.#systemDark = query.matches;
      query.addEventListener('change', (event) => {
        this.#systemDark = event.matches;
        this.#apply();
      });
    }
    this.#apply();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      /* storage unavailable: the choice lasts until the window closes */
    }
    this.#apply();
  }

  #apply(): void {
    if (typeof document === 'undefined') return;
    // app.css sets `color-scheme` (and so every `light-dark()`) and the variables from it.
    document.documentElement.dataset['theme'] = this.resolved;
  }
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
