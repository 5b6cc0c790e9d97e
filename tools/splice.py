#!/usr/bin/env python3
"""Puts a generated text between two marker lines of a file.

Usage: splice.py FILE GENERATED [--check]
Replaces everything between '<!-- BEGIN GENERATED -->' and '<!-- END GENERATED -->' in FILE
with the contents of GENERATED (the README's function reference comes from the function
table this way).  With --check, changes nothing and exits 1 when FILE is stale."""
import sys

BEGIN, END = "<!-- BEGIN GENERATED -->\n", "<!-- END GENERATED -->\n"
path, gen = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
body = open(gen, encoding="utf-8").read()
# the reference's own title is replaced by the README's section heading, and
# its sections become subsections
body = "".join(("#" + l if l.startswith("## ") else l)
               for l in body.splitlines(True) if not l.startswith("# "))
i, j = text.index(BEGIN) + len(BEGIN), text.index(END)
new = text[:i] + body.lstrip("\n") + text[j:]
if "--check" in sys.argv:
    if new != text:
        print("%s is stale: run make generated" % path)
        sys.exit(1)
else:
    open(path, "w", encoding="utf-8").write(new)
