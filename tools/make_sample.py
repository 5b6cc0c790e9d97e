"""Writes the sample workbooks of the Key Account Toolkit with a real
LibreOffice that has the built extension installed (throwaway profile
build/sample-profile):

  examples/keyaccount-sample.ods  200 invented clients, 12 months of sales,
                                  ABC / XYZ / ABC-XYZ segmentation, dependency,
                                  concentration; the previous year and the ABC
                                  migration between the two (MIGRATION); the
                                  two years as an order log and XYZ from its
                                  PERIODTOTALS (single-cell formulas); the
                                  sales review and the churn review, made by
                                  the commands SalesReview and ChurnReview
  examples/cdnow-churn.ods        the CDNOW order log of tests/data, the
                                  BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma
                                  fits, churn risk, expected purchases, spend
                                  and lifetime value per client, a
                                  calibration/holdout check with its chart, a
                                  ranked "at risk" list

The data are generated from a fixed seed, so every run writes the same
workbooks (only the document metadata, e.g. dates, differ).  Both files are
reloaded after saving and checked for error cells.

Usage (from the repository root, after `make oxt`):
    /usr/bin/python3 tools/make_sample.py [--only keyaccount|cdnow] [--check-plain]

--check-plain also opens keyaccount-sample.ods in a LibreOffice WITHOUT the
extension (profile build/sample-plain-profile) and checks that every cell
outside the two review sheets still shows its saved value (see
docs/notes-cached-values.md)."""

import argparse
import datetime
import math
import os
import random
import re
import sys
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import office  # noqa: E402

BUILD = os.path.join(ROOT, "build")
EXAMPLES = os.path.join(ROOT, "examples")
DATA = os.path.join(ROOT, "tests", "data")
SEED = 20240517
N_CLIENTS = 200
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# ---------------------------------------------------------------- helpers

BOLD = 150.0  # com.sun.star.awt.FontWeight.BOLD


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def number_format(doc, code):
    formats = doc.NumberFormats
    locale = uno_locale()
    key = formats.queryKey(code, locale, False)
    if key == -1:
        key = formats.addNew(code, locale)
    return key


def uno_locale():
    import uno
    loc = uno.createUnoStruct("com.sun.star.lang.Locale")
    loc.Language = "en"
    loc.Country = "US"
    return loc


def uno_enum(type_name, value):
    import uno
    return uno.Enum(type_name, value)


def fmt(doc, rng, code):
    rng.NumberFormat = number_format(doc, code)


def bold(rng):
    rng.CharWeight = BOLD


def put_row(sheet, row, col, values):
    """Types one row of values/formulas (strings starting with '=' are formulas)."""
    for j, v in enumerate(values):
        c = sheet.getCellByPosition(col + j, row)
        if v is None:
            continue
        if isinstance(v, str):
            c.setFormula(v) if v.startswith("=") else c.setString(v)
        else:
            c.setValue(v)


def fill_down(sheet, rng_name, template, first, last):
    """Single-cell formulas filled down: template uses {r} for the row number."""
    sheet.getCellRangeByName(rng_name).setFormulaArray(
        tuple((tuple(t.format(r=r) for t in template)) for r in range(first, last + 1)))


def add_name(doc, name, content):
    import uno
    addr = uno.createUnoStruct("com.sun.star.table.CellAddress")
    names = doc.NamedRanges
    if names.hasByName(name):
        names.removeByName(name)
    names.addNewByName(name, content, addr, 0)


# Colours of the classes and dependency levels (cell styles the conditional
# formats apply): green for the best, red for the most dependent.
CLASS_COLOURS = {"A": 0xC6EFCE, "B": 0xFFEB9C, "C": 0xF2F2F2,
                 "X": 0xC6EFCE, "Y": 0xFFEB9C, "Z": 0xF8CBAD}
LEVEL_COLOURS = {"critical": 0xFF9999, "high": 0xF8CBAD, "elevated": 0xFFEB9C,
                 "key": 0xDDEBF7}


def cell_style(doc, name, colour):
    """The cell style name with background colour (made once per workbook)."""
    styles = doc.StyleFamilies.getByName("CellStyles")
    if not styles.hasByName(name):
        styles.insertByName(name, doc.createInstance("com.sun.star.style.CellStyle"))
    styles.getByName(name).CellBackColor = colour


def colour_codes(doc, rng, colours, prefix):
    """A conditional format on rng: a cell equal to a code of colours gets
    the cell style "<prefix> <code>" with that code's colour."""
    cf = rng.ConditionalFormat
    cf.clear()
    for code, colour in colours.items():
        name = "%s %s" % (prefix, code)
        cell_style(doc, name, colour)
        cf.addNew((office.prop("Operator", uno_enum("com.sun.star.sheet.ConditionOperator", "EQUAL")),
                   office.prop("Formula1", '"%s"' % code), office.prop("StyleName", name)))
    rng.ConditionalFormat = cf


def colour_classes(doc, rng, letters):
    colour_codes(doc, rng, {k: CLASS_COLOURS[k] for k in letters}, "Class")


def colour_levels(doc, rng):
    colour_codes(doc, rng, LEVEL_COLOURS, "Dependency")


def new_workbook(off):
    """A new Calc document in a frame of its own: a hidden document has no view
    whose settings (frozen headings, zoom, active sheet) are saved."""
    return office.open_visible(off)


def autowidth(sheet, ncols):
    cols = sheet.Columns
    for i in range(ncols):
        cols.getByIndex(i).OptimalWidth = True


def freeze(doc, sheet, cols, rows):
    """Freezes the first cols columns and rows rows of sheet (the headers stay in view)."""
    ctrl = doc.CurrentController
    ctrl.setActiveSheet(sheet)
    ctrl.freezeAtPosition(cols, rows)


def formula_count(doc):
    n = 0
    for i in range(doc.Sheets.Count):
        sh = doc.Sheets.getByIndex(i)
        for r in sh.queryContentCells(16).getRangeAddresses():  # 16 = FORMULA
            n += (r.EndColumn - r.StartColumn + 1) * (r.EndRow - r.StartRow + 1)
    return n


def landscape_fit_width(doc):
    """Default page style: landscape A4, each sheet one page wide (for PDF/print)."""
    style = doc.StyleFamilies.getByName("PageStyles").getByName("Default")
    w, h = style.Width, style.Height
    if w < h:
        style.IsLandscape = True
        style.Width, style.Height = h, w
    style.ScaleToPagesX = 1
    style.ScaleToPagesY = 0


def finish(doc, path, title, description):
    """Sets the metadata, recalculates, refuses error cells, saves."""
    fix_metadata(doc, title, description)
    doc.calculateAll()
    bad = office.error_cells(doc)
    if bad:
        raise SystemExit("error cells before saving: %s" % bad)
    office.save_as(doc, path)


def fix_metadata(doc, title, description):
    props = doc.DocumentProperties
    props.Title = title
    props.Description = description
    props.Author = "Key Account Toolkit (tools/make_sample.py)"
    props.ModifiedBy = props.Author
    stamp = datetime.datetime(2024, 5, 17, 12, 0, 0)
    import uno
    dt = uno.createUnoStruct("com.sun.star.util.DateTime")
    dt.Year, dt.Month, dt.Day, dt.Hours = stamp.year, stamp.month, stamp.day, stamp.hour
    props.CreationDate = dt
    props.ModificationDate = dt
    props.EditingCycles = 1
    props.EditingDuration = 0


# ---------------------------------------------------------------- data

