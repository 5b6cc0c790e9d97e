"""examples/cdnow-churn.ods (made by tools/make_sample.py): its spend, lifetime
value and calibration/holdout cells hold what the functions give, both as
saved and after a hard recalculation, and what the data say; what an office
without the extension shows of it (docs/notes-cached-values.md).  Both sample
workbooks look finished (FinishedLook): frozen headings, the summary of
Segments in view, number formats, class and dependency colours, helper
columns hidden, no text meant for developers."""
import collections
import os
import re
import shutil
import unittest
import zipfile

import office

DATA = os.path.join(office.ROOT, "tests", "data")
WORKBOOK = os.path.join(office.ROOT, "examples", "cdnow-churn.ods")
SAMPLE = os.path.join(office.ROOT, "examples", "keyaccount-sample.ods")
PERCENT = 128  # com.sun.star.util.NumberFormat.PERCENT
# What only a developer would write on a sheet: the tools, the file format,
# the way a formula is built.
DEVELOPER_TEXTS = ("make_sample", "tools/", ".ods", "INDEX(MIGRATION", "SORT and FILTER",
                   "single-cell formula", "LibreOffice 7.4", "extension", "MATCH of LARGE")
N = 2357
LAST = N + 1  # last client row of the Clients sheet


def monetary_csv():
    """Frequency and Monetary per client number, as tools/make_cdnow_monetary.py wrote them."""
    with open(os.path.join(DATA, "cdnow_customers_monetary.csv")) as f:
        next(f)
        return {int(p[0]): (float(p[1]), float(p[2])) for p in (line.split(",") for line in f)}


def holdout_counts():
    """Distinct purchase days per client number in (1997-09-30, 1998-06-30]."""
    days = collections.defaultdict(set)
    with open(os.path.join(DATA, "CDNOW_sample.txt")) as f:
        for line in f:
            _, number, date, _, _ = line.split()
            if "19970930" < date <= "19980630":
                days[int(number)].add(date)
    return {k: len(v) for k, v in days.items()}


