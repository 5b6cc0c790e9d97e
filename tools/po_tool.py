#!/usr/bin/python3
"""The translations as data: po/<lang>.po for the languages of po/LINGUAS.

  po_tool.py c            > build/gen/ka_translations.c   (the compiled catalogs)
  po_tool.py lint                                         (make check-po)
  po_tool.py languages                                    (make check-languages)
  po_tool.py oxt DIR      description.xml, description/description-xx.txt,
                          Sidebar.xcu, OptionsDialog.xcu and Addons.xcu of the extension into
                          DIR, with every language

The English source is po/keyaccount.pot, which tools/ka_gen writes from the
tables (make generated); nothing here keeps a text of its own.  Only the
standard library: no gettext at run time, none needed to build.
"""
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PO = os.path.join(ROOT, "po")
POT = os.path.join(PO, "keyaccount.pot")
LANGUAGES = ["lv", "uk", "sl", "ro", "tl"]  # what issue 10 asks for, besides English
FORMAT = re.compile(r"%(?:[-+ #0]*)(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]")


class Entry:
    def __init__(self, line):
        self.line = line
        self.context = None
        self.msgid = None
        self.msgstr = None
        self.flags = set()
        self.obsolete = False


def _unquote(text, where):
    if not (text.startswith('"') and text.endswith('"')):
        raise SystemExit("%s: not a quoted string: %s" % (where, text))
    out, body, i = [], text[1:-1], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse(path):
    """The entries of a .po/.pot file, header (msgid "") included."""
    entries, cur, field = [], None, None
    name = os.path.relpath(path, ROOT)
    fields = {"msgctxt": "context", "msgid": "msgid", "msgstr": "msgstr"}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (name, n)
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                continue
            m = re.match(r"(msgctxt|msgid|msgstr)\s+(.*)$", line)
            starts = line.startswith("#") or (m and m.group(1) != "msgstr")
            # a comment, msgctxt or msgid after a msgstr begins the next entry
            if cur is None or (starts and cur.msgstr is not None):
                cur = Entry(n)
                entries.append(cur)
                field = None
            cur.obsolete = cur.obsolete or obsolete
            if line.startswith("#,"):
                cur.flags.update(x.strip() for x in line[2:].split(","))
            elif line.startswith("#"):
                pass
            elif m:
                field = fields[m.group(1)]
                setattr(cur, field, _unquote(m.group(2), where))
            elif line.startswith('"') and field:
                setattr(cur, field, getattr(cur, field) + _unquote(line, where))
            elif re.match(r"msgid_plural|msgstr\[", line):
                raise SystemExit("%s: plural forms are not used by this catalog" % where)
            else:
                raise SystemExit("%s: cannot read this line: %s" % (where, line))
    return [e for e in entries if e.msgid is not None]


def linguas():
    path = os.path.join(PO, "LINGUAS")
    langs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            langs += line.split("#", 1)[0].split()
    return langs


def template():
    """The .pot's entries by context (the header left out)."""
    return {e.context: e for e in parse(POT) if e.msgid}


def catalog(lang):
    """The usable translations of a language: by context, (msgid, msgstr); fuzzy,
    obsolete and empty ones are left out (the text stays English), and so is a
    translation whose printf placeholders differ from its English's, which the
    panel would hand to snprintf (check-po reports it)."""
    out = {}
    for e in parse(os.path.join(PO, lang + ".po")):
        if (e.msgid and e.msgstr and not e.obsolete and "fuzzy" not in e.flags
                and ("c-format" not in e.flags or formats(e.msgid) == formats(e.msgstr))):
            out[e.context] = (e.msgid, e.msgstr)
    return out


