/** The charts' drawing code (Observable Plot and plot-chart.ts), loaded once, when the first chart is drawn. */
let loading: Promise<typeof import('./plot-chart.ts')> | null = null;

export function loadPlotting(): Promise<typeof import('./plot-chart.ts')> {
  loading ??= import('./plot-chart.ts');
  return loading;
}