FIRST = ["Alder", "Brightwater", "Cobalt", "Delta", "Evergreen", "Falcon", "Granite", "Harbor",
         "Ironwood", "Juniper", "Keystone", "Lakeside", "Meridian", "Northgate", "Oakridge",
         "Pinnacle", "Quarry", "Redwood", "Summit", "Tidewater", "Unity", "Vanguard", "Westfield",
         "Yellowpine", "Zenith", "Atlas", "Beacon", "Crescent", "Driftwood", "Elmstone", "Foxglove",
         "Glacier", "Highland", "Ivory", "Kestrel", "Lindqvist", "Moorland", "Nordby", "Orchard",
         "Polaris", "Riverside", "Silverline", "Thornbury", "Upland", "Valemont", "Whitcombe"]
TRADE = ["Foods", "Logistics", "Hardware", "Pharma", "Textiles", "Electronics", "Retail",
         "Packaging", "Automotive", "Office Supply", "Building Materials", "Chemicals",
         "Garden Centre", "Medical", "Print", "Furniture"]
LEGAL = ["Ltd", "GmbH", "Inc.", "AG", "S.A.", "& Co.", "Group", "plc", "B.V.", "Oy"]
REGIONS = ["North", "South", "East", "West", "Central"]
MANAGERS = {"North": ["A. Novak", "L. Berg"], "South": ["M. Rossi"], "East": ["K. Horvath"],
            "West": ["J. Clarke", "L. Berg"], "Central": ["S. Weber", "M. Rossi"]}


def sales_data():
    """200 clients: (id, name, region, manager, [12 months], kind)."""
    rnd = random.Random(SEED)
    names = set()
    clients = []
    for i in range(N_CLIENTS):
        while True:
            name = "%s %s %s" % (rnd.choice(FIRST), rnd.choice(TRADE), rnd.choice(LEGAL))
            if name not in names:
                names.add(name)
                break
        region = rnd.choice(REGIONS)
        manager = rnd.choice(MANAGERS[region])
        annual = rnd.lognormvariate(math.log(60000), 1.2)
        kind = rnd.choices(["stable", "variable", "seasonal", "erratic"], [35, 30, 20, 15])[0]
        months = []
        if kind == "stable":
            months = [annual / 12 * (1 + rnd.gauss(0, 0.05)) for _ in range(12)]
        elif kind == "variable":
            months = [annual / 12 * max(0.2, 1 + rnd.gauss(0, 0.17)) for _ in range(12)]
        elif kind == "seasonal":
            amp = rnd.uniform(0.3, 0.8)
            peak = rnd.randrange(12)
            months = [annual / 12 * max(0.0, 1 + amp * math.cos(2 * math.pi * (m - peak) / 12)
                                        + rnd.gauss(0, 0.08)) for m in range(12)]
        else:  # erratic: orders in a few months only, zeros in between
            while True:
                hits = [rnd.random() < 0.6 for _ in range(12)]
                if sum(hits) >= 3:
                    break
            size = annual / sum(hits)
            months = [size * rnd.lognormvariate(0, 0.5) if h else 0.0 for h in hits]
        clients.append(["K%04d" % (i + 1), name, region, manager, months, kind])

    # two key accounts that buy steadily: the largest client holds 21% of all
    # sales (dependency "elevated"), the second 11.5% ("key").
    keys = ((17, 0.21, 0.04), (63, 0.115, 0.12))
    others = sum(sum(c[4]) for k, c in enumerate(clients) if k not in (17, 63))
    total = others / (1 - sum(k[1] for k in keys))
    for idx, share, noise in keys:
        c = clients[idx]
        c[5] = "key account"
        base = [1 + rnd.gauss(0, noise) for _ in range(12)]
        c[4] = [share * total * b / sum(base) for b in base]

    # credit notes: two clients returned goods in one month (negative amount)
    for idx, month, frac in ((41, 4, -0.35), (128, 9, -0.6)):
        c = clients[idx]
        c[4][month] = frac * max(c[4])
    for c in clients:
        c[4] = [float(round(v)) for v in c[4]]
        assert sum(c[4]) > 0, c
    return clients


PREVIOUS_SEED = SEED + 1
ORDERS_SEED = SEED + 2
N_LOST = 8   # clients who bought in the previous year only (K0201 ...)
N_NEW = 14   # clients of this year without sales in the previous year


def previous_year(clients):
    """The previous year's months of the clients who bought then: (id, region, manager, [12
    months]).  Most clients bought about as much as this year (a growth factor and noise per
    month), N_NEW of them did not buy yet, and N_LOST clients (K0201 ...) bought then and not
    this year.  Drawn from its own seed, so this year's data stay as they are."""
    rnd = random.Random(PREVIOUS_SEED)
    new = set(rnd.sample(range(len(clients)), N_NEW)) - {17, 63}
    out = []
    for k, c in enumerate(clients):
        if k in new:
            continue
        growth = rnd.lognormvariate(0, 0.35)
        months = [max(0.0, v / growth * (1 + rnd.gauss(0, 0.1))) for v in c[4]]
        out.append([c[0], c[2], c[3], [float(round(v)) for v in months]])
    for i in range(N_LOST):
        region = rnd.choice(REGIONS)
        annual = rnd.lognormvariate(math.log(40000), 1.0)
        months = [float(round(annual / 12 * max(0.0, 1 + rnd.gauss(0, 0.3)))) for _ in range(12)]
        out.append(["K%04d" % (len(clients) + i + 1), region, rnd.choice(MANAGERS[region]), months])
    return out


def order_log(clients, year, seed):
    """A year's sales as an order log: each month's amount of a client (clients: (id, [12
    months])) split into 1 to 3 orders on days of that month (whole amounts that add up to
    the month exactly; a credit note is one negative line).  (client, serial date, amount)
    in date order."""
    rnd = random.Random(seed)
    lines = []
    for c in clients:
        for m, total in enumerate(c[1]):
            if total == 0:
                continue
            parts = 1 if total < 0 or abs(total) < 300 else rnd.choice([1, 2, 2, 3])
            cuts = sorted(rnd.sample(range(1, int(total)), parts - 1)) if parts > 1 else []
            amounts = [b - a for a, b in zip([0] + cuts, cuts + [int(total)])]
            days = sorted(rnd.sample(range(1, 29), parts))
            for d, a in zip(days, amounts):
                date = (datetime.date(year, m + 1, d) - datetime.date(1899, 12, 30)).days
                lines.append((c[0], float(date), float(a)))
    lines.sort(key=lambda t: (t[1], t[0]))
    return lines


# ---------------------------------------------------------------- keyaccount-sample.ods

YEAR = 2024  # this year, the year of the Sales sheet; the previous year is YEAR - 1
# Segments: the columns A..Q (1/100 mm) and the zoom that shows them all in a
# window of 1400 pixels (tests/e2e/test_sample.py FinishedLook).
SEGMENTS_WIDTHS = [1700, 5200, 2300, 2200, 1100, 1700, 2400, 2400, 1900, 1000, 1600, 300, 3600,
                   1500, 2300, 1800, 1500]
SEGMENTS_ZOOM = 90


