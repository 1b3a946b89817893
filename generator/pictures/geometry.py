"""The world map's outlines, derived once from Natural Earth (via world-atlas) and committed as
`world-110m.json` beside this module: the build reads that file and never this script's input.

To make the file again (the output is byte-identical for the same inputs):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m generator.pictures.geometry package/countries-110m.json

The input is checked against the SHA-256 in `NOTICE.md`; ISO 3166 numeric codes become
alpha-2 through Debian's iso-codes (`/usr/share/iso-codes/json/iso_3166-1.json`, package
`iso-codes`, or `--iso-codes FILE`). Steps: decode the TopoJSON (quantized, delta-encoded
arcs), project each arc with the Equal Earth projection (Šavrič, Patterson and Jenny, 2018),
simplify each arc (Douglas-Peucker, so that neighbours keep one shared border), round to whole
units of a 1000-wide box, join the arcs into rings, drop Antarctica and the islands too small
to see or click (each country keeps its largest piece), and write each ring as compact
relative path data (`M x y l dx dy … z`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

OUTPUT = Path(__file__).parent / "world-110m.json"
SOURCE_SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
WIDTH = 1000  # the map's box is 0 0 WIDTH height; height follows from the projection
PADDING = 2  # units around the land, so that outlines are not cut at the box's edge
TOLERANCE = 0.6  # Douglas-Peucker, in units of the box
MIN_AREA = 6.0  # square units: smaller islands go (a country's largest piece stays)
# Countries world-atlas gives no numeric code, by their name there; the others are left out.
UNNUMBERED = {"Kosovo": "XK"}
LEFT_OUT = {"010"}  # Antarctica: a fifth of the box for no visit

Point = tuple[float, float]
T = TypeVar("T")


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth, in radians of the unit sphere; y grows northwards."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    theta = math.asin(m * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Each arc's positions in degrees: quantized deltas, summed, then scaled and moved."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the ends always stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * (px - x1) - dx * (py - y1)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring: list[tuple[int, int]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in _sides(ring)) / 2)


def _sides(ring: list[T]) -> list[tuple[T, T]]:
    """Each point with the next, the last with the first."""
    return list(zip(ring, ring[1:] + ring[:1], strict=True))


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """`M12 34l3-2 4 1z…`: relative moves, whole numbers, no space before a minus sign."""

    def pair(x: int, y: int) -> str:
        return f"{x}{'' if y < 0 else ' '}{y}"

    parts = []
    for ring in rings:
        steps = [pair(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in pairwise(ring)]
        joined = "".join(s if s.startswith("-") else " " + s for s in steps).lstrip()
        parts.append(f"M{pair(*ring[0])}l{joined}z")
    return "".join(parts)


def derive(topology: dict[str, Any], alpha2_of: dict[str, str]) -> dict[str, Any]:
    """{"width", "height", "countries": {alpha-2: path data}, "other": [path data]}."""
    degrees = decode_arcs(topology)
    arcs = [[equal_earth(lon, lat) for lon, lat in arc] for arc in degrees]
    geometries = [
        g
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id") not in LEFT_OUT and g.get("type") in ("Polygon", "MultiPolygon")
    ]
    used = {abs(i if i >= 0 else ~i) for g in geometries for i in _arc_refs(g)}
    xs = [x for i in used for x, _ in arcs[i]]
    ys = [y for i in used for _, y in arcs[i]]
    scale = (WIDTH - 2 * PADDING) / (max(xs) - min(xs))
    left, top = min(xs), max(ys)
    height = math.ceil((top - min(ys)) * scale) + 2 * PADDING

    def to_box(point: Point) -> Point:
        return (point[0] - left) * scale + PADDING, (top - point[1]) * scale + PADDING

    rounded = []
    for arc in arcs:
        simple = simplify([to_box(p) for p in arc], TOLERANCE)
        points = [(round(x), round(y)) for x, y in simple]
        rounded.append([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])

    def drawn(ring: list[Point]) -> list[tuple[int, int]]:
        simple = simplify([to_box(equal_earth(*p)) for p in [*ring, ring[0]]], TOLERANCE)
        points = [(round(x), round(y)) for x, y in simple[:-1]]
        return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]

    countries: dict[str, str] = {}
    other: list[str] = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes = []
        for polygon in polygons:
            outline = _ring(degrees, polygon[0])
            if _crosses_antimeridian(outline):
                # Fiji and Russia's far east: cut at 180°, each side drawn at its own edge.
                shapes.extend([[drawn(piece)] for piece in _cut_at_antimeridian(outline)])
                continue
            rings = [_ring(rounded, refs) for refs in polygon]
            rings = [r for r in rings if len(r) >= 3 and ring_area(r) > 0]
            if rings:
                shapes.append(rings)
        shapes = [s for s in shapes if len(s[0]) >= 3 and ring_area(s[0]) > 0]
        shapes.sort(key=lambda rings: -ring_area(rings[0]))
        kept = [s for i, s in enumerate(shapes) if i == 0 or ring_area(s[0]) >= MIN_AREA]
        d = path_data([ring for shape in kept for ring in shape])
        name = geometry.get("properties", {}).get("name", "")
        code = alpha2_of.get(geometry.get("id") or "") or UNNUMBERED.get(name)
        if code:
            countries[code] = d
        else:
            other.append(d)
    return {
        "width": WIDTH,
        "height": height,
        "countries": dict(sorted(countries.items())),
        "other": sorted(other),
    }


def _crosses_antimeridian(ring: list[Point]) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in _sides(ring))


def _cut_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """A ring that crosses 180°, made continuous (longitudes past 180), then clipped into the
    part west of 180° and the part east of it, moved back by 360° (Sutherland-Hodgman)."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    if min(lon for lon, _ in unwrapped) < -180:
        unwrapped = [(lon + 360, lat) for lon, lat in unwrapped]
    west = _clip(unwrapped, lambda lon: lon <= 180)
    east = [(lon - 360, lat) for lon, lat in _clip(unwrapped, lambda lon: lon >= 180)]
    return [piece for piece in (west, east) if len(piece) >= 3]


