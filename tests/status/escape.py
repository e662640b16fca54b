#!/usr/bin/env python3
# The escaping vmreserve(8) promises, restated from the man page and the
# formats' own rules (not from the tool), and checked on an output:
#   escape.py text|json|prom OUTPUT INPUT...
# Each INPUT is a file holding the raw bytes of a string the machine gave
# (a driver_override, a driver's link name, a command-line parameter). A
# control character is C0, DEL, C1 (U+0080..U+009F) or a bidi control
# (U+202A..U+202E, U+2066..U+2069); a byte that starts no well-formed UTF-8
# sequence is one U+FFFD.
#   text: the output is valid UTF-8 with no control character but the
#         line ends; each input appears as it reads with every control
#         character and bad byte as U+FFFD.
#   json: Python's json with its defaults (strict: no raw control
#         character in a string) parses it; no raw C1 or bidi character
#         anywhere (they are escaped as \uXXXX); each input is a string of
#         the document, bad bytes as U+FFFD and every control kept.
#   prom: the text exposition format: a label value holds no raw control
#         character, and the only escapes are \\, \" and \n; each input
#         (where it is a label: the driver) unescaped equals the input with
#         \n kept and every other control character and bad byte as U+FFFD.
# Prints what is wrong, one line each; exits 1 then.
import json
import re
import sys

FFFD = "\ufffd"


def is_control(c):
    o = ord(c)
    return (o < 0x20 or o == 0x7f or 0x80 <= o <= 0x9f
            or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069)


def decode(b):
    """Bytes to text, one U+FFFD per byte that starts no well-formed
    sequence (RFC 3629), as vmreserve(8) says."""
    out, i = [], 0
    while i < len(b):
        for n in (1, 2, 3, 4):
            try:
                out.append(b[i:i + n].decode("utf-8", "strict"))
                i += n
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(FFFD)
            i += 1
    return "".join(out)


def main():
    mode, path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    raw = open(path, "rb").read()
    errs = []
    try:
        doc = raw.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        print(f"{mode}: not valid UTF-8: {e}")
        return 1
    wanted = [decode(open(p, "rb").read()) for p in inputs]
    if mode == "text":
        for c in set(doc):
            if c != "\n" and is_control(c):
                errs.append(f"text: raw control character U+{ord(c):04X}")
        for p, w in zip(inputs, wanted):
            t = "".join(FFFD if is_control(c) else c for c in w)
            if t not in doc:
                errs.append(f"text: {p} not shown as {t!r}")
    elif mode == "json":
        try:
            j = json.loads(doc)
        except ValueError as e:
            print(f"json: a strict parser rejects it: {e}")
            return 1
        for c in set(doc):
            if ord(c) >= 0x80 and is_control(c):
                errs.append(f"json: raw control character U+{ord(c):04X}")
        strings = set()

        def walk(v):
            if isinstance(v, str):
                strings.add(v)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
            elif isinstance(v, dict):
                for k, x in v.items():
                    strings.add(k)
                    walk(x)
        walk(j)
        for p, w in zip(inputs, wanted):
            if w not in strings:
                errs.append(f"json: {p} not found as {w!r}")
    elif mode == "prom":
        values = []
        for n, line in enumerate(doc.split("\n"), 1):
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{(.*)\})? \S+$", line)
            if not m:
                errs.append(f"prom: line {n} is not a sample: {line!r}")
                continue
            lab = m.group(2) or ""
            while lab:
                m2 = re.match(r'^[a-zA-Z_][a-zA-Z0-9_]*="((?:[^"\\]|\\.)*)"(,|$)', lab)
                if not m2:
                    errs.append(f"prom: line {n}: bad labels {lab!r}")
                    break
                v, out, i = m2.group(1), [], 0
                while i < len(v):
                    if v[i] == "\\":
                        e = v[i + 1]
                        if e not in '\\"n':
                            errs.append(f"prom: line {n}: escape \\{e} is not in the format")
                        out.append({"\\": "\\", '"': '"', "n": "\n"}.get(e, e))
                        i += 2
                        continue
                    if is_control(v[i]):
                        errs.append(f"prom: line {n}: raw control U+{ord(v[i]):04X} in a label")
                    out.append(v[i])
                    i += 1
                values.append("".join(out))
                lab = lab[m2.end():]
        for p, w in zip(inputs, wanted):
            t = "".join(FFFD if is_control(c) and c != "\n" else c for c in w)
            if t not in values:
                errs.append(f"prom: {p} not a label value {t!r}")
    for e in errs:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