def build_previous_year(doc, prev):
    """Sheet "Previous year": the clients of the previous year, their months, total and ABC."""
    doc.Sheets.insertNewByName("Previous year", doc.Sheets.Count)
    sh = doc.Sheets.getByName("Previous year")
    last = len(prev) + 1
    put_row(sh, 0, 0, ["Client", "Region", "Account manager"] + MONTHS + ["Total", "ABC"])
    bold(sh.getCellRangeByName("A1:Q1"))
    sh.getCellRangeByName("A2:O%d" % last).setDataArray(
        tuple(tuple([c[0], c[1], c[2]] + c[3]) for c in prev))
    fill_down(sh, "P2:Q%d" % last, ["=SUM(D{r}:O{r})", "=ABCCLASS(P{r};$P$2:$P$%d)" % last],
              2, last)
    fmt(doc, sh.getCellRangeByName("D2:P%d" % last), "#,##0;-#,##0")
    colour_classes(doc, sh.getCellRangeByName("Q2:Q%d" % last), "ABC")
    autowidth(sh, 17)
    freeze(doc, sh, 1, 1)
    return last


def migration_block(sheet, top, title, formula):
    """A migration table as single-cell INDEX formulas (cached values survive without the
    extension, unlike an array formula's): ABC A, B, C, "-" and Total, 6 x 6 with the labels."""
    put_row(sheet, top, 6, [title])
    bold(sheet.getCellRangeByName("G%d" % (top + 1)))
    put_row(sheet, top + 1, 6, ["previous \\ this year"])
    for i in range(6):
        for j in range(6):
            if i or j:
                put_row(sheet, top + 1 + i, 6 + j, ["=INDEX(%s;%d;%d)" % (formula, i + 1, j + 1)])
    bold(sheet.getCellRangeByName("G%d:L%d" % (top + 2, top + 2)))
    bold(sheet.getCellRangeByName("G%d:G%d" % (top + 2, top + 7)))


def build_migration(doc, clients, prev, prev_last):
    """Sheet "Migration": every client of either year with its ABC class in both, and the
    MIGRATION tables of the clients and of the previous year's sales."""
    doc.Sheets.insertNewByName("Migration", doc.Sheets.Count)
    sh = doc.Sheets.getByName("Migration")
    ids = [c[0] for c in clients] + [c[0] for c in prev if c[0] > clients[-1][0]]
    last = len(ids) + 1
    put_row(sh, 0, 0, ["Client", "ABC %d" % (YEAR - 1), "ABC %d" % YEAR, "Sales %d" % (YEAR - 1),
                       "Sales %d" % YEAR])
    bold(sh.getCellRangeByName("A1:E1"))
    sh.getCellRangeByName("A2:A%d" % last).setDataArray(tuple((i,) for i in ids))
    p = "$'Previous year'.$A$2:$Q$%d" % prev_last
    fill_down(sh, "B2:E%d" % last, [
        '=IFERROR(VLOOKUP(A{r};%s;17;0);"")' % p,
        '=IFERROR(VLOOKUP(A{r};$Segments.$A$2:$E$%d;5;0);"")' % (len(clients) + 1),
        "=IFERROR(VLOOKUP(A{r};%s;16;0);0)" % p,
        "=IFERROR(VLOOKUP(A{r};$Sales.$A$2:$Q$%d;17;0);0)" % (len(clients) + 1),
    ], 2, last)
    fmt(doc, sh.getCellRangeByName("D2:E%d" % last), "#,##0;-#,##0")
    colour_classes(doc, sh.getCellRangeByName("B2:C%d" % last), "ABC")
    frm, to, w = "$B$2:$B$%d" % last, "$C$2:$C$%d" % last, "$D$2:$D$%d" % last
    migration_block(sh, 0, "Clients by ABC class, %d (rows) to %d (columns)" % (YEAR - 1, YEAR),
                    "MIGRATION(%s;%s)" % (frm, to))
    migration_block(sh, 9, "Sales of %d by the same move" % (YEAR - 1),
                    "MIGRATION(%s;%s;%s)" % (frm, to, w))
    fmt(doc, sh.getCellRangeByName("H3:L7"), "0")
    fmt(doc, sh.getCellRangeByName("H12:L16"), "#,##0;-#,##0")
    notes = ["\"-\" is no class: the \"-\" row holds the new clients (no sales in %d),"
             % (YEAR - 1),
             "the \"-\" column the lost ones (no sales in %d)." % YEAR,
             "Above the diagonal a client fell (A to B, C or lost), below it rose."]
    for i, t in enumerate(notes):
        put_row(sh, 19 + i, 6, [t])
    autowidth(sh, 12)
    sh.Columns.getByIndex(6).Width = 4200
    freeze(doc, sh, 1, 1)
    return last


def build_orders(doc, clients, prev):
    """Sheets "Orders" (the previous year's and this year's sales as an order log) and
    "Monthly" (PERIODTOTALS of the log per client and this year's months, the XYZ class of
    those months, and the regularity of purchases: XYZ of the purchase days per month).
    The previous year's lines make the log one the churn review can fit: without them
    nobody has stopped buying (this year every client buys to the end)."""
    log = sorted(order_log([(p[0], p[3]) for p in prev], YEAR - 1, ORDERS_SEED + 1)
                 + order_log([(c[0], c[4]) for c in clients], YEAR, ORDERS_SEED),
                 key=lambda t: (t[1], t[0]))
    doc.Sheets.insertNewByName("Orders", doc.Sheets.Count)
    osh = doc.Sheets.getByName("Orders")
    n_log = len(log) + 1
    put_row(osh, 0, 0, ["Client", "Date", "Amount"])
    bold(osh.getCellRangeByName("A1:C1"))
    osh.getCellRangeByName("A2:C%d" % n_log).setDataArray(tuple(log))
    fmt(doc, osh.getCellRangeByName("B2:B%d" % n_log), "YYYY-MM-DD")
    fmt(doc, osh.getCellRangeByName("C2:C%d" % n_log), "#,##0;-#,##0")
    autowidth(osh, 3)
    freeze(doc, osh, 0, 1)
    osh.setPrintAreas(())  # no print range: the raw log is not printed (some 180 pages)

    doc.Sheets.insertNewByName("Monthly", doc.Sheets.Count)
    sh = doc.Sheets.getByName("Monthly")
    last = len(clients) + 1
    put_row(sh, 0, 0, ["Client"] + MONTHS + ["XYZ", "XYZ on Segments", "Purchase days",
                                             "Regularity (XYZ of the days)"])
    bold(sh.getCellRangeByName("A1:Q1"))
    orders = "$Orders.$A$2:$A$%d;$Orders.$B$2:$B$%d" % (n_log, n_log)
    amounts = "PERIODTOTALS($A{r};%s;$Orders.$C$2:$C$%d;DATE(%d;1;1);12)" % (orders, n_log, YEAR)
    days = "PERIODTOTALS($A{r};%s;;DATE(%d;1;1);12)" % (orders, YEAR)
    fill_down(sh, "A2:Q%d" % last,
              ["=$Sales.A{r}"] + ["=INDEX(%s;1;%d)" % (amounts, m + 1) for m in range(12)]
              + ["=XYZCLASS(B{r}:M{r})", "=$Segments.J{r}", "=SUM(%s)" % days,
                 "=XYZCLASS(%s)" % days], 2, last)
    fmt(doc, sh.getCellRangeByName("B2:M%d" % last), "#,##0;-#,##0")
    fmt(doc, sh.getCellRangeByName("P2:P%d" % last), "0")
    put_row(sh, last + 1, 0, ["Clients whose XYZ from the order log equals Segments' XYZ:",
                              None, None, None, None, None, None, None, None, None, None, None, None,
                              "=SUMPRODUCT(N2:N%d=O2:O%d)" % (last, last)])
    fmt(doc, sh.getCellRangeByName("N%d" % (last + 2)), "0")
    bold(sh.getCellRangeByName("A%d:N%d" % (last + 2, last + 2)))
    autowidth(sh, 17)
    freeze(doc, sh, 1, 1)
    return n_log - 1


