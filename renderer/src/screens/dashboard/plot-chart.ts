/**
 * A dashboard chart drawn by Observable Plot: horizontal bars for a list (labels, actors, statuses), columns on a
 * time axis for the days. Plot draws plain SVG with currentColor and app.css's variables, which follow a change of
 * theme by themselves; a label's bars take the label palette's variant for the theme (as the article's
 * underlines do), so the chart is drawn again when the theme changes. Over the
 * visible bars lie transparent hit areas, one per bar (a whole row, or a whole day's column), which is what the
 * pointer and the keyboard act on: a bar of zero or of a pixel is as easy to reach as any other.
 */
import * as Plot from '@observablehq/plot';
import { labelPalette } from '../../lib/util/color.ts';
import type { Bar, Chart } from './charts.ts';

/**
 * The theme's colours as app.css's variables, which the SVG's paint resolves by itself in either theme. They are
 * never read back with getComputedStyle: in a window with thousands of documents listed, each read recomputes
 * the style of the whole page.
 */
const COLOURS = { text: 'var(--text)', muted: 'var(--text-muted)', accent: 'var(--accent)', border: 'var(--border-strong)' };

export interface DrawOptions {
  width: number;
  /** The theme shown: label colours are the palette's variant for it. */
  theme: 'light' | 'dark';
  /** Label colours by label id, as analysts chose them (the palette makes them readable in each theme). */
  labelColours: ReadonlyMap<number, string>;
  /** The index of the bar the Tab key reaches. */
  active: number;
}

const ROW = 26;
const AXIS = 26;
/** Narrowest a day's hit area gets, in pixels, however many days share the axis. */
const MIN_HIT = 6;
const MAX_NAME = 28;

function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length > MAX_NAME ? `${chars.slice(0, MAX_NAME - 1).join('')}…` : name;
}

/**
 * A count axis: from 0 to the largest value rounded up to a whole step of 1, 2, 2.5 or 5 times a power of ten,
 * with a tick at each step (never one at 0.5 annotations), about five of them.
 */
function countAxis(bars: readonly Bar[]): { max: number; ticks: number[] } {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const magnitude = 10 ** Math.floor(Math.log10(largest / 5));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= largest / 5)!);
  const whole = Number.isInteger(step) ? step : Math.ceil(step);
  const max = Math.ceil(largest / whole) * whole;
  return { max, ticks: Array.from({ length: max / whole + 1 }, (_, index) => index * whole) };
}

function dateOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Turns Plot's rects for the hit areas into the chart's bars for the keyboard and assistive technology. */
function hitAreas(chart: Chart, options: DrawOptions, minWidth: number): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const group = next!(index, scales, values, dimensions, context)!;
    const interactive = chart.bars.some((bar) => bar.filter !== null);
    Array.from(group.children).forEach((element, position) => {
      const bar = chart.bars[index[position]!]!;
      const rect = element as SVGRectElement;
      rect.classList.add('hit');
      rect.dataset['index'] = String(index[position]);
      if (minWidth > 0) {
        const width = Number(rect.getAttribute('width'));
        if (width < minWidth) {
          rect.setAttribute('x', String(Number(rect.getAttribute('x')) - (minWidth - width) / 2));
          rect.setAttribute('width', String(minWidth));
        }
      }
      if (interactive) {
        rect.setAttribute('role', 'button');
        rect.setAttribute('aria-label', bar.description);
        rect.setAttribute('tabindex', index[position] === options.active ? '0' : '-1');
      } else {
        rect.setAttribute('aria-hidden', 'true');
      }
    });
    return group;
  };
}

function barFill(bar: Bar, options: DrawOptions): string {
  const colour = bar.labelId === undefined ? undefined : options.labelColours.get(bar.labelId);
  return colour ? labelPalette(colour)[options.theme] : COLOURS.accent;
}

