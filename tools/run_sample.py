"""What `make run` does after the build: shows the sample workbook with the
freshly built extension, in a throwaway profile (build/run-profile); your own
LibreOffice profile is never touched.

  - With a display (DISPLAY set and an X server answering): installs
    build/keyaccount.oxt into build/run-profile and opens the workbook in a
    normal LibreOffice window on that profile; does not wait for it.
  - Without a display (the usual case on a server or in CI): opens the
    workbook headless, recalculates it, prints the segmentation (top clients,
    ABC-XYZ matrix, dependency levels, concentration) and writes
    build/demo.pdf.  Exits 1 if any cell shows an error.

Usage (from anywhere, after `make oxt`):
    /usr/bin/python3 tools/run_sample.py [WORKBOOK] [--headless] [--top N]
WORKBOOK defaults to examples/keyaccount-sample.ods."""

import argparse
import os
import shutil
import socket
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import office  # noqa: E402

PROFILE = os.path.join(ROOT, "build", "run-profile")
PDF = os.path.join(ROOT, "build", "demo.pdf")
SOFFICE_SCRIPT = "/usr/lib/libreoffice/program/soffice"


def rel(path):
    """path relative to the current directory when below it, else absolute."""
    r = os.path.relpath(path)
    return path if r.startswith("..") else r


# ---------------------------------------------------------------- display