def build_regions(doc, last):
    """Regional ABC: each client classed among its region's clients (ABCCLASS with Groups), next
    to the company-wide class, and per region its clients, sales, A clients and concentration."""
    sheets = doc.Sheets
    sheets.insertNewByName("Regions", 2)
    sh = sheets.getByName("Regions")
    values = "$Sales.$Q$2:$Q$%d" % last
    regions = "$Sales.$C$2:$C$%d" % last
    put_row(sh, 0, 0, ["Client", "Company", "Region", "Annual sales", "ABC (company)",
                       "ABC in region", "Share of region", "Dependency in region"])
    bold(sh.getCellRangeByName("A1:H1"))
    fill_down(sh, "A2:H%d" % last, [
        "=$Sales.A{r}",
        "=$Sales.B{r}",
        "=$Sales.C{r}",
        "=$Sales.Q{r}",
        "=ABCCLASS($Sales.Q{r};%s)" % values,
        "=ABCCLASS($Sales.Q{r};%s;;;;%s;$Sales.C{r})" % (values, regions),
        "=SALESSHARE($Sales.Q{r};%s;%s;$Sales.C{r})" % (values, regions),
        # "" below 10% is shown as "-", as on Segments (an empty text result is not kept in .ods)
        '=IF(DEPENDENCY($Sales.Q{r};%s;;%s;$Sales.C{r})="";"-";'
        'DEPENDENCY($Sales.Q{r};%s;;%s;$Sales.C{r}))' % (values, regions, values, regions),
    ], 2, last)
    fmt(doc, sh.getCellRangeByName("D2:D%d" % last), "#,##0;-#,##0")
    fmt(doc, sh.getCellRangeByName("G2:G%d" % last), "0.00%")
    colour_classes(doc, sh.getCellRangeByName("E2:F%d" % last), "ABC")
    colour_levels(doc, sh.getCellRangeByName("H2:H%d" % last))
    # per region: J1:P7
    put_row(sh, 0, 9, ["Region", "Clients", "Sales", "A in region", "A in company", "HHI in region",
                       "Equivalent clients"])
    bold(sh.getCellRangeByName("J1:P1"))
    for i, reg in enumerate(REGIONS):
        r = 2 + i
        put_row(sh, r - 1, 9, [reg,
                               '=COUNTIF($C$2:$C$%d;J%d)' % (last, r),
                               '=SUMIF($C$2:$C$%d;J%d;$D$2:$D$%d)' % (last, r, last),
                               '=COUNTIFS($C$2:$C$%d;J%d;$F$2:$F$%d;"A")' % (last, r, last),
                               '=COUNTIFS($C$2:$C$%d;J%d;$E$2:$E$%d;"A")' % (last, r, last),
                               '=CONCENTRATION(%s;"HHI";%s;J%d)' % (values, regions, r),
                               '=CONCENTRATION(%s;"N";%s;J%d)' % (values, regions, r)])
    tot = 2 + len(REGIONS)
    put_row(sh, tot - 1, 9, ["Total", "=SUM(K2:K%d)" % (tot - 1), "=SUM(L2:L%d)" % (tot - 1),
                             "=SUM(M2:M%d)" % (tot - 1), "=SUM(N2:N%d)" % (tot - 1)])
    bold(sh.getCellRangeByName("J%d:P%d" % (tot, tot)))
    fmt(doc, sh.getCellRangeByName("K2:K%d" % tot), "0")
    fmt(doc, sh.getCellRangeByName("L2:L%d" % tot), "#,##0;-#,##0")
    fmt(doc, sh.getCellRangeByName("M2:N%d" % tot), "0")
    fmt(doc, sh.getCellRangeByName("O2:O%d" % tot), "0.0000")
    fmt(doc, sh.getCellRangeByName("P2:P%d" % tot), "0.0")
    autowidth(sh, 16)
    sh.Columns.getByIndex(1).Width = 7000
    freeze(doc, sh, 2, 1)
    add_name(doc, "RegionalAbc", "$Regions.$J$1:$P$%d" % tot)


# The reviews of the sample, made by the commands themselves (docs/commands.md), with the
# arguments a user's dialog would propose for the Sales and Orders sheets; the churn review
# forecasts a quarter (13 weeks) and calls a client lapsed after 90 days without an order,
# which suits a log of one year of monthly buyers.
STAMP_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
FIXED_STAMP = "2025-01-06 09:00"  # the first Monday after the year of the log


def dispatch_review(off, doc, command, args):
    """Runs org.keyaccount.calc:<command> with args on doc's frame; the sheet
    it made, its made-by line's time fixed (reproducible files)."""
    helper = off.service("com.sun.star.frame.DispatchHelper")
    res = helper.executeDispatch(doc.CurrentController.Frame, "org.keyaccount.calc:" + command,
                                 "", 0, tuple(office.prop(k, v) for k, v in args))
    if res.State != 1:  # com.sun.star.frame.DispatchResultState.SUCCESS
        raise SystemExit("%s failed: %s" % (command, res.Result))
    sheet = doc.NamedRanges.getByName("KeyAccounts_" + command).getReferredCells().Spreadsheet
    stamp = sheet.getCellByPosition(0, 1)
    stamp.setString(STAMP_TIME.sub(FIXED_STAMP, stamp.getString()))
    return sheet


def review_print_range(sheet, page_style):
    """Prints sheet from A1 to the right edge of its charts and its last used row, with
    page_style (landscape, one page wide): the chart data far to the right is left out."""
    import uno
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    last_row = cur.getRangeAddress().EndRow
    right = 0
    draw = sheet.DrawPage
    for i in range(draw.Count):
        shape = draw.getByIndex(i)
        right = max(right, shape.Position.X + shape.Size.Width)
    col, x = 0, 0
    while x < right:
        x += sheet.Columns.getByIndex(col).Width
        col += 1
    area = uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
    area.Sheet = sheet.RangeAddress.Sheet
    area.EndColumn, area.EndRow = col - 1, last_row
    sheet.setPrintAreas((area,))
    sheet.PageStyle = page_style


def build_reviews(doc, off, last, n_log):
    """The sheets "Sales review" and "Churn review", each printed one page wide."""
    sales = dispatch_review(off, doc, "SalesReview", [
        ("Clients", "$Sales.$A$2:$A$%d" % last), ("Sales", "$Sales.$Q$2:$Q$%d" % last),
        ("Periods", "$Sales.$E$2:$P$%d" % last), ("Groups", "$Sales.$C$2:$C$%d" % last)])
    n = n_log + 1
    churn = dispatch_review(off, doc, "ChurnReview", [
        ("Orders", "$Orders.$A$2:$A$%d" % n), ("Dates", "$Orders.$B$2:$B$%d" % n),
        ("Amounts", "$Orders.$C$2:$C$%d" % n), ("Unit", 7), ("Horizon", 13), ("LapseDays", 90)])
    styles = doc.StyleFamilies.getByName("PageStyles")
    if not styles.hasByName(REVIEW_PAGE):
        styles.insertByName(REVIEW_PAGE, doc.createInstance("com.sun.star.style.PageStyle"))
    style = styles.getByName(REVIEW_PAGE)
    style.IsLandscape = True
    style.Width, style.Height = 29700, 21000
    style.ScaleToPagesX, style.ScaleToPagesY = 1, 0
    for sheet in (sales, churn):
        review_print_range(sheet, REVIEW_PAGE)