def _clip(ring: list[Point], inside: Callable[[float], bool]) -> list[Point]:
    """The part of a ring on one side of the meridian 180°."""
    out: list[Point] = []
    for (x1, y1), (x2, y2) in _sides(ring):
        if inside(x1):
            out.append((x1, y1))
        if inside(x1) != inside(x2) and x1 != x2:
            out.append((180.0, y1 + (y2 - y1) * (180 - x1) / (x2 - x1)))
    return out


def _arc_refs(geometry: dict[str, Any]) -> list[int]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [i for polygon in polygons for ring in polygon for i in ring]


def _ring(arcs: list[list[T]], refs: list[int]) -> list[T]:
    """A closed ring from its arcs (a negative index: that arc backwards), without the
    repeated point where one arc meets the next, nor the closing point."""
    ring: list[T] = []
    for ref in refs:
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        ring.extend(points[1:] if ring else points)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas 2.0.2's countries-110m.json")
    parser.add_argument("--iso-codes", type=Path, default=ISO_CODES)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    raw = args.source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        parser.error(f"{args.source} has SHA-256 {digest}, not world-atlas 2.0.2's")
    iso = json.loads(args.iso_codes.read_text(encoding="utf-8"))["3166-1"]
    alpha2_of = {entry["numeric"]: entry["alpha_2"] for entry in iso}
    derived = derive(json.loads(raw), alpha2_of)
    text = json.dumps(derived, ensure_ascii=False, indent=0, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    sizes = sum(len(d) for d in derived["countries"].values())
    print(f"{args.output}: {len(derived['countries'])} countries, {sizes} bytes of paths")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