class CdnowSample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        path = office.out_path("cdnow-churn.ods")  # a copy: no lock file in examples/
        shutil.copyfile(WORKBOOK, path)
        cls.doc = office.shared_office().load(path)
        cls.saved = {name: cls.grid(name, rng) for name, rng in cls.CHECKED}
        cls.doc.calculateAll()

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    # the cells this test reads: the new columns and blocks of the walk-through
    CHECKED = (("Clients", "A2:K%d" % LAST), ("Model", "B4:F9"), ("Holdout", "A4:F12"))

    @classmethod
    def grid(cls, sheet, rng):
        return [list(r) for r in cls.doc.Sheets.getByName(sheet).getCellRangeByName(rng)
                .getDataArray()]

    def typed(self, formula):
        """What formula gives when typed into a spare cell of the workbook."""
        cell = self.doc.Sheets.getByName("Model").getCellRangeByName("H20")
        cell.setFormula(formula)
        self.doc.calculate()  # the new cell only: the rest is up to date
        value = office.cell_value(cell)
        cell.setString("")
        return value

    def test_saved_values_are_what_the_formulas_give(self):
        # .ods keeps a value as decimal text, which need not round-trip the
        # last bit (a SUMIFS total of 32.27 comes back as 32.269999999999996)
        for name, rng in self.CHECKED:
            now = self.grid(name, rng)
            for i, (row, saved_row) in enumerate(zip(now, self.saved[name])):
                for j, (got, saved) in enumerate(zip(row, saved_row)):
                    where = "%s row %d column %d" % (name, i, j)
                    if isinstance(saved, float):
                        self.assertAlmostEqual(got, saved, delta=1e-14 * max(1.0, abs(saved)),
                                               msg=where)
                    else:
                        self.assertEqual(got, saved, where)
        self.assertEqual(office.error_cells(self.doc), [])

    def test_monetary_and_gamma_gamma_fit(self):
        clients = self.grid("Clients", "A2:E%d" % LAST)
        ref = monetary_csv()
        self.assertEqual(len(clients), N)
        for row in clients:
            x, m = ref[int(row[0])]
            self.assertEqual(row[1], x, row[0])
            self.assertAlmostEqual(row[4], m, delta=1e-9 * max(1.0, m), msg=row[0])  # %.10g
        p, q, v, ll = self.grid("Model", "B9:E9")[0]
        for got, want in zip((p, q, v, ll), (6.2496, 3.7442, 15.4435, -4055.92)):
            self.assertAlmostEqual(got, want, delta=6e-5 if abs(want) < 100 else 6e-3)
        array = self.typed("=INDEX(GAMMAGAMMAFIT($Clients.B2:B%d;$Clients.E2:E%d);1;3)"
                           % (LAST, LAST))
        self.assertEqual(array, v)

    def test_expected_spend_and_clv_per_client(self):
        rows = self.grid("Clients", "A2:K%d" % LAST)
        p, q, v = self.grid("Model", "B9:D9")[0]
        for row in rows:
            x, m, spend = row[1], row[4], row[7]
            want = p * (v + x * m) / (p * x + q - 1)
            self.assertAlmostEqual(spend, want, delta=1e-9 * want, msg=row[0])
            self.assertGreaterEqual(row[8], 0.0)
        # client 1 (row 2): the README's figures; then single formulas typed anew
        self.assertAlmostEqual(rows[0][7], 24.654, delta=5e-4)
        self.assertAlmostEqual(rows[0][8], 36.274, delta=5e-4)
        for r in (2, 3, 4, 1901 + 1):
            row = rows[r - 2]
            self.assertEqual(self.typed("=EXPECTEDSPEND($Clients.B%d;$Clients.E%d;$Model.B9:E9)"
                                        % (r, r)), row[7], r)
            self.assertEqual(self.typed("=CLV($Clients.B%d;$Clients.C%d;$Clients.D%d;"
                                        "$Model.B4:F4;$Clients.H%d;12;0.01;4.345)"
                                        % (r, r, r, r)), row[8], r)
            self.assertEqual(self.typed("=EXPECTEDPURCHASES(39;$Clients.B%d;$Clients.C%d;"
                                        "$Clients.D%d;$Model.B4:F4)" % (r, r, r)), row[6], r)

    def test_holdout_counts_and_table(self):
        rows = self.grid("Clients", "A2:K%d" % LAST)
        counts = holdout_counts()
        for row in rows:
            self.assertEqual(row[10], counts.get(int(row[0]), 0), row[0])
        self.assertEqual(self.typed('=INDEX(PURCHASECOUNT($Clients.A2:A%d;$Orders.A2:A6920;'
                                    '$Orders.B2:B6920;DATE(1997;9;30);DATE(1998;6;30));1901;1)'
                                    % LAST), rows[1900][10])
        groups = collections.defaultdict(lambda: [0, 0.0, 0.0])
        for row in rows:
            g = groups[min(int(row[1]), 7)]
            g[0] += 1
            g[1] += row[10]
            g[2] += row[6]
        table = self.grid("Holdout", "A4:F12")
        labels = [t[0] for t in table]
        self.assertEqual(labels, ["0", "1", "2", "3", "4", "5", "6", "7+", "All clients"])
        for k, t in enumerate(table[:8]):
            n, actual, expected = groups[k]
            self.assertEqual(t[1], n, t[0])
            self.assertEqual(t[4], actual, t[0])
            self.assertAlmostEqual(t[5], expected, delta=1e-9 * max(1.0, expected), msg=t[0])
            self.assertAlmostEqual(t[2], actual / n, delta=1e-12, msg=t[0])
            self.assertAlmostEqual(t[3], expected / n, delta=1e-12, msg=t[0])
        total = table[8]
        self.assertEqual(total[1], N)
        self.assertEqual(total[4], sum(counts.values()))
        self.assertEqual(total[4], 1882)
        self.assertAlmostEqual(total[5], sum(r[6] for r in rows), delta=1e-9 * total[5])

    def test_holdout_chart(self):
        charts = self.doc.Sheets.getByName("Holdout").Charts
        self.assertEqual(charts.ElementNames, ("HoldoutChart",))
        data = charts.getByName("HoldoutChart").EmbeddedObject.Data
        self.assertEqual(data.RowDescriptions, ("0", "1", "2", "3", "4", "5", "6", "7+"))
        self.assertEqual(data.ColumnDescriptions, ("Actual per client", "Expected per client"))
        table = self.grid("Holdout", "C4:D11")
        self.assertEqual([list(r) for r in data.Data], table)