REVIEW_PAGE = "Review"


def build_keyaccount(off, path):
    clients = sales_data()
    n = len(clients)
    last = n + 1  # last data row (1-based)
    doc = new_workbook(off)
    try:
        sheets = doc.Sheets
        sheets.getByIndex(0).Name = "Sales"
        sheets.insertNewByName("Segments", 1)
        sales = sheets.getByName("Sales")
        seg = sheets.getByName("Segments")

        # ---- Sales: A id, B company, C region, D manager, E..P months, Q total
        put_row(sales, 0, 0, ["Client", "Company", "Region", "Account manager"] + MONTHS + ["Total"])
        bold(sales.getCellRangeByName("A1:Q1"))
        sales.getCellRangeByName("A2:P%d" % last).setDataArray(
            tuple(tuple([c[0], c[1], c[2], c[3]] + c[4]) for c in clients))
        fill_down(sales, "Q2:Q%d" % last, ["=SUM(E{r}:P{r})"], 2, last)
        fmt(doc, sales.getCellRangeByName("E2:Q%d" % last), "#,##0;-#,##0")
        put_row(sales, last + 1, 0, ["Total", None, None, None]
                + ["=SUM(%s2:%s%d)" % (col_letter(4 + m), col_letter(4 + m), last) for m in range(13)])
        bold(sales.getCellRangeByName("A%d:Q%d" % (last + 2, last + 2)))
        fmt(doc, sales.getCellRangeByName("E%d:Q%d" % (last + 2, last + 2)), "#,##0;-#,##0")
        autowidth(sales, 17)

        # ---- Segments: one row per client, single-cell formulas filled down
        put_row(seg, 0, 0, ["Client", "Company", "Account manager", "Annual sales", "ABC",
                            "Sales share", "Cumulative share", "Dependency", "CV (12 months)",
                            "XYZ", "ABC-XYZ"])
        bold(seg.getCellRangeByName("A1:K1"))
        values = "$Sales.$Q$2:$Q$%d" % last
        fill_down(seg, "A2:K%d" % last, [
            "=$Sales.A{r}",
            "=$Sales.B{r}",
            "=$Sales.D{r}",
            "=$Sales.Q{r}",
            "=ABCCLASS($Sales.Q{r};%s)" % values,
            "=SALESSHARE($Sales.Q{r};%s)" % values,
            "=PARETOSHARE($Sales.Q{r};%s)" % values,
            # DEPENDENCY gives "" below 10%; an empty text result is not saved
            # in .ods (no office:value-type), so a LibreOffice without the
            # extension would recalculate it to #NAME?: show "-" instead.
            '=IF(DEPENDENCY($Sales.Q{r};%s)="";"-";DEPENDENCY($Sales.Q{r};%s))' % (values, values),
            "=XYZCOEF($Sales.E{r}:P{r})",
            "=XYZCLASS($Sales.E{r}:P{r})",
            "=ABCXYZ($Sales.Q{r};%s;$Sales.E{r}:P{r})" % values,
        ], 2, last)
        fmt(doc, seg.getCellRangeByName("D2:D%d" % last), "#,##0;-#,##0")
        fmt(doc, seg.getCellRangeByName("F2:G%d" % last), "0.00%")
        fmt(doc, seg.getCellRangeByName("I2:I%d" % last), "0.000")
        colour_classes(doc, seg.getCellRangeByName("E2:E%d" % last), "ABC")
        colour_classes(doc, seg.getCellRangeByName("J2:J%d" % last), "XYZ")
        colour_levels(doc, seg.getCellRangeByName("H2:H%d" % last))
        rows = "$K$2:$K$%d" % last

        # ABC-XYZ matrix: M2:Q6
        put_row(seg, 0, 12, ["ABC-XYZ matrix (number of clients)"])
        put_row(seg, 1, 12, ["ABC \\ XYZ", "X", "Y", "Z", "Total"])
        for i, a in enumerate("ABC"):
            r = 3 + i
            put_row(seg, r - 1, 12, [a] + ["=COUNTIF(%s;$M%d&%s$2)" % (rows, r, x) for x in "NOP"]
                    + ["=SUM(N%d:P%d)" % (r, r)])
        put_row(seg, 5, 12, ["Total", "=SUM(N3:N5)", "=SUM(O3:O5)", "=SUM(P3:P5)", "=SUM(Q3:Q5)"])
        fmt(doc, seg.getCellRangeByName("N3:Q6"), "0")
        bold(seg.getCellRangeByName("M1:Q2"))
        bold(seg.getCellRangeByName("M3:M6"))

        # ABC classes: clients and sales per class, M8:P12
        put_row(seg, 7, 12, ["ABC class", "Clients", "Sales", "Share of sales"])
        for i, a in enumerate("ABC"):
            r = 9 + i
            put_row(seg, r - 1, 12, [a, "=COUNTIF($E$2:$E$%d;M%d)" % (last, r),
                                     "=SUMIF($E$2:$E$%d;M%d;$D$2:$D$%d)" % (last, r, last),
                                     "=O%d/SUM($D$2:$D$%d)" % (r, last)])
        put_row(seg, 11, 12, ["Total", "=SUM(N9:N11)", "=SUM(O9:O11)", "=SUM(P9:P11)"])
        fmt(doc, seg.getCellRangeByName("N9:N12"), "0")
        fmt(doc, seg.getCellRangeByName("O9:O12"), "#,##0;-#,##0")
        fmt(doc, seg.getCellRangeByName("P9:P12"), "0.00%")
        bold(seg.getCellRangeByName("M8:P8"))

        # dependency levels, M14:N20
        put_row(seg, 13, 12, ["Dependency level", "Clients", "Sales share"])
        levels = [("critical", "above 50%"), ("high", "above 40%"), ("elevated", "above 20%"),
                  ("key", "10% or more"), ("-", "below 10%")]
        for i, (lvl, text) in enumerate(levels):
            r = 15 + i
            put_row(seg, r - 1, 12, [lvl, "=COUNTIF($H$2:$H$%d;M%d)" % (last, r), text])
        put_row(seg, 19, 12, ["Total", "=SUM(N15:N19)"])
        fmt(doc, seg.getCellRangeByName("N15:N20"), "0")
        bold(seg.getCellRangeByName("M14:O14"))

        # concentration, M22:O27
        put_row(seg, 21, 12, ["Concentration", "Value", "Measure"])
        conc = [("HHI", "0.0000", "sum of squared sales shares (x 10,000 for the antitrust scale)"),
                ("HHINORM", "0.0000", "normalised HHI: 0 = equal clients, 1 = one client"),
                ("N", "0.0", "equivalent number of equal-sized clients (1 / HHI)"),
                ("GINI", "0.000", "Gini coefficient of the positive annual sales"),
                ("TOP20", "0.00%", "share of sales held by the largest 20% of clients")]
        for i, (m, code, text) in enumerate(conc):
            r = 23 + i
            put_row(seg, r - 1, 12, [m, '=CONCENTRATION(%s;"%s")' % (values, m), text])
            fmt(doc, seg.getCellRangeByName("N%d" % r), code)
        bold(seg.getCellRangeByName("M22:O22"))

        # how to read the classes (what the workbook is made of: docs/sample.md)
        notes = ["How to read it",
                 "ABC: A holds the clients of the first 80% of the sales, B the next 15%, C the rest.",
                 "XYZ: coefficient of variation of the 12 months; X up to 0.10, Y up to 0.25, Z above.",
                 "Dependency: the client's share of the sales; \"-\" below 10%."]
        for i, t in enumerate(notes):
            put_row(seg, 28 + i, 12, [t])
        bold(seg.getCellRangeByName("M29"))
        # headings wrapped, the columns as wide as their words and numbers, and the
        # sheet shown at SEGMENTS_ZOOM %, so that the table and the summary blocks
        # to its right are in view without scrolling (widths in 1/100 mm)
        seg.getCellRangeByName("A1:K1").IsTextWrapped = True
        for col, width in enumerate(SEGMENTS_WIDTHS):
            seg.Columns.getByIndex(col).Width = width

        freeze(doc, sales, 2, 1)
        freeze(doc, seg, 2, 1)
        doc.CurrentController.ZoomValue = SEGMENTS_ZOOM
        build_regions(doc, last)
        prev = previous_year(clients)
        prev_last = build_previous_year(doc, prev)
        build_migration(doc, clients, prev, prev_last)
        n_log = build_orders(doc, clients, prev)
        build_reviews(doc, off, last, n_log)
        doc.CurrentController.setActiveSheet(sales)

        add_name(doc, "SegmentTable", "$Segments.$A$1:$K$%d" % last)
        add_name(doc, "AbcXyzMatrix", "$Segments.$M$2:$Q$6")
        add_name(doc, "AbcClasses", "$Segments.$M$8:$P$12")
        add_name(doc, "DependencyLevels", "$Segments.$M$14:$N$20")
        add_name(doc, "ConcentrationFigures", "$Segments.$M$22:$N$27")
        add_name(doc, "AbcMigration", "$Migration.$G$2:$L$7")
        add_name(doc, "AbcMigrationSales", "$Migration.$G$11:$L$16")

        landscape_fit_width(doc)
        finish(doc, path, "Key Account Toolkit - sample",
               "200 invented clients with 12 months of sales, segmented with the "
               "Key Account Toolkit for LibreOffice Calc.")
    finally:
        # LibreOffice 7.4 can abort closing a frame whose windows still have posted
        # events (the sheet switches, freezes and zooms above): let them run first
        off.service("com.sun.star.awt.Toolkit").processEventsToIdle()
        office.close(doc)
    return clients


