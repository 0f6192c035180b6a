#!/usr/bin/env python3
"""Adds English translations to src/IkmRegistry.Web/Resources/SharedResource.en.resx.

Usage: scripts/add-translation.py "Teks Indonesia" "English text" ["Teks lain" "Other text" ...]
The Indonesian text is the key (pages use L["Teks Indonesia"]); an existing key is updated in place.
One entry per line, so branches that add translations merge cleanly (.gitattributes: merge=union).
"""
import os
import sys
from xml.sax.saxutils import escape

path = os.path.join(os.path.dirname(__file__), "..", "src", "IkmRegistry.Web", "Resources", "SharedResource.en.resx")
args = sys.argv[1:]
if not args or len(args) % 2:
    sys.exit(__doc__)

with open(path, encoding="utf-8") as f:
    lines = f.read().splitlines()

for key, value in zip(args[0::2], args[1::2]):
    entry = f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(value)}</value></data>'
    prefix = f'  <data name="{escape(key, {chr(34): "&quot;"})}" '
    existing = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    if existing:
        lines[existing[0]] = entry
    else:
        lines.insert(lines.index("</root>"), entry)

# A merge of two branches that added the same key keeps both lines: keep the first of each.
# Resource names are case-insensitive, so "Kategori" and "kategori" are the same key.
seen = set()
unique = []
for line in lines:
    key = line.split('"')[1] if line.startswith("  <data name=") else None
    if key is not None and key.lower() in seen:
        continue
    if key is not None:
        seen.add(key.lower())
    unique.append(line)
lines = unique

with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
