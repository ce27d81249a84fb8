"""Build-time tool: simplify an admin1 boundary GeoJSON into the small map layer the page ships.

The web page draws Syria's 14 governorates over the Natural Earth countries. The OCHA COD polygons are
~1 MB of 15-decimal coordinates; a map at governorate zoom needs a few hundred points per polygon at
~3 decimals (≈100 m). This module is run by hand when the layer is rebuilt, never at serve time:

    python -m rasid.web.basemap ../shared/data/gazetteer/syria_ocha/syr_admin1.geojson \\
        rasid/web/static/basemap/syria_admin1.geojson
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

Point = tuple[float, float]

#: Properties kept from the source features (names for labels, p-code for joins).
KEEP_PROPS = ("NAME_EN", "NAME_ARA", "PCODE")


def _perp_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a–b (planar degrees: fine at governorate scale)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Ramer–Douglas–Peucker, iterative (rings have tens of thousands of points: no deep recursion)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_i = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp_distance(points[i], points[lo], points[hi])
            if d > best:
                best, best_i = d, i
        if best_i >= 0 and best > tolerance:
            keep[best_i] = True
            stack.append((lo, best_i))
            stack.append((best_i, hi))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: list[list[float]], tolerance: float, decimals: int) -> list[list[float]]:
    pts = douglas_peucker([(float(x), float(y)) for x, y, *_ in ring], tolerance)
    out: list[list[float]] = []
    for x, y in pts:
        q = [round(x, decimals), round(y, decimals)]
        if not out or out[-1] != q:
            out.append(q)
    if out and out[0] != out[-1]:
        out.append(out[0])  # GeoJSON rings are closed
    return out


def simplify_geometry(geom: dict[str, Any], tolerance: float, decimals: int) -> dict[str, Any] | None:
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        return None
    out = []
    for poly in polys:
        rings = [simplify_ring(r, tolerance, decimals) for r in poly]
        rings = [r for r in rings if len(r) >= 4]  # a ring needs 3 distinct points plus the closing one
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def simplify_collection(data: dict[str, Any], tolerance: float = 0.002, decimals: int = 3) -> dict[str, Any]:
    features = []
    for f in data.get("features", []):
        geom = simplify_geometry(f.get("geometry") or {"type": "None"}, tolerance, decimals)
        if geom is None:
            continue
        props = {k: v for k, v in (f.get("properties") or {}).items() if k in KEEP_PROPS}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = Path(argv[0]), Path(argv[1])
    out = simplify_collection(json.loads(src.read_text(encoding="utf-8")))
    dst.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    n = sum(len(r) for f in out["features"] for r in _rings(f["geometry"]))
    print(f"{dst}: {len(out['features'])} features, {n} points, {dst.stat().st_size} bytes")
    return 0


def _rings(geom: dict[str, Any]) -> list[list[list[float]]]:
    if geom["type"] == "Polygon":
        return list(geom["coordinates"])
    return [r for poly in geom["coordinates"] for r in poly]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