class CdnowWithoutExtension(unittest.TestCase):
    """Every value of the toolkit in the example hangs off array formulas
    (PURCHASESUMMARY and PURCHASECOUNT per client, the BGNBDFIT and
    GAMMAGAMMAFIT rows), which LibreOffice recalculates on load: without the
    extension those show #NAME?, and so does every cell computed from them,
    the single-cell CHURNRISK, EXPECTEDPURCHASES, EXPECTEDSPEND and CLV
    columns included, whatever their style.  Nothing else is lost."""

    def test_only_arrays_and_what_is_computed_from_them_are_lost(self):
        path = office.out_path("cdnow-churn-plain.ods")
        shutil.copyfile(WORKBOOK, path)
        plain = office.Office(office.profile_path("plain-profile"), extension=False).start()
        try:
            doc = plain.load(path)
            lost = collections.Counter()
            kept = collections.Counter()
            for i in range(doc.Sheets.Count):
                sh = doc.Sheets.getByIndex(i)
                for a in sh.queryContentCells(16).getRangeAddresses():  # CellFlags.FORMULA
                    rng = sh.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn,
                                                    a.EndRow)
                    for r, row in enumerate(rng.getFormulaArray()):
                        for c, f in enumerate(row):
                            if "KEYACCOUNT." not in f.upper():
                                continue
                            key = (sh.Name, chr(65 + a.StartColumn + c),
                                   "array" if f.startswith("{") else "single")
                            err = rng.getCellByPosition(c, r).getError()
                            (lost if err else kept)[key] += 1
            errors = office.error_cells(doc)
            office.close(doc)
        finally:
            plain.stop()
        self.assertEqual(kept, collections.Counter())
        want = {("Clients", col, "array"): N for col in "BCDEK"}
        want.update({("Clients", col, "single"): N for col in "FGHI"})
        want.update({("Model", col, "array"): 4 for col in "BCDE"})
        want[("Model", "F", "array")] = 3
        self.assertEqual(dict(lost), want)
        self.assertEqual(errors, ["Clients: Clients.B2:I%d,Clients.K2:L%d" % (LAST, LAST),
                                  "Model: Model.B4:F6,Model.B9:E9", "Holdout: Holdout.C4:D12",
                                  "At risk: 'At risk'.B4:J33"])
