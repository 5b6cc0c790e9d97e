"""What the sections of the benchmark share: the paths, the detail lines and
the rows of the one table, and how times are written.  bench/run_bench.py and
bench/bench_dossier.py both import it and it imports neither of them, so
either runs alone.  Importing it also makes the end-to-end fixture
(tests/e2e/office.py) importable: every section starts its office with it."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(ROOT, "build")
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

ROWS = []     # the table: (measurement, addin s, ref s, ratio, target, met)
DETAILS = []  # lines printed before the table (correctness checks, breakdowns)


def log(msg):
    """Prints a detail line now and keeps it for the output file."""
    print(msg, flush=True)
    DETAILS.append(msg)


def row(name, addin, ref, ratio, target, met):
    """Adds a row to the table (times in seconds, None for none)."""
    ROWS.append((name, addin, ref, ratio, target, met))


def fmt_s(t):
    """A time in seconds as the table shows it ("-" for None)."""
    if t is None:
        return "-"
    if t < 0.01:
        return "%.2f ms" % (t * 1e3)
    if t < 1:
        return "%.0f ms" % (t * 1e3)
    return "%.2f s" % t


def yes(ok):
    """The "met" column."""
    return "yes" if ok else "NO"


def table_text():
    """The table of every row added so far, aligned in columns."""
    head = ("measurement", "add-in", "reference", "ratio", "target", "met")
    rows = [head] + [(r[0], fmt_s(r[1]), fmt_s(r[2]), r[3], r[4], r[5]) for r in ROWS]
    w = [max(len(str(r[k])) for r in rows) for k in range(len(head))]
    lines = ["  ".join(str(c).ljust(w[k]) for k, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * x for x in w))
    return "\n".join(lines)
