/** Whether `typed` is already one of a registry entry's names (its name or an alias), ignoring case. */
export function isOneOfTheNames(typed: string, name: string, aliases: readonly string[]): boolean {
  const wanted = typed.trim().toLowerCase();
  return wanted !== '' && (wanted === name.trim().toLowerCase() || aliases.some((alias) => alias.toLowerCase() === wanted));
}

/** The aliases a form saves: those listed, and the one typed but not yet added unless it repeats a name. */
export function aliasesToSave(aliases: readonly string[], pending: string, name: string): string[] {
  const typed = pending.trim();
  return typed && !isOneOfTheNames(typed, name, aliases) ? [...aliases, typed] : [...aliases];
}