# ---------------------------------------------------------------- cdnow-churn.ods

def calc_date(yyyymmdd):
    d = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    return float((d - datetime.date(1899, 12, 30)).days)


CALIBRATION_END = "DATE(1997;9;30)"
HOLDOUT_END = "DATE(1998;6;30)"
HOLDOUT_WEEKS = 39  # 1997-09-30 to 1998-06-30: 273 days
HOLDOUT_GROUPS = [("0", "=0"), ("1", "=1"), ("2", "=2"), ("3", "=3"), ("4", "=4"), ("5", "=5"),
                  ("6", "=6"), ("7+", ">=7")]


def freeze_header(doc, sheet, rows=1):
    """Keeps the first `rows` rows in view while scrolling (Window > Freeze)."""
    ctrl = doc.CurrentController
    ctrl.setActiveSheet(sheet)
    ctrl.freezeAtPosition(0, rows)


def add_holdout_chart(sheet, labels, series, anchor_row):
    """A line chart of the per-client averages (expected against actual) by
    calibration frequency, below the table (XTableCharts)."""
    import uno
    rect = uno.createUnoStruct("com.sun.star.awt.Rectangle")
    rect.X, rect.Y, rect.Width, rect.Height = 0, anchor_row, 17000, 9000
    charts = sheet.Charts
    if charts.hasByName("HoldoutChart"):
        charts.removeByName("HoldoutChart")
    charts.addNewByName("HoldoutChart", rect, (labels, series), True, True)
    chart = charts.getByName("HoldoutChart").EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.LineDiagram"))
    chart.HasMainTitle = True
    chart.Title.String = "Holdout purchases per client, by calibration frequency"
    diagram = chart.Diagram
    diagram.HasXAxisTitle = True
    diagram.XAxisTitle.String = "repeat purchases to 1997-09-30"
    diagram.HasYAxisTitle = True
    diagram.YAxisTitle.String = "purchases per client, 1997-10-01 to 1998-06-30"
    diagram.SymbolType = uno.getConstantByName("com.sun.star.chart.ChartSymbolType.AUTO")