def c_string(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif ch < 0x20 or ch >= 0x7f or c == "?":
            out.append("\\%03o" % ch)  # octal: a hex escape would swallow following digits
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def cmd_c():
    langs = linguas()
    print("/* Generated by tools/po_tool.py from the .po files of po/LINGUAS - do not edit. */")
    print('#include "ka_i18n.h"\n')
    for lang in langs:
        cat = catalog(lang)
        ident = re.sub(r"\W", "_", lang)
        print("static const ka_tr_entry entries_%s[] = {" % ident)
        # sorted as strcmp compares: by the UTF-8 bytes
        for ctx in sorted(cat, key=lambda c: c.encode("utf-8")):
            msgid, msgstr = cat[ctx]
            print("    {%s,\n     %s,\n     %s}," % (c_string(ctx), c_string(msgid), c_string(msgstr)))
        print("    {NULL, NULL, NULL}};")
    print("\nconst ka_catalog ka_catalogs[] = {")
    for lang in langs:
        ident = re.sub(r"\W", "_", lang)
        print("    {%s, entries_%s, sizeof entries_%s / sizeof *entries_%s - 1}," % (
            c_string(lang), ident, ident, ident))
    print("    {NULL, NULL, 0}};")
    print("const size_t ka_catalog_count = %d;" % len(langs))


def formats(s):
    return [m.group(0) for m in FORMAT.finditer(s) if m.group(0) != "%%"]


def cmd_lint():
    """Every text of the .pot translated in every language of po/LINGUAS, none
    fuzzy, none stale, the .po merged with the current .pot, placeholders kept."""
    pot = template()
    problems = []
    for lang in linguas():
        path = os.path.join(PO, lang + ".po")
        name = os.path.relpath(path, ROOT)
        if not os.path.exists(path):
            problems.append("%s: missing (po/LINGUAS lists %s)" % (name, lang))
            continue
        entries = parse(path)
        seen = set()
        header = [e for e in entries if not e.msgid]
        if not header or "charset=UTF-8" not in (header[0].msgstr or ""):
            problems.append("%s: the header must declare charset=UTF-8" % name)
        for e in entries:
            if not e.msgid:
                continue
            where = "%s:%d: msgctxt %s" % (name, e.line, e.context)
            if e.obsolete:
                problems.append("%s: obsolete entry (#~): remove it" % where)
                continue
            if e.context in seen:
                problems.append("%s: appears twice" % where)
            seen.add(e.context)
            src = pot.get(e.context)
            if src is None:
                problems.append("%s: stale, not in po/keyaccount.pot (msgmerge the .po)" % where)
                continue
            if src.msgid != e.msgid:
                problems.append("%s: stale, the English changed (msgmerge the .po, then review)" % where)
                continue
            if "fuzzy" in e.flags:
                problems.append("%s: fuzzy: review the translation and remove the flag" % where)
            if not e.msgstr:
                problems.append("%s: not translated" % where)
                continue
            if ("c-format" in src.flags) != ("c-format" in e.flags):
                problems.append("%s: flags differ from the .pot's (msgmerge the .po)" % where)
            if "c-format" in src.flags and formats(src.msgid) != formats(e.msgstr):
                problems.append("%s: placeholders %s, want %s in this order" % (
                    where, " ".join(formats(e.msgstr)) or "none", " ".join(formats(src.msgid))))
        for ctx in pot:
            if ctx not in seen:
                problems.append("%s: msgctxt %s: missing (msgmerge the .po with po/keyaccount.pot)"
                                % (name, ctx))
        check = subprocess.run(["msgfmt", "--check", "--check-format", "-o", os.devnull, path],
                               capture_output=True, text=True)
        if check.returncode != 0:  # its header warnings (no translator's name ...) are no problem
            errors = [l for l in check.stderr.splitlines() if "warning:" not in l]
            problems.append("%s: msgfmt --check: %s" % (name, "; ".join(errors)))
    for p in problems:
        print(p)
    if problems:
        print("check-po: %d problem(s) in the translations" % len(problems))
        return 1
    print("check-po: every language of po/LINGUAS translates all %d texts" % len(pot))
    return 0


def cmd_languages():
    got = linguas()
    if got != LANGUAGES:
        print("po/LINGUAS: %s, want exactly %s" % (" ".join(got) or "(empty)", " ".join(LANGUAGES)))
        return 1
    print("check-languages: po/LINGUAS is %s" % " ".join(got))
    return 0


def cmd_oxt(out):
    """The extension's own files with every language: the English from the .pot,
    the others from the .po files (a text not translated stays out, so the
    Extension Manager and the sidebar show the English there)."""
    pot = template()
    langs = [("en", {ctx: (e.msgid, e.msgid) for ctx, e in pot.items()})]
    langs += [(lang, catalog(lang)) for lang in linguas()]

    def text(cat, ctx):
        got = cat.get(ctx)
        return got[1] if got and got[0] == pot[ctx].msgid else None

    os.makedirs(os.path.join(out, "description"), exist_ok=True)
    names, descriptions = [], []
    for lang, cat in langs:
        name = text(cat, "ext|name")
        if name:
            names.append('    <name lang="%s">%s</name>' % (lang, escape(name)))
        desc = text(cat, "ext|description")
        if desc:
            with open(os.path.join(out, "description", "description-%s.txt" % lang), "w",
                      encoding="utf-8") as f:
                f.write(desc + "\n")
            descriptions.append('    <src xlink:href="description/description-%s.txt" lang="%s"/>'
                                % (lang, lang))
    with open(os.path.join(ROOT, "registration", "description.xml"), encoding="utf-8") as f:
        xml = f.read()
    xml = xml.replace("    @DISPLAY_NAMES@", "\n".join(names))
    xml = xml.replace("    @DESCRIPTIONS@", "\n".join(descriptions))
    with open(os.path.join(out, "description.xml"), "w", encoding="utf-8") as f:
        f.write(xml)
    markers = {"@DECK_TITLE@": "sidebar|deck|title", "@PANEL_TITLE@": "sidebar|panel|title",
               "@OPTIONS_TITLE@": "options|title", "@OPTIONS_LANGUAGE@": "options|language|label",
               "@MENU_TITLE@": "menu|title", "@SHARE_COPY_LABEL@": "command|share_copy|label",
               "@SALES_REVIEW_LABEL@": "command|sales_review|label",
               "@CHURN_REVIEW_LABEL@": "command|churn_review|label",
               "@REVIEW_PANEL_TITLE@": "sidebar|review_panel|title"}
    for xcu_name in ("Sidebar.xcu", "OptionsDialog.xcu", "Addons.xcu"):
        with open(os.path.join(ROOT, "registration", xcu_name), encoding="utf-8") as f:
            xcu = f.read()
        for marker, ctx in markers.items():
            values = []
            for lang, cat in langs:
                t = text(cat, ctx)
                if t:
                    values.append('<value xml:lang=%s>%s</value>'
                                  % (quoteattr("en-US" if lang == "en" else lang), escape(t)))
            xcu = xcu.replace(marker, "".join(values))
        with open(os.path.join(out, xcu_name), "w", encoding="utf-8") as f:
            f.write(xcu)
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "c":
        cmd_c()
        return 0
    if len(argv) == 2 and argv[1] == "lint":
        return cmd_lint()
    if len(argv) == 2 and argv[1] == "languages":
        return cmd_languages()
    if len(argv) == 3 and argv[1] == "oxt":
        return cmd_oxt(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