def display_available():
    """True when DISPLAY is set and an X server answers on it."""
    disp = os.environ.get("DISPLAY")
    if not disp:
        return False
    if shutil.which("xdpyinfo"):
        try:
            return subprocess.run(["xdpyinfo"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=10).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False
    # no xdpyinfo: try the X server's socket directly
    host, _, rest = disp.rpartition(":")
    num = rest.split(".")[0]
    if not num.isdigit():
        return False
    try:
        if host in ("", "unix"):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(3)
            s.connect("/tmp/.X11-unix/X%s" % num)
        else:
            s = socket.create_connection((host, 6000 + int(num)), timeout=3)
        s.close()
        return True
    except OSError:
        return False


def open_window(path):
    """Installs the extension into the run profile (headless, via office.py),
    then starts a visible LibreOffice on that profile and returns at once."""
    off = office.Office(PROFILE)
    try:
        off.start()  # (re)installs build/keyaccount.oxt when it changed
    finally:
        off.stop()
    env = dict(os.environ)
    env.pop("SAL_USE_VCLPLUGIN", None)
    log = open(os.path.join(PROFILE, "soffice-window.log"), "ab")
    proc = subprocess.Popen(
        [SOFFICE_SCRIPT, "--nologo", "--norestore", "--nofirststartwizard",
         "-env:UserInstallation=" + office.url(PROFILE), os.path.abspath(path)],
        env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
    print("Opened %s in LibreOffice (pid %d) with the Key Account Toolkit installed"
          % (rel(path), proc.pid))
    print("in the throwaway profile %s." % rel(PROFILE))
    print("Close it with File > Exit LibreOffice (Ctrl+Q), or from a shell: kill -- -%d"
          % proc.pid)
    print("(Run with --headless to print the segmentation here instead.)")


# ---------------------------------------------------------------- headless report

def named_values(doc, name):
    """Values of a named range as rows, or None when the workbook lacks it."""
    names = doc.NamedRanges
    if not names.hasByName(name):
        return None
    rng = names.getByName(name).getReferredCells()
    if rng is None:
        return None
    return [[office.cell_value(rng.getCellByPosition(c, r)) for c in range(rng.Columns.Count)]
            for r in range(rng.Rows.Count)]


def show(v, kind=None):
    if v is None:
        return ""
    if isinstance(v, tuple):
        return "Err:%d" % v[1]
    if isinstance(v, float):
        if kind == "pct":
            return "%.2f%%" % (100 * v)
        if kind == "money":
            return "{:,.0f}".format(v)
        if kind == "int":
            return "%d" % round(v)
        return "%.4f" % v
    return str(v)


def table(headers, rows, align):
    cells = [headers] + rows
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for k, r in enumerate(cells):
        out.append("  ".join(c.ljust(w) if a == "l" else c.rjust(w)
                             for c, w, a in zip(r, widths, align)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def review_sheet(doc, command):
    """The sheet the review command made (its named range KeyAccounts_<command>), or None."""
    names = doc.NamedRanges
    if not names.hasByName("KeyAccounts_" + command):
        return None
    cells = names.getByName("KeyAccounts_" + command).getReferredCells()
    return cells.Spreadsheet if cells is not None else None


def print_reviews(doc):
    """The review sheets the workbook holds, and the churn review's key figures
    (M11:N17 of its plan, src/ka_churn_plan.c), as the sheet shows them."""
    sheets = [(c, review_sheet(doc, c)) for c in ("SalesReview", "ChurnReview")]
    found = [sh.Name for c, sh in sheets if sh is not None]
    if not found:
        return
    print("\nReview sheets (made by the commands): %s" % ", ".join(found))
    churn = sheets[1][1]
    if churn is not None:
        block = churn.getCellRangeByName("M12:N17")
        print(table([churn.getCellRangeByName("M11").getString(), ""],
                    [[block.getCellByPosition(0, r).getString(),
                      block.getCellByPosition(1, r).getString()]  # as the sheet shows it
                     for r in range(block.Rows.Count)], "lr"))


def report(path, top):
    off = office.Office(PROFILE)
    status = 0
    try:
        off.start()
        doc = off.load(path)
        try:
            doc.calculateAll()
            seg = named_values(doc, "SegmentTable")
            if seg is None:
                print("%s has no SegmentTable (not a sample made by tools/make_sample.py):"
                      % path)
                print("only recalculating and exporting it.")
            else:
                head, rows = seg[0], [r for r in seg[1:] if r[0] not in (None, "")]
                col = {h: i for i, h in enumerate(head)}
                rows.sort(key=lambda r: -(r[col["Annual sales"]]
                                          if isinstance(r[col["Annual sales"]], float) else 0))
                print("Key Account Toolkit - %s: %d clients\n" % (rel(path), len(rows)))
                print("Top %d clients by annual sales" % top)
                spec = [("Client", "Client", None, "l"), ("Company", "Company", None, "l"),
                        ("Annual sales", "Total", "money", "r"), ("ABC", "ABC", None, "l"),
                        ("XYZ", "XYZ", None, "l"), ("ABC-XYZ", "ABC-XYZ", None, "l"),
                        ("Sales share", "Share", "pct", "r"),
                        ("Cumulative share", "Cum. share", "pct", "r"),
                        ("Dependency", "Dependency", None, "l")]
                print(table([s[1] for s in spec],
                            [[show(r[col[s[0]]], s[2]) for s in spec] for r in rows[:top]],
                            [s[3] for s in spec]))
                m = named_values(doc, "AbcXyzMatrix")
                if m:
                    print("\nABC-XYZ matrix (number of clients)")
                    print(table([show(v) for v in m[0]],
                                [[show(r[0])] + [show(v, "int") for v in r[1:]] for r in m[1:]],
                                "l" + "r" * (len(m[0]) - 1)))
                a = named_values(doc, "AbcClasses")
                if a:
                    print("\nABC classes")
                    print(table([show(v) for v in a[0]],
                                [[show(r[0]), show(r[1], "int"), show(r[2], "money"),
                                  show(r[3], "pct")] for r in a[1:]], "lrrr"))
                d = named_values(doc, "DependencyLevels")
                if d:
                    print("\nDependency levels")
                    print(table([show(v) for v in d[0]],
                                [[show(r[0]), show(r[1], "int")] for r in d[1:]], "lr"))
                c = named_values(doc, "ConcentrationFigures")
                if c:
                    print("\nConcentration of annual sales")
                    digits = {"N": "%.1f", "GINI": "%.3f"}
                    print(table([show(v) for v in c[0]],
                                [[show(r[0]), show(r[1], "pct") if r[0] == "TOP20" else
                                  digits.get(r[0], "%.4f") % r[1] if isinstance(r[1], float)
                                  else show(r[1])] for r in c[1:]], "lr"))
            print_reviews(doc)
            bad = office.error_cells(doc)
            if bad:
                print("\nERROR cells: %s" % "; ".join(bad))
                status = 1
            office.save_as(doc, PDF)
            print("\nWrote %s (PDF export of the workbook)." % rel(PDF))
        finally:
            office.close(doc)
    finally:
        off.stop()
        office.stop_all()
    return status


def main():
    ap = argparse.ArgumentParser(description="Open the sample workbook with the built extension.")
    ap.add_argument("workbook", nargs="?",
                    default=os.path.join(ROOT, "examples", "keyaccount-sample.ods"))
    ap.add_argument("--headless", action="store_true",
                    help="print the report and write build/demo.pdf even when a display is available")
    ap.add_argument("--top", type=int, default=15, help="clients listed (default 15)")
    args = ap.parse_args()
    path = args.workbook
    if not os.path.isabs(path) and not os.path.exists(path):
        path = os.path.join(ROOT, path)  # relative to the repository root
    if not os.path.exists(path):
        sys.exit("no such workbook: %s (make it with /usr/bin/python3 tools/make_sample.py)"
                 % args.workbook)
    if not os.path.exists(office.OXT):
        sys.exit("%s is missing: run `make oxt` first" % rel(office.OXT))
    if not args.headless and display_available():
        open_window(path)
        return 0
    if not args.headless:
        print("No display (DISPLAY unset or no X server answers): printing the sample instead.\n")
    return report(path, args.top)


if __name__ == "__main__":
    sys.exit(main())