def build_cdnow(off, path, top=30):
    orders = []
    with open(os.path.join(DATA, "CDNOW_sample.txt")) as f:
        for line in f:
            p = line.split()
            orders.append((float(int(p[1])), calc_date(p[2]), float(p[3]), float(p[4])))
    with open(os.path.join(DATA, "cdnow_customers_summary.csv")) as f:
        next(f)
        ids = [float(int(line.split(",")[0])) for line in f if line.strip()]
    no, nc = len(orders), len(ids)
    lo, lc = no + 1, nc + 1
    doc = new_workbook(off)
    try:
        sheets = doc.Sheets
        sheets.getByIndex(0).Name = "Orders"
        for i, name in enumerate(["Clients", "Model", "Holdout", "At risk"]):
            sheets.insertNewByName(name, i + 1)
        osh, csh, msh, hsh, rsh = (sheets.getByName(n)
                                   for n in ("Orders", "Clients", "Model", "Holdout", "At risk"))
        log_c, log_d, log_a = ("$Orders.$%s$2:$%s$%d" % (c, c, lo) for c in "ABD")

        # ---- Orders: the raw log
        put_row(osh, 0, 0, ["Client", "Date", "Quantity", "Amount"])
        bold(osh.getCellRangeByName("A1:D1"))
        osh.getCellRangeByName("A2:D%d" % lo).setDataArray(tuple(orders))
        fmt(doc, osh.getCellRangeByName("A2:A%d" % lo), "0")
        fmt(doc, osh.getCellRangeByName("B2:B%d" % lo), "YYYY-MM-DD")
        fmt(doc, osh.getCellRangeByName("C2:C%d" % lo), "0")
        fmt(doc, osh.getCellRangeByName("D2:D%d" % lo), "#,##0.00")
        autowidth(osh, 4)

        # ---- Model: the purchase models (1 x 5) and the spend model (1 x 4)
        put_row(msh, 0, 0, ["Models fitted to the CDNOW sample (weeks, calibration period to "
                            "1997-09-30)"])
        put_row(msh, 2, 0, ["Purchase model", "r", "alpha", "a (s)", "b (beta)", "log-likelihood"])
        put_row(msh, 3, 0, ["BG/NBD"])
        put_row(msh, 4, 0, ["MBG/NBD"])
        put_row(msh, 5, 0, ["Pareto/NBD"])
        rngs = "$Clients.$B$2:$B$%d;$Clients.$C$2:$C$%d;$Clients.$D$2:$D$%d" % (lc, lc, lc)
        msh.getCellRangeByName("B4:F4").setArrayFormula("=BGNBDFIT(%s)" % rngs)
        msh.getCellRangeByName("B5:F5").setArrayFormula("=BGNBDFIT(%s;1)" % rngs)
        msh.getCellRangeByName("B6:F6").setArrayFormula("=BGNBDFIT(%s;2)" % rngs)
        put_row(msh, 7, 0, ["Spend model", "p", "q", "v", "log-likelihood"])
        put_row(msh, 8, 0, ["Gamma-Gamma"])
        msh.getCellRangeByName("B9:E9").setArrayFormula(
            "=GAMMAGAMMAFIT($Clients.$B$2:$B$%d;$Clients.$E$2:$E$%d)" % (lc, lc))
        fmt(doc, msh.getCellRangeByName("B4:E6"), "0.0000")
        fmt(doc, msh.getCellRangeByName("F4:F6"), "#,##0.00")
        fmt(doc, msh.getCellRangeByName("B9:D9"), "0.0000")
        fmt(doc, msh.getCellRangeByName("E9"), "#,##0.00")
        bold(msh.getCellRangeByName("A1"))
        bold(msh.getCellRangeByName("A3:F3"))
        bold(msh.getCellRangeByName("A8:E8"))
        for i, t in enumerate([
                "BG/NBD paper (Fader, Hardie & Lee 2005): r = 0.243, alpha = 4.414, a = 0.793, "
                "b = 2.426, LL = -9582.4.",
                "Pareto/NBD (the same paper): r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, "
                "LL = -9595.0; its a and b cells hold s and beta.",
                "Gamma-Gamma (lifetimes on the same data: 6.2488, 3.7446, 15.4477), fitted over the "
                "946 clients with a repeat purchase.",
                "The Clients sheet uses the BG/NBD row (B4:F4) and the Gamma-Gamma row (B9:E9).",
                "Frequency, Recency, Age and Monetary come from PURCHASESUMMARY over the Orders "
                "sheet (AsOf 1997-09-30, Unit 7 = weeks)."]):
            put_row(msh, 10 + i, 0, [t])
        autowidth(msh, 6)
        msh.Columns.getByIndex(0).Width = 3200

        # ---- Clients: summary with Monetary (one array formula), the models per client
        put_row(csh, 0, 0, ["Client", "Repeat purchases", "Recency (weeks)", "Age (weeks)",
                            "Monetary (mean repeat spend)", "Churn risk",
                            "Expected purchases (39 weeks)", "Expected spend per purchase",
                            "CLV (12 months)", "Spent to 1997-09-30",
                            "Holdout purchases (to 1998-06-30)", "Rank key (frequency >= 2)"])
        bold(csh.getCellRangeByName("A1:L1"))
        csh.getCellRangeByName("A2:A%d" % lc).setDataArray(tuple((i,) for i in ids))
        csh.getCellRangeByName("B2:E%d" % lc).setArrayFormula(
            "=PURCHASESUMMARY(A2:A%d;%s;%s;%s;7;%s)" % (lc, log_c, log_d, CALIBRATION_END, log_a))
        params, gg = "$Model.$B$4:$F$4", "$Model.$B$9:$E$9"
        fill_down(csh, "F2:J%d" % lc, [
            "=CHURNRISK(B{r};C{r};D{r};%s)" % params,
            # the holdout is 39 weeks long: this is also the holdout forecast
            "=EXPECTEDPURCHASES(%d;B{r};C{r};D{r};%s)" % (HOLDOUT_WEEKS, params),
            "=EXPECTEDSPEND(B{r};E{r};%s)" % gg,
            # 12 months discounted at 1% a month; the model is in weeks
            "=CLV(B{r};C{r};D{r};%s;H{r};12;0.01;4.345)" % params,
            # amount bought up to the end of the calibration period
            '=SUMIFS(%s;%s;A{r};%s;"<="&%s)' % (log_a, log_c, log_d, CALIBRATION_END),
        ], 2, lc)
        csh.getCellRangeByName("K2:K%d" % lc).setArrayFormula(
            "=PURCHASECOUNT(A2:A%d;%s;%s;%s;%s)" % (lc, log_c, log_d, CALIBRATION_END, HOLDOUT_END))
        # churn risk, ties broken by row (earlier client first) so that
        # LARGE + MATCH can rank without SORT (which LibreOffice 7.4 lacks)
        fill_down(csh, "L2:L%d" % lc, ['=IF(B{r}>=2;F{r}-ROW()*1E-12;"")'], 2, lc)
        fmt(doc, csh.getCellRangeByName("A2:B%d" % lc), "0")
        fmt(doc, csh.getCellRangeByName("C2:D%d" % lc), "0.00")
        fmt(doc, csh.getCellRangeByName("E2:E%d" % lc), "#,##0.00")
        fmt(doc, csh.getCellRangeByName("F2:F%d" % lc), "0.0%")
        fmt(doc, csh.getCellRangeByName("G2:G%d" % lc), "0.000")
        fmt(doc, csh.getCellRangeByName("H2:J%d" % lc), "#,##0.00")
        fmt(doc, csh.getCellRangeByName("K2:K%d" % lc), "0")
        fmt(doc, csh.getCellRangeByName("L2:L%d" % lc), "0.000000000")
        autowidth(csh, 12)
        csh.Columns.getByIndex(11).IsVisible = False  # the rank key of At risk: a helper

        # ---- Holdout: expected against actual holdout purchases by calibration frequency
        put_row(hsh, 0, 0, ["Calibration to 1997-09-30, holdout 1997-10-01 to 1998-06-30 "
                            "(39 weeks): BG/NBD forecast against the purchases made"])
        bold(hsh.getCellRangeByName("A1"))
        put_row(hsh, 2, 0, ["Repeat purchases to 1997-09-30", "Clients",
                            "Actual per client", "Expected per client",
                            "Actual purchases", "Expected purchases"])
        bold(hsh.getCellRangeByName("A3:F3"))
        freq, actual, expected = ("$Clients.$%s$2:$%s$%d" % (c, c, lc) for c in "BKG")
        first = 4
        for i, (label, crit) in enumerate(HOLDOUT_GROUPS):
            r = first + i
            hsh.getCellByPosition(0, r - 1).setString(label)
            put_row(hsh, r - 1, 1, [
                '=COUNTIF(%s;"%s")' % (freq, crit),
                "=E%d/B%d" % (r, r),
                "=F%d/B%d" % (r, r),
                '=SUMIF(%s;"%s";%s)' % (freq, crit, actual),
                '=SUMIF(%s;"%s";%s)' % (freq, crit, expected)])
        total = first + len(HOLDOUT_GROUPS)
        last_group = total - 1
        put_row(hsh, total - 1, 0, [
            "All clients", "=SUM(B%d:B%d)" % (first, last_group), "=E%d/B%d" % (total, total),
            "=F%d/B%d" % (total, total), "=SUM(E%d:E%d)" % (first, last_group),
            "=SUM(F%d:F%d)" % (first, last_group)])
        bold(hsh.getCellRangeByName("A%d:F%d" % (total, total)))
        hsh.getCellRangeByName("A%d:A%d" % (first, last_group)).HoriJustify = uno_enum(
            "com.sun.star.table.CellHoriJustify", "RIGHT")
        fmt(doc, hsh.getCellRangeByName("B%d:B%d" % (first, total)), "#,##0")
        fmt(doc, hsh.getCellRangeByName("C%d:D%d" % (first, total)), "0.00")
        fmt(doc, hsh.getCellRangeByName("E%d:E%d" % (first, total)), "#,##0")
        fmt(doc, hsh.getCellRangeByName("F%d:F%d" % (first, total)), "#,##0.0")
        notes = [
            "Actual: PURCHASECOUNT of the holdout window per client (Clients!K); expected: "
            "EXPECTEDPURCHASES over the 39 holdout weeks (Clients!G),",
            "both summed over the clients with the same number of repeat purchases in the "
            "calibration period (the last group: 7 or more).",
            "Compare with the conditional expectations figure of Fader, Hardie & Lee (2005), "
            "\"Counting your customers\" the easy way, on the same data."]
        for i, t in enumerate(notes):
            put_row(hsh, total + 1 + i, 0, [t])
        autowidth(hsh, 6)
        import uno
        labels = uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
        series = uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
        labels.Sheet = series.Sheet = hsh.RangeAddress.Sheet
        labels.StartColumn = labels.EndColumn = 0
        series.StartColumn, series.EndColumn = 2, 3
        labels.StartRow = series.StartRow = first - 2  # the header row names the series
        labels.EndRow = series.EndRow = last_group - 1
        chart_top = hsh.getCellByPosition(0, total + 5).Position.Y
        add_holdout_chart(hsh, labels, series, chart_top)

        # ---- At risk: repeat buyers (frequency >= 2) ranked by churn risk
        put_row(rsh, 0, 0, ["Repeat buyers (2+ repeat purchases) most at risk of having lapsed"])
        bold(rsh.getCellRangeByName("A1"))
        put_row(rsh, 2, 0, ["Rank", "Client", "Repeat purchases", "Recency (weeks)", "Age (weeks)",
                            "Churn risk", "Expected purchases (39 weeks)", "Spent to 1997-09-30",
                            "CLV (12 months)", "Row"])
        bold(rsh.getCellRangeByName("A3:J3"))
        key = "$Clients.$L$2:$L$%d" % lc
        first, lastr = 4, 3 + top
        rsh.getCellRangeByName("A%d:A%d" % (first, lastr)).setDataArray(
            tuple((float(k),) for k in range(1, top + 1)))
        fill_down(rsh, "B%d:J%d" % (first, lastr), [
            "=INDEX($Clients.$A$2:$A$%d;J{r})" % lc,
            "=INDEX($Clients.$B$2:$B$%d;J{r})" % lc,
            "=INDEX($Clients.$C$2:$C$%d;J{r})" % lc,
            "=INDEX($Clients.$D$2:$D$%d;J{r})" % lc,
            "=INDEX($Clients.$F$2:$F$%d;J{r})" % lc,
            "=INDEX($Clients.$G$2:$G$%d;J{r})" % lc,
            "=INDEX($Clients.$J$2:$J$%d;J{r})" % lc,
            "=INDEX($Clients.$I$2:$I$%d;J{r})" % lc,
            "=MATCH(LARGE(%s;A{r});%s;0)" % (key, key),
        ], first, lastr)
        fmt(doc, rsh.getCellRangeByName("A%d:C%d" % (first, lastr)), "0")
        fmt(doc, rsh.getCellRangeByName("D%d:E%d" % (first, lastr)), "0.00")
        fmt(doc, rsh.getCellRangeByName("F%d:F%d" % (first, lastr)), "0.0%")
        fmt(doc, rsh.getCellRangeByName("G%d:G%d" % (first, lastr)), "0.000")
        fmt(doc, rsh.getCellRangeByName("H%d:I%d" % (first, lastr)), "#,##0.00")
        fmt(doc, rsh.getCellRangeByName("J%d:J%d" % (first, lastr)), "0")
        autowidth(rsh, 10)
        rsh.Columns.getByIndex(9).IsVisible = False  # the client's row on Clients: a helper

        add_name(doc, "HoldoutCheck", "$Holdout.$A$3:$F$%d" % total)
        for sh, rows in ((osh, 1), (csh, 1), (hsh, 3), (rsh, 3)):
            freeze_header(doc, sh, rows)
        doc.CurrentController.setActiveSheet(csh)
        finish(doc, path, "Key Account Toolkit - CDNOW churn and lifetime value sample",
               "BG/NBD churn risk and expected purchases, Gamma-Gamma spend and lifetime value "
               "on the CDNOW sample, with a calibration/holdout check (Fader, Hardie & Lee 2005).")
    finally:
        office.close(doc)


