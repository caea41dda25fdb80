"""Proximity index x_i of docs/MODEL.md v2.4: how close an ally's capital is to Russian forces.

    d_i = great-circle distance (haversine, Earth radius 6371 km) from the capital of ally i to
          the nearest of the seven Russian force locations named by Christie (2019)
    x_i = 1 - (ln clip(d_i, 300, 2500) - ln 300) / (ln 2500 - ln 300)

so x_i = 1 within 300 km, 0 beyond 2500 km, log-linear in between. Geography only, no judgement
tier; it is fixed over time (the locations are those of 2007-2016, Christie's window).
Coordinates: data/proximity_points.csv (provenance in data/SOURCES.md).

    /usr/bin/python3 -m analysis.proximity        # prints d_i and x_i for every ally
"""
from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
POINTS_FILE = REPO_ROOT / "data" / "proximity_points.csv"

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 300.0   # at or below: x = 1
FAR_KM = 2500.0   # at or beyond: x = 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def index_from_distance(d_km: float) -> float:
    d = min(max(d_km, NEAR_KM), FAR_KM)
    return 1.0 - (math.log(d) - math.log(NEAR_KM)) / (math.log(FAR_KM) - math.log(NEAR_KM))


def read_points(path: Path = POINTS_FILE) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Returns (capitals by ISO3, Russian force locations by id), each as (lat, lon)."""
    capitals: dict[str, tuple[float, float]] = {}
    forces: dict[str, tuple[float, float]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            target = capitals if row["kind"] == "capital" else forces if row["kind"] == "russian_force" else None
            if target is None:
                raise ValueError(f"{path}: unknown kind {row['kind']!r}")
            target[row["id"]] = (float(row["lat"]), float(row["lon"]))
    return capitals, forces


def distances_km(path: Path = POINTS_FILE) -> dict[str, float]:
    capitals, forces = read_points(path)
    return {iso: min(haversine_km(*cap, *loc) for loc in forces.values()) for iso, cap in capitals.items()}


def proximity(path: Path = POINTS_FILE) -> dict[str, float]:
    """x_i for every capital in the file, in file order."""
    return {iso: index_from_distance(d) for iso, d in distances_km(path).items()}


def main() -> int:
    d = distances_km()
    x = proximity()
    for iso in sorted(x, key=lambda i: (-x[i], i)):
        print(f"{iso}  {d[iso]:7.0f} km  x = {x[iso]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
