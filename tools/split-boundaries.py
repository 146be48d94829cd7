#!/usr/bin/env python3
"""Splits the simplified 2025 boundaries (shared/data/boundaries-2025) into db/boundaries/:
one communes-<province code>.geojson per province (every tracked file stays under 2 MB, and
a map of one province reads one file), provinces.geojson as it is, and the licence file.
Usage: tools/split-boundaries.py [SOURCE_DIR]   (default ../shared/data/boundaries-2025)
The feature lines are copied byte for byte; only the grouping changes."""
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared', 'data', 'boundaries-2025')
out = os.path.join(root, 'db', 'boundaries')
os.makedirs(out, exist_ok=True)

groups = {}
with open(os.path.join(src, 'communes.geojson'), encoding='utf-8') as fh:
    for line in fh:
        line = line.rstrip('\n')
        if not line.startswith('{"type":"Feature"'):
            continue
        feature = line.rstrip(',')
        key = '"province_code":"'
        at = feature.index(key) + len(key)
        groups.setdefault(feature[at:at + 2], []).append(feature)
for code, features in sorted(groups.items()):
    path = os.path.join(out, 'communes-%s.geojson' % code)
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write('{"type":"FeatureCollection", "features": [\n')
        fh.write(',\n'.join(features))
        fh.write('\n]}\n')
for name in ('provinces.geojson', 'LICENSE-thanglequoc.txt'):
    shutil.copyfile(os.path.join(src, name), os.path.join(out, name))
print(len(groups), 'provinces,', sum(len(v) for v in groups.values()), 'communes')
