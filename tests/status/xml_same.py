#!/usr/bin/env python3
# xml_same.py EXPECTED GOT: the two XML documents hold the same elements in
# the same order, with the same attributes and text (whitespace around
# text aside). Comments are not compared: the expected file justifies each
# of its lines in comments; the tool's own comments are checked by the
# cases that need them. Prints the first difference and exits 1.
import sys
import xml.etree.ElementTree as ET


def walk(e, path, out):
    path = f"{path}/{e.tag}"
    out.append((path, dict(sorted(e.attrib.items())), (e.text or "").strip()))
    for c in e:
        walk(c, path, out)
    return out


def main():
    want = walk(ET.parse(sys.argv[1]).getroot(), "", [])
    got = walk(ET.parse(sys.argv[2]).getroot(), "", [])
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            print(f"element {i + 1}: want {w}, got {g}")
            return 1
    if len(want) != len(got):
        print(f"want {len(want)} elements, got {len(got)}; first extra: "
              f"{(want + got)[min(len(want), len(got))] if max(len(want), len(got)) else ''}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