def normalise(path):
    """Makes the saved file byte-for-byte reproducible: fixes the save date and
    editing time LibreOffice writes into meta.xml and the zip entries' times
    (the mimetype entry stays first and stored, as ODF requires)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in entries:
            if info.filename == "meta.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<dc:date>[^<]*</dc:date>", "<dc:date>2024-05-17T12:00:00</dc:date>", text)
                text = re.sub(r"<meta:editing-duration>[^<]*</meta:editing-duration>",
                              "<meta:editing-duration>PT0S</meta:editing-duration>", text)
                text = re.sub(r"<meta:editing-cycles>[^<]*</meta:editing-cycles>",
                              "<meta:editing-cycles>1</meta:editing-cycles>", text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 5, 17, 12, 0, 0))
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            out.writestr(zi, data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- verification

def verify(off, path):
    doc = off.load(path)
    try:
        doc.calculateAll()
        bad = office.error_cells(doc)
        n = formula_count(doc)
        sheets = [doc.Sheets.getByIndex(i).Name for i in range(doc.Sheets.Count)]
    finally:
        office.close(doc)
    if bad:
        raise SystemExit("%s: error cells after reload: %s" % (path, bad))
    print("  reloaded %s: sheets %s, %d formula cells, no error" % (
        os.path.relpath(path, ROOT), ", ".join(sheets), n))


def verify_plain(path):
    """Opens the workbook in a LibreOffice without the extension: the saved
    values of the single-cell sheets must still show (no #NAME?).  The review
    sheets are array formulas, which LibreOffice recalculates on load: they
    need the extension (or Share a copy with values), and are not checked."""
    off = office.Office(os.path.join(BUILD, "sample-plain-profile"), extension=False)
    try:
        off.start()
        doc = off.load(path)
        try:
            reviews = ("Sales review: ", "Churn review: ")
            bad = [b for b in office.error_cells(doc) if not b.startswith(reviews)]
        finally:
            office.close(doc)
    finally:
        off.stop()
    if bad:
        raise SystemExit("%s without the extension: error cells %s" % (path, bad))
    print("  without the extension: %s still shows every saved value outside the reviews"
          % os.path.relpath(path, ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=["keyaccount", "cdnow"])
    ap.add_argument("--check-plain", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(office.OXT):
        raise SystemExit("%s is missing: run `make oxt` first" % office.OXT)
    os.makedirs(EXAMPLES, exist_ok=True)
    ka = os.path.join(EXAMPLES, "keyaccount-sample.ods")
    cd = os.path.join(EXAMPLES, "cdnow-churn.ods")
    for p in (ka, cd):
        lock = os.path.join(os.path.dirname(p), ".~lock.%s#" % os.path.basename(p))
        if os.path.exists(lock):
            raise SystemExit("%s is open in LibreOffice (lock file %s): close it first, or delete "
                             "the lock file if that office is gone" % (p, lock))
    off = office.Office(os.path.join(BUILD, "sample-profile"))
    try:
        off.start()
        if args.only in (None, "keyaccount"):
            build_keyaccount(off, ka)
            normalise(ka)
            print("wrote %s" % os.path.relpath(ka, ROOT))
            verify(off, ka)
        if args.only in (None, "cdnow"):
            build_cdnow(off, cd)
            normalise(cd)
            print("wrote %s" % os.path.relpath(cd, ROOT))
            verify(off, cd)
    finally:
        off.stop()
        office.stop_all()
    if args.check_plain and args.only in (None, "keyaccount"):
        verify_plain(ka)


if __name__ == "__main__":
    main()
