#!/usr/bin/env python3
"""Draws Parley's icon, build/icons/icon.png (512x512) and build/icons/icon.svg, from one description.

A white speech bubble holding a pair of closing quotation marks, on a rounded square in Parley blue.
Standard library only. Every shape is a rounded rectangle, a circle or a polygon, so the SVG says exactly
what the PNG shows; the PNG is anti-aliased by supersampling each pixel on a 4x4 grid.

Run: python3 build/icons/make-icon.py
"""
import math
import struct
import zlib
from pathlib import Path

SIZE = 512
SAMPLES = 4  # per axis, per pixel
BLUE_TOP, BLUE_BOTTOM = (0x3B, 0x8C, 0xE3), (0x27, 0x6C, 0xC2)  # around Parley blue #2f7ed8
BLUE = (0x2F, 0x7E, 0xD8)
WHITE = (0xFF, 0xFF, 0xFF)


def quadratic(p0, p1, p2, steps=16):
    """Points along a quadratic Bezier curve, excluding the start point."""
    return [
        ((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
         (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1])
        for t in (i / steps for i in range(1, steps + 1))
    ]


def quote_mark(cx, cy, r):
    """A closing quotation mark: a ball and a tail curling down to the left from its right side."""
    right = (cx + r, cy)
    tip = (cx - 0.9 * r, cy + 2.3 * r)
    inner = (cx - 0.35 * r, cy + 0.93 * r)
    tail = [right] + quadratic(right, (cx + r * 1.05, cy + 1.7 * r), tip) + quadratic(tip, (cx + 0.35 * r, cy + 1.55 * r), inner)
    return [('circle', (cx, cy, r), BLUE), ('polygon', tail, BLUE)]


SHAPES = [
    ('roundrect', (24, 24, 464, 464, 104), 'gradient'),
    ('roundrect', (96, 118, 320, 236, 64), WHITE),
    # The bubble's tail, pointing down and to the left.
    ('polygon', [(150, 330), (236, 330), (124, 420)], WHITE),
    *quote_mark(208, 204, 40),
    *quote_mark(320, 204, 40),
]


def inside(shape, x, y):
    kind, geometry, _ = shape
    if kind == 'roundrect':
        left, top, width, height, radius = geometry
        dx = max(left + radius - x, 0, x - (left + width - radius))
        dy = max(top + radius - y, 0, y - (top + height - radius))
        return left <= x <= left + width and top <= y <= top + height and dx * dx + dy * dy <= radius * radius
    if kind == 'circle':
        cx, cy, radius = geometry
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius
    # Polygon: even-odd ray casting.
    result = False
    points = geometry
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def bounds(shape):
    kind, geometry, _ = shape
    if kind == 'roundrect':
        left, top, width, height, _ = geometry
        return left, top, left + width, top + height
    if kind == 'circle':
        cx, cy, radius = geometry
        return cx - radius, cy - radius, cx + radius, cy + radius
    xs, ys = [p[0] for p in geometry], [p[1] for p in geometry]
    return min(xs), min(ys), max(xs), max(ys)


def colour_at(fill, y):
    if fill != 'gradient':
        return fill
    t = y / SIZE
    return tuple(round(a + (b - a) * t) for a, b in zip(BLUE_TOP, BLUE_BOTTOM))


def render():
    """RGBA rows, each shape composited over the previous ones with its per-pixel coverage."""
    rgba = [[0.0, 0.0, 0.0, 0.0] for _ in range(SIZE * SIZE)]
    offsets = [(i + 0.5) / SAMPLES for i in range(SAMPLES)]
    for shape in SHAPES:
        x0, y0, x1, y1 = bounds(shape)
        for py in range(max(0, int(y0) - 1), min(SIZE, math.ceil(y1) + 1)):
            colour = colour_at(shape[2], py + 0.5)
            for px in range(max(0, int(x0) - 1), min(SIZE, math.ceil(x1) + 1)):
                hits = sum(inside(shape, px + ox, py + oy) for oy in offsets for ox in offsets)
                if hits == 0:
                    continue
                alpha = hits / (SAMPLES * SAMPLES)
                pixel = rgba[py * SIZE + px]
                out_alpha = alpha + pixel[3] * (1 - alpha)
                for channel in range(3):
                    pixel[channel] = (colour[channel] * alpha + pixel[channel] * pixel[3] * (1 - alpha)) / out_alpha
                pixel[3] = out_alpha
    return rgba


def write_png(path, rgba):
    raw = bytearray()
    for y in range(SIZE):
        raw.append(0)  # filter: none
        for r, g, b, a in rgba[y * SIZE:(y + 1) * SIZE]:
            raw += bytes((round(r), round(g), round(b), round(a * 255)))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    header = struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b''))


def hex_colour(colour):
    return '#%02x%02x%02x' % colour


def write_svg(path):
    elements = []
    for kind, geometry, fill in SHAPES:
        paint = 'url(#background)' if fill == 'gradient' else hex_colour(fill)
        if kind == 'roundrect':
            left, top, width, height, radius = geometry
            elements.append(f'<rect x="{left}" y="{top}" width="{width}" height="{height}" rx="{radius}" fill="{paint}"/>')
        elif kind == 'circle':
            cx, cy, radius = geometry
            elements.append(f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{paint}"/>')
        else:
            points = ' '.join(f'{x:.1f},{y:.1f}' for x, y in geometry)
            elements.append(f'<polygon points="{points}" fill="{paint}"/>')
    body = '\n  '.join(elements)
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">\n'
        '  <defs>\n'
        f'    <linearGradient id="background" x1="0" y1="0" x2="0" y2="{SIZE}" gradientUnits="userSpaceOnUse">\n'
        f'      <stop offset="0" stop-color="{hex_colour(BLUE_TOP)}"/>\n'
        f'      <stop offset="1" stop-color="{hex_colour(BLUE_BOTTOM)}"/>\n'
        '    </linearGradient>\n'
        '  </defs>\n'
        f'  {body}\n'
        '</svg>\n'
    )


if __name__ == '__main__':
    here = Path(__file__).resolve().parent
    write_png(here / 'icon.png', render())
    write_svg(here / 'icon.svg')
    print(f'Wrote {here / "icon.png"} and {here / "icon.svg"}')