function listPlot(chart: Chart, options: DrawOptions): SVGSVGElement | HTMLElement {
  const { max, ticks } = countAxis(chart.bars);
  const names = new Map(chart.bars.map((bar) => [bar.key, shortName(bar.name)]));
  const longest = Math.max(...[...names.values()].map((name) => Array.from(name).length));
  const marginLeft = Math.min(Math.round(options.width * 0.42), 16 + longest * 7);
  const secondary = chart.bars.some((bar) => bar.secondary !== undefined);
  const valueText = (bar: Bar) => (bar.secondary === undefined ? bar.value.toLocaleString() : `${bar.value.toLocaleString()} · ${bar.secondary.toLocaleString()} annotated`);
  const longestValue = Math.max(...chart.bars.map((bar) => valueText(bar).length));
  return Plot.plot({
    width: options.width,
    height: chart.bars.length * ROW + AXIS + 4,
    marginLeft,
    marginRight: 12 + longestValue * 7,
    marginTop: 4,
    marginBottom: AXIS,
    style: { background: 'transparent', color: COLOURS.muted, fontFamily: 'inherit', fontSize: '12px', overflow: 'visible' },
    x: { domain: [0, max], ticks, tickFormat: (value: number) => value.toLocaleString(), grid: true, label: null },
    y: { domain: chart.bars.map((bar) => bar.key), tickFormat: (key: string) => names.get(key), tickSize: 0, tickPadding: 8, label: null, padding: 0.28 },
    color: { type: 'identity' },
    marks: [
      ...(secondary
        ? [
            Plot.barX(chart.bars, { x: 'value', y: 'key', fill: COLOURS.accent, fillOpacity: 0.3, rx: 2, ariaHidden: 'true' }),
            Plot.barX(chart.bars, { x: (bar: Bar) => bar.secondary ?? 0, y: 'key', fill: COLOURS.accent, rx: 2, ariaHidden: 'true' }),
          ]
        : [Plot.barX(chart.bars, { x: 'value', y: 'key', fill: (bar: Bar) => barFill(bar, options), rx: 2, ariaHidden: 'true' })]),
      Plot.ruleX([0], { stroke: COLOURS.border }),
      Plot.text(chart.bars, { x: 'value', y: 'key', text: valueText, textAnchor: 'start', dx: 6, fill: COLOURS.text, ariaHidden: 'true' }),
      Plot.barX(chart.bars, { x1: () => 0, x2: () => max, y: 'key', fill: 'transparent', ariaLabel: 'bars', render: hitAreas(chart, options, 0) }),
    ],
  });
}

function timePlot(chart: Chart, options: DrawOptions): SVGSVGElement | HTMLElement {
  const { max, ticks } = countAxis(chart.bars);
  const days = chart.bars.map((bar) => dateOf(bar.day!).getTime());
  // A few days would each fill a wide column: the axis shows at least four weeks around them.
  const first = Math.min(...days);
  const last = Math.max(...days) + 86_400_000;
  const pad = Math.max(0, 28 * 86_400_000 - (last - first)) / 2;
  const day = (bar: Bar) => dateOf(bar.day!);
  return Plot.plot({
    width: options.width,
    height: 220,
    marginLeft: 16 + String(max.toLocaleString()).length * 7,
    marginRight: 16,
    marginTop: 12,
    marginBottom: AXIS + 4,
    style: { background: 'transparent', color: COLOURS.muted, fontFamily: 'inherit', fontSize: '12px', overflow: 'visible' },
    x: { type: 'utc', domain: [new Date(first - pad), new Date(last + pad)], label: null, ticks: Math.max(2, Math.floor(options.width / 110)) },
    y: { domain: [0, max], ticks, tickFormat: (value: number) => value.toLocaleString(), grid: true, label: null },
    marks: [
      Plot.rectY(chart.bars, { x: day, interval: 'day', y: 'value', fill: COLOURS.accent, insetLeft: 0.5, insetRight: 0.5, ariaHidden: 'true' }),
      Plot.ruleY([0], { stroke: COLOURS.border }),
      Plot.rectY(chart.bars, { x: day, interval: 'day', y1: () => 0, y2: () => max, fill: 'transparent', ariaLabel: 'bars', render: hitAreas(chart, options, MIN_HIT) }),
    ],
  });
}

/** The chart as an SVG element, its bars marked `.hit[data-index]`. */
export function drawChart(chart: Chart, options: DrawOptions): SVGSVGElement | HTMLElement {
  return chart.axis === 'time' ? timePlot(chart, options) : listPlot(chart, options);
}