class SampleReviews(unittest.TestCase):
    """The sample holds the sales review of its Sales sheet and the churn
    review of its Orders log, made by the commands (tools/make_sample.py):
    after reopening the file, both sheets, their named ranges and charts are
    there, the saved values are what a recalculation gives, and a few cells
    equal the toolkit's functions typed on the sample's data."""

    LOG = "$Orders.$A$2:$A$8943;$Orders.$B$2:$B$8943"  # the order log (2023 and 2024)
    SALES = "$Sales.$Q$2:$Q$201"

    @classmethod
    def setUpClass(cls):
        path = office.out_path("reviews-" + os.path.basename(SAMPLE))
        shutil.copyfile(SAMPLE, path)
        cls.doc = office.shared_office().load(path)
        cls.sales = cls.review("SalesReview")
        cls.churn = cls.review("ChurnReview")
        cls.saved = {sh.Name: cls.used(sh) for sh in (cls.sales, cls.churn)}
        cls.doc.calculateAll()

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    @classmethod
    def review(cls, command):
        name = cls.doc.NamedRanges.getByName("KeyAccounts_" + command)
        return name.getReferredCells().Spreadsheet

    @staticmethod
    def used(sheet):
        cur = sheet.createCursor()
        cur.gotoEndOfUsedArea(False)
        return [list(r) for r in cur.getDataArray()]

    def typed(self, formula):
        """What formula gives when typed into a spare cell of the workbook."""
        cell = self.doc.Sheets.getByName("Monthly").getCellRangeByName("Z1")
        cell.setFormula(formula)
        self.doc.calculate()
        value = office.cell_value(cell)
        cell.setString("")
        return value

    def value(self, sheet, name):
        return office.cell_value(sheet.getCellRangeByName(name))

    def test_both_review_sheets_with_their_names_and_charts(self):
        names = self.doc.Sheets.ElementNames
        self.assertEqual(names[-2:], ("Sales review", "Churn review"))
        self.assertEqual(self.sales.Charts.ElementNames, ("SalesPareto", "SalesConcentration"))
        self.assertEqual(self.churn.Charts.ElementNames, ("ChurnModelCheck", "ChurnLapses"))
        self.assertEqual(self.sales.DrawPage.Count, 2)
        self.assertEqual(self.churn.DrawPage.Count, 2)
        self.assertEqual(office.error_cells(self.doc), [])

    def test_saved_values_are_what_a_recalculation_gives(self):
        for sheet in (self.sales, self.churn):
            now = self.used(sheet)
            self.assertEqual(len(now), len(self.saved[sheet.Name]), sheet.Name)
            for i, (row, saved_row) in enumerate(zip(now, self.saved[sheet.Name])):
                for j, (got, saved) in enumerate(zip(row, saved_row)):
                    where = "%s row %d column %d" % (sheet.Name, i + 1, j + 1)
                    if isinstance(saved, float):
                        self.assertAlmostEqual(got, saved, delta=1e-12 * max(1.0, abs(saved)),
                                               msg=where)
                    else:
                        self.assertEqual(got, saved, where)

    def test_sales_review_equals_the_functions(self):
        sh = self.sales
        for r in (2, 19, 65, 130, 201):  # rows of the Sales sheet; K0018 and K0064 among them
            row = r + 3  # the review's clients start on row 5, in the source's order
            self.assertEqual(self.value(sh, "A%d" % row), self.value(
                self.doc.Sheets.getByName("Sales"), "A%d" % r))
            for col, formula in (
                    ("B", "=$Sales.Q{r}"),
                    ("C", "=SALESSHARE($Sales.Q{r};{s})"),
                    ("D", "=PARETOSHARE($Sales.Q{r};{s})"),
                    ("E", "=ABCCLASS($Sales.Q{r};{s})"),
                    ("F", "=DEPENDENCY($Sales.Q{r};{s})"),
                    ("G", "=XYZCLASS($Sales.E{r}:P{r})"),
                    ("H", "=ABCXYZ($Sales.Q{r};{s};$Sales.E{r}:P{r})"),
                    ("I", "=$Sales.C{r}")):
                want = self.typed(formula.format(r=r, s=self.SALES))
                got = self.value(sh, "%s%d" % (col, row))
                if isinstance(want, float):
                    self.assertAlmostEqual(got, want, delta=1e-12, msg="%s%d" % (col, row))
                else:
                    self.assertEqual(got, want, "%s%d" % (col, row))
        self.assertEqual(self.value(sh, "F22"), "elevated")  # K0018, the sample's largest client
        # the matrix of client counts: the same as the Segments sheet's single-cell one
        matrix = sh.getCellRangeByName("L14:N16").getDataArray()
        segments = self.doc.Sheets.getByName("Segments").getCellRangeByName("N3:P5").getDataArray()
        self.assertEqual(matrix, segments)
        for k, measure in enumerate(("HHI", "HHINORM", "N", "GINI", "TOP20")):
            want = self.typed('=CONCENTRATION(%s;"%s")' % (self.SALES, measure))
            self.assertAlmostEqual(self.value(sh, "L%d" % (28 + k)), want, delta=1e-12 * want,
                                   msg=measure)

    def test_churn_review_equals_the_functions(self):
        sh = self.churn
        rows = [list(r) for r in sh.getCellRangeByName("A6:K213").getDataArray()]
        ids = [r[0] for r in rows]
        self.assertEqual(ids, sorted(ids))
        self.assertEqual(len(ids), 208)  # 200 clients of 2024 and the 8 lost after 2023
        asof = self.value(sh, "N6")
        self.assertEqual(asof, self.typed("=MAX($Orders.$B$2:$B$8943)"))
        fit = sh.getCellRangeByName("N21:R21").getDataArray()[0]
        for k in range(5):
            self.assertAlmostEqual(fit[k], self.typed(
                "=INDEX(BGNBDFIT($'Churn review'.E6:E213;$'Churn review'.F6:F213;"
                "$'Churn review'.G6:G213);1;%d)" % (k + 1)), delta=1e-9 * abs(fit[k]))
        for client in ("K0001", "K0018", "K0064", "K0201", "K0208"):
            i = ids.index(client)
            row = rows[i]
            for k in range(3):  # repeat purchases, recency, age in weeks
                self.assertAlmostEqual(row[4 + k], self.typed(
                    '=INDEX(PURCHASESUMMARY("%s";%s;%r;7);1;%d)' % (client, self.LOG, asof, k + 1)),
                    delta=1e-12, msg=client)
            cells = "$'Churn review'.E{r};$'Churn review'.F{r};$'Churn review'.G{r};" \
                    "$'Churn review'.N21:R21".format(r=i + 6)
            self.assertEqual(row[7], self.typed("=CHURNRISK(%s)" % cells), client)
            self.assertEqual(row[8], self.typed("=EXPECTEDPURCHASES(13;%s)" % cells), client)
        # the clients lost after 2023 bought monthly then, and nothing since: at risk, lapsed
        for client in ("K0201", "K0208"):
            row = rows[ids.index(client)]
            self.assertGreater(row[7], 0.9, client)
            self.assertEqual(row[10], True, client)


