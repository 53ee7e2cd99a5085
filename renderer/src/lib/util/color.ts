/**
 * Label colours are chosen by analysts as any `#rrggbb`; Parley shows each one in a variant tuned for the
 * current mode: dark enough to read as an underline on the light page, light enough on the dark one, with the
 * hue kept. Computed in OKLCH so "lighter" looks lighter to people, not just to arithmetic.
 */

type Rgb = [number, number, number];
type Oklch = { l: number; c: number; h: number };

const HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

export function parseHex(hex: string): Rgb | null {
  const match = HEX.exec(hex.trim());
  if (!match) return null;
  let digits = match[1]!;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0'))
    .join('')}`;
}

const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const fromLinear = (v: number) => (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);

export function rgbToOklch(rgb: Rgb): Oklch {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const A = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const B = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return { l: L, c: Math.hypot(A, B), h: (Math.atan2(B, A) * 180) / Math.PI };
}

function oklchToLinear({ l: L, c, h }: Oklch): Rgb {
  const A = c * Math.cos((h * Math.PI) / 180);
  const B = c * Math.sin((h * Math.PI) / 180);
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

export function oklchToRgb(color: Oklch): Rgb {
  // Reduce chroma until the colour fits in sRGB, keeping lightness and hue.
  let c = color.c;
  for (let i = 0; i < 24; i++) {
    const linear = oklchToLinear({ ...color, c });
    if (linear.every((v) => v >= -1e-4 && v <= 1 + 1e-4)) return linear.map(fromLinear) as Rgb;
    c *= 0.9;
  }
  return oklchToLinear({ ...color, c: 0 }).map(fromLinear) as Rgb;
}

/** Relative luminance (WCAG). */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

export interface LabelPalette {
  light: string;
  dark: string;
}

const FALLBACK = '#7a7f8c';

/** The label's colour for light mode and for dark mode. */
export function labelPalette(hex: string): LabelPalette {
  const rgb = parseHex(hex) ?? parseHex(FALLBACK)!;
  const base = rgbToOklch(rgb);
  const light = { ...base, l: Math.min(Math.max(base.l, 0.42), 0.6), c: Math.min(base.c, 0.2) };
  const dark = { ...base, l: Math.min(Math.max(base.l + 0.1, 0.72), 0.84), c: Math.min(base.c, 0.16) };
  return { light: toHex(oklchToRgb(light)), dark: toHex(oklchToRgb(dark)) };
}

/** CSS custom properties for every label: `--label-<id>: light-dark(light, dark)`. */
export function labelColorRules(labels: ReadonlyArray<{ id: number; color: string }>): string {
  return labels
    .map((label) => {
      const palette = labelPalette(label.color);
      return `--label-${label.id}: light-dark(${palette.light}, ${palette.dark});`;
    })
    .join(' ');
}
