/**
 * What recovering a damaged workspace did (electron/core/sqlite/recover.ts), as the CLI prints it and the desktop
 * app shows it: shared so both say it in the same words, and so the main process needs nothing of the backend.
 */

/** What recovery did with one table of the damaged workspace. */
export interface TableRecovery {
  table: string;
  /** Rows copied into the new workspace. */
  recovered: number;
  /** Rows the damaged file held that could not be read; null when not even that can be told (no b-tree of the table is whole). */
  lost: number | null;
  /** Rows read but left out because what they belong to was lost (an annotation of a lost document). */
  orphaned: number;
}

export interface RecoveryReport {
  damaged: string;
  recovered: string;
  tables: TableRecovery[];
}

/** The report in lines for people: a heading, then one line per table. */
export function recoveryLines(report: RecoveryReport): string[] {
  return [
    `Recovered what could be read of ${report.damaged} into ${report.recovered} (the damaged file was only read):`,
    ...report.tables.map((table) => {
      const lost = table.lost === null ? 'an unknown number lost' : `${table.lost} lost`;
      const orphaned = table.orphaned > 0 ? `, ${table.orphaned} left out (what they belong to was lost)` : '';
      return `  ${table.table.padEnd(20)}${String(table.recovered).padStart(8)} recovered, ${lost}${orphaned}`;
    }),
  ];
}