class FinishedLook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.docs = {}
        for source in (SAMPLE, WORKBOOK):
            path = office.out_path("finished-" + os.path.basename(source))
            shutil.copyfile(source, path)
            cls.docs[os.path.basename(source)] = office.shared_office().load(path)

    @classmethod
    def tearDownClass(cls):
        for doc in cls.docs.values():
            office.close(doc)

    @staticmethod
    def view_settings(workbook):
        """Per sheet, the view settings the file keeps (settings.xml): the
        frozen columns and rows ((0, 0) when none) and the zoom."""
        with zipfile.ZipFile(workbook) as z:
            xml = z.read("settings.xml").decode("utf-8")
        tables = xml[xml.index('config:name="Tables"'):]
        out = {}
        for m in re.finditer(r'<config:config-item-map-entry config:name="([^"]+)">(.*?)'
                             r'</config:config-item-map-entry>', tables, re.S):
            item = {k: int(v) for k, v in re.findall(
                r'config:name="(\w+)" config:type="(?:int|short)">(-?\d+)<', m.group(2))}
            if "VerticalSplitMode" in item and m.group(1) not in out:
                fixed = [item[k + "SplitPosition"] if item[k + "SplitMode"] == 2 else 0
                         for k in ("Horizontal", "Vertical")]
                out[m.group(1)] = (tuple(fixed), item.get("ZoomValue"))
        return out

    def format_of(self, doc, sheet, cell):
        key = doc.Sheets.getByName(sheet).getCellRangeByName(cell).NumberFormat
        f = doc.NumberFormats.getByKey(key)
        return f.FormatString, f.Type

    def test_headings_frozen(self):
        want = {SAMPLE: {"Sales": (2, 1), "Segments": (2, 1), "Regions": (2, 1),
                         "Previous year": (1, 1), "Migration": (1, 1), "Orders": (0, 1),
                         "Monthly": (1, 1), "Sales review": (1, 4), "Churn review": (1, 5)},
                WORKBOOK: {"Orders": (0, 1), "Clients": (0, 1), "Holdout": (0, 3),
                           "At risk": (0, 3)}}
        for workbook, sheets in want.items():
            views = self.view_settings(workbook)
            for sheet, split in sheets.items():
                self.assertEqual(views[sheet][0], split, (workbook, sheet))

    def test_summary_of_segments_in_view(self):
        """The table and its summary blocks (to column Q), at the sheet's zoom,
        are narrower than what a 1400-pixel window shows of a sheet (about
        32 cm at 100 %, without the row headers, the scroll bar and the
        sidebar's tab bar): nothing to scroll to see them."""
        zoom = self.view_settings(SAMPLE)["Segments"][1]
        cols = self.docs["keyaccount-sample.ods"].Sheets.getByName("Segments").Columns
        widths = [cols.getByIndex(i).Width for i in range(17)]
        self.assertLessEqual(sum(widths) * zoom / 100, 32000, (widths, zoom))
        self.assertTrue(all(w >= 1000 for i, w in enumerate(widths) if i != 11), widths)

    def test_number_formats(self):
        sample, cdnow = self.docs["keyaccount-sample.ods"], self.docs["cdnow-churn.ods"]
        for sheet, cell in (("Sales", "E2"), ("Sales", "Q2"), ("Segments", "D2"),
                            ("Regions", "D2"), ("Orders", "C2")):
            self.assertIn("#,##0", self.format_of(sample, sheet, cell)[0], (sheet, cell))
        for sheet, cell in (("Segments", "F2"), ("Segments", "G2"), ("Regions", "G2")):
            self.assertTrue(self.format_of(sample, sheet, cell)[1] & PERCENT, (sheet, cell))
        self.assertTrue(self.format_of(cdnow, "Clients", "F2")[1] & PERCENT)
        self.assertIn("#,##0.00", self.format_of(cdnow, "Clients", "I2")[0])

    def test_class_and_dependency_colours(self):
        doc = self.docs["keyaccount-sample.ods"]
        styles = doc.StyleFamilies.getByName("CellStyles")
        for sheet, cells, codes, prefix in (
                ("Segments", "E2:E201", "ABC", "Class"), ("Segments", "J2:J201", "XYZ", "Class"),
                ("Segments", "H2:H201", ("critical", "high", "elevated", "key"), "Dependency"),
                ("Regions", "E2:F201", "ABC", "Class"), ("Previous year", "Q2:Q195", "ABC", "Class"),
                ("Migration", "B2:C209", "ABC", "Class")):
            cf = doc.Sheets.getByName(sheet).getCellRangeByName(cells).ConditionalFormat
            got = {cf.getByIndex(i).Formula1.strip('"'): cf.getByIndex(i).StyleName
                   for i in range(cf.Count)}
            self.assertEqual(got, {c: "%s %s" % (prefix, c) for c in codes}, (sheet, cells))
            for style in got.values():
                self.assertNotEqual(styles.getByName(style).CellBackColor, -1, style)

    def test_helper_columns_hidden(self):
        cdnow = self.docs["cdnow-churn.ods"]
        self.assertFalse(cdnow.Sheets.getByName("Clients").Columns.getByIndex(11).IsVisible)
        self.assertFalse(cdnow.Sheets.getByName("At risk").Columns.getByIndex(9).IsVisible)

    def test_no_text_for_developers(self):
        for name, doc in self.docs.items():
            for i in range(doc.Sheets.Count):
                sh = doc.Sheets.getByIndex(i)
                texts = sh.queryContentCells(4)  # com.sun.star.sheet.CellFlags.STRING
                for a in texts.getRangeAddresses():
                    rng = sh.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn,
                                                    a.EndRow)
                    for row in rng.getDataArray():
                        for v in row:
                            for word in DEVELOPER_TEXTS:
                                if isinstance(v, str) and word in v:
                                    self.fail("%s, sheet %s: %r" % (name, sh.Name, v))


if __name__ == "__main__":
    unittest.main()
