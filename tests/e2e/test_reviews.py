"""The review sheets (docs/reviews.md) and PARETOCURVE, in a real office.

SalesReview is dispatched as a macro would (DispatchHelper on the
document's frame) on random client tables (seeded): the review's classes,
shares and counts equal the toolkit's functions typed on the same data;
its charts exist and read the review's own cells; the ABC-XYZ matrices have
their colour scale; a changed source cell changes the review after a
recalculation; a second run replaces the sheet; three runs on a document in a
real window, then its close, leave the office running (issue 11); bad inputs, a 1,048,576-row
column included, fail with a message and leave the document as it was."""
import random
import time
import unittest

import office
from office import prop
from test_screenshot import OfficeUnderXvfb

CMD = "org.keyaccount.calc:SalesReview"
SUCCESS, FAILURE = 1, 0
REVIEW = "Sales review"  # the sheet's name in English
DATA_COL_CURVE = 33  # AH: PARETOCURVE's block on the review sheet (src/ka_sales_plan.c)
FIRST_ROW = 4  # the review's first client row (0-based): headings on row 3


def dispatch(off, doc, *args):
    helper = off.service("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    return helper.executeDispatch(frame, CMD, "", 0, tuple(args))


def client_table(off, n, seed, periods=12, groups=("North", "South", "East"), visible=False):
    """A workbook with sheet Data: A ids, B annual sales, C.. periods, then the group;
    visible: in a frame of its own (a hidden one's view has no size to freeze in)."""
    rnd = random.Random(seed)
    doc = office.open_visible(off) if visible else off.new_calc()
    sh = doc.Sheets.getByIndex(0)
    sh.Name = "Data"
    gcol = 2 + periods
    rows = [["Client", "Sales"] + ["M%d" % (m + 1) for m in range(periods)] + ["Region"]]
    for i in range(n):
        base = rnd.lognormvariate(8, 1.5) if i else 400000.0  # one big client
        months = [round(base / 12 * rnd.uniform(0.2 if i % 3 else 0.9, 1.8)) for _ in range(periods)]
        rows.append(["K%04d" % (i + 1), sum(months)] + months + [groups[i % len(groups)]])
    sh.getCellRangeByPosition(0, 0, gcol, n).setDataArray(tuple(tuple(r) for r in rows))
    return doc


def review_sheet(doc):
    return doc.Sheets.getByName(REVIEW)


def column(sh, col, first, n):
    r = sh.getCellRangeByPosition(col, first, col, first + n - 1)
    return [row[0] for row in r.getDataArray()]


def state(doc):
    """What a bad input must not change: sheet names, every sheet's cells, isModified."""
    out = []
    for i in range(doc.Sheets.Count):
        sh = doc.Sheets.getByIndex(i)
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        end = cur.getRangeAddress()
        out.append((sh.Name, sh.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
                    .getFormulaArray()))
    return out, doc.isModified()


class SalesReview(unittest.TestCase):
    N = 60

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.doc = client_table(cls.office, cls.N, seed=11)
        n = cls.N + 1
        cls.args = (prop("Clients", "Data.A2:A%d" % n), prop("Periods", "$Data.$C$2:$N$%d" % n),
                    prop("Groups", "Data.O2:O%d" % n))
        cls.result = office.within(cls.office, 120, dispatch, cls.office, cls.doc, *cls.args)
        cls.doc.calculateAll()

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def test_dispatch_succeeds(self):
        self.assertEqual(self.result.State, SUCCESS, self.result.Result)
        self.assertIn(REVIEW, self.result.Result)
        self.assertEqual(office.error_cells(self.doc), [])

    def test_made_by_line(self):
        sh = review_sheet(self.doc)
        self.assertEqual(sh.getCellRangeByName("A1").getString(), REVIEW)
        line = sh.getCellRangeByName("A2").getString()
        self.assertIn("Made by Sales review from Clients $Data.$A$2:$A$61", line)
        self.assertIn("Periods $Data.$C$2:$N$61", line)
        self.assertEqual(sh.getCellRangeByName("A4").getString(), "Client")

    def test_per_client_equals_the_functions(self):
        """Every per-client column equals the toolkit's function typed on the source."""
        sh = review_sheet(self.doc)
        data = self.doc.Sheets.getByName("Data")
        n, last = self.N, self.N + 1
        checks = {  # review column: the same function on the source ranges
            1: "=MMULT(C2:N%d;TRANSPOSE(COLUMN(C2:N%d)^0))" % (last, last),
            2: "=SALESSHARE(B2:B{0};B2:B{0})",
            3: "=PARETOSHARE(B2:B{0};B2:B{0})",
            4: "=ABCCLASS(B2:B{0};B2:B{0})",
            5: "=DEPENDENCY(B2:B{0};B2:B{0})",
            6: "=XYZCLASS(C2:N{0})",
            7: "=ABCXYZ(B2:B{0};B2:B{0};C2:N{0})",
        }
        for col, formula in checks.items():
            target = data.getCellRangeByPosition(20, 1, 20, n)
            target.setArrayFormula(formula.format(last))
            self.doc.calculateAll()
            want = [row[0] for row in target.getDataArray()]
            got = column(sh, col, FIRST_ROW, n)
            if isinstance(want[0], float):
                for g, w in zip(got, want):
                    self.assertAlmostEqual(g, w, places=9, msg="column %d" % col)
            else:
                self.assertEqual(got, want, "column %d" % col)
        self.assertEqual(column(sh, 0, FIRST_ROW, n), column(data, 0, 1, n))
        self.assertEqual(column(sh, 8, FIRST_ROW, n), column(data, 14, 1, n))
        data.getCellRangeByPosition(20, 1, 20, n).clearContents(1023)

    def test_summaries(self):
        sh = review_sheet(self.doc)
        classes = column(sh, 4, FIRST_ROW, self.N)
        sales = column(sh, 1, FIRST_ROW, self.N)
        summary = sh.getCellRangeByName("K6:N8").getDataArray()
        for k, cls in enumerate("ABC"):
            self.assertEqual(summary[k][0], cls)
            self.assertEqual(summary[k][1], classes.count(cls))
            self.assertAlmostEqual(summary[k][2], sum(s for s, c in zip(sales, classes)
                                                      if c == cls), places=6)
        self.assertEqual(sh.getCellRangeByName("L9").getValue(), self.N)
        self.assertAlmostEqual(sh.getCellRangeByName("N9").getValue(), 1.0, places=12)
        # the matrix of counts: every client once
        abcxyz = column(sh, 7, FIRST_ROW, self.N)
        matrix = sh.getCellRangeByName("L14:N16").getDataArray()
        for i, a in enumerate("ABC"):
            for j, x in enumerate("XYZ"):
                self.assertEqual(matrix[i][j], abcxyz.count(a + x))
        # dependency: the one big client
        deps = column(sh, 5, FIRST_ROW, self.N)
        levels = [v[0] for v in sh.getCellRangeByName("L21:L24").getDataArray()]
        self.assertEqual(levels, [deps.count(x) for x in ("critical", "high", "elevated", "key")])
        # concentration equals CONCENTRATION on the source
        data = self.doc.Sheets.getByName("Data")
        for k, m in enumerate(("HHI", "HHINORM", "N", "GINI", "TOP20")):
            c = data.getCellRangeByName("U1")
            c.setFormula('=CONCENTRATION(B2:B%d;"%s")' % (self.N + 1, m))
            self.doc.calculateAll()
            self.assertAlmostEqual(sh.getCellByPosition(11, 27 + k).getValue(), c.getValue(),
                                   places=9, msg=m)
        data.getCellRangeByName("U1").setString("")
        # key accounts: the clients with a share >= 10 %, largest first
        shares = column(sh, 2, FIRST_ROW, self.N)
        ids = column(sh, 0, FIRST_ROW, self.N)
        want = [i for s, i in sorted(zip(shares, ids), key=lambda t: -t[0]) if s >= 0.1]
        got = [v[0] for v in sh.getCellRangeByName("K37:K46").getDataArray() if v[0]]
        self.assertEqual(got, want)
        self.assertGreaterEqual(len(got), 1)
        # by group: counts and sales per region
        groups = column(sh, 8, FIRST_ROW, self.N)
        rows = sh.getCellRangeByName("K51:M53").getDataArray()
        self.assertEqual([r[0] for r in rows], sorted(set(groups)))
        for label, count, total in rows:
            self.assertEqual(count, groups.count(label))
            self.assertAlmostEqual(total, sum(s for s, g in zip(sales, groups) if g == label),
                                   places=6)

    def test_charts_read_the_review(self):
        sh = review_sheet(self.doc)
        charts = sh.getCharts()
        self.assertEqual(sorted(charts.getElementNames()), ["SalesConcentration", "SalesPareto"])
        index = sh.getRangeAddress().Sheet
        pareto = charts.getByName("SalesPareto")
        columns = set()
        for r in pareto.getRanges():  # Calc joins the adjacent ones
            self.assertEqual(r.Sheet, index)
            self.assertEqual(r.StartRow, FIRST_ROW)  # the heading row: the series' names
            self.assertEqual(r.EndRow, FIRST_ROW + self.N)
            columns.update(range(r.StartColumn, r.EndColumn + 1))
        # client, sales, cumulative share; the A and B limits
        c = DATA_COL_CURVE
        self.assertEqual(columns, {c, c + 1, c + 2, c + 4, c + 5})
        chart = pareto.getEmbeddedObject()
        self.assertTrue(chart.HasMainTitle)
        self.assertIn("Pareto", chart.getTitle().String)
        diagram = chart.getDiagram()
        self.assertEqual(diagram.getDiagramType(), "com.sun.star.chart.BarDiagram")
        self.assertEqual(diagram.NumberOfLines, 3)
        self.assertTrue(diagram.HasSecondaryYAxis)
        self.assertEqual(diagram.getDataRowProperties(1).Axis, 4)  # SECONDARY_Y
        curve = charts.getByName("SalesConcentration")
        self.assertEqual(curve.getEmbeddedObject().getDiagram().getDiagramType(),
                         "com.sun.star.chart.XYDiagram")
        for r in curve.getRanges():
            self.assertEqual(r.Sheet, index)

    def test_matrix_has_colour_scale(self):
        sh = review_sheet(self.doc)
        formats = sh.ConditionalFormats.getConditionalFormats()
        self.assertEqual(len(formats), 2)
        found = []
        for f in formats:
            found.append(f.Range.getRangeAddressesAsString())
            entry = f.getByIndex(0)
            self.assertEqual(entry.getType(), 1)  # ConditionEntryType.COLORSCALE
            self.assertGreaterEqual(len(entry.ColorScaleEntries), 2)
        self.assertEqual(sorted(found), ["$'Sales review'.L14:N16", "$'Sales review'.P14:R16"]
                         if "$" in found[0] else sorted(found))

    def test_source_change_followed(self):
        sh = review_sheet(self.doc)
        data = self.doc.Sheets.getByName("Data")
        cell = data.getCellRangeByName("C3")  # client 2, first month
        old = cell.getValue()
        before = sh.getCellByPosition(1, FIRST_ROW + 1).getValue()
        try:
            cell.setValue(old + 5000000)
            self.doc.calculateAll()
            self.assertAlmostEqual(sh.getCellByPosition(1, FIRST_ROW + 1).getValue(),
                                   before + 5000000, places=3)
            self.assertEqual(sh.getCellByPosition(4, FIRST_ROW + 1).getString(), "A")
            self.assertEqual(sh.getCellRangeByName("K37").getString(), "K0002")
            curve = sh.getCellByPosition(DATA_COL_CURVE, FIRST_ROW + 1).getString()
            self.assertEqual(curve, "K0002")
        finally:
            cell.setValue(old)
            self.doc.calculateAll()

    def test_rerun_replaces_the_sheet(self):
        names = list(self.doc.Sheets.ElementNames)
        res = office.within(self.office, 120, dispatch, self.office, self.doc, *self.args)
        self.assertEqual(res.State, SUCCESS, res.Result)
        self.assertEqual(list(self.doc.Sheets.ElementNames), names)
        res = office.within(self.office, 120, dispatch, self.office, self.doc,
                            *(self.args + (prop("Replace", False),)))
        self.assertEqual(res.State, FAILURE, res.Result)
        self.assertIn("Replace", res.Result)
        self.assertEqual(list(self.doc.Sheets.ElementNames), names)
        # a renamed review is still the one replaced
        review_sheet(self.doc).Name = "Q3 review"
        res = office.within(self.office, 120, dispatch, self.office, self.doc, *self.args)
        self.assertEqual(res.State, SUCCESS, res.Result)
        self.assertIn("Q3 review", res.Result)
        self.assertEqual(len(self.doc.Sheets.ElementNames), len(names))
        self.doc.Sheets.getByName("Q3 review").Name = REVIEW


class SalesOnly(unittest.TestCase):
    """Annual sales without periods and groups: no XYZ, no matrix, no groups."""

    def test_sales_column(self):
        off = office.shared_office()
        doc = client_table(off, 500, seed=5)
        try:
            res = office.within(off, 120, dispatch, off, doc, prop("Clients", "Data.A2:A2000"),
                                prop("Sales", "Data.B2:B2000"), prop("SheetName", "Review 2026"))
            self.assertEqual(res.State, SUCCESS, res.Result)
            doc.calculateAll()
            sh = doc.Sheets.getByName("Review 2026")
            self.assertEqual(office.error_cells(doc), [])
            self.assertEqual(sh.getCellRangeByName("L9").getValue(), 500)  # rows trimmed
            self.assertEqual(sh.getCellRangeByName("G4").getString(), "")  # no XYZ column
            self.assertEqual(len(sh.ConditionalFormats.getConditionalFormats()), 0)
            # 500 clients: the curve has 200 rows, 100 clients then percentile blocks
            curve = sh.getCellRangeByPosition(DATA_COL_CURVE, FIRST_ROW + 1,
                                              DATA_COL_CURVE + 3, FIRST_ROW + 200).getDataArray()
            self.assertEqual(curve[99][0][:1], "K")
            self.assertEqual(curve[100][0], "20.8%")
            self.assertEqual(curve[-1][0], "100%")
            self.assertAlmostEqual(curve[-1][2], 1.0, places=12)
        finally:
            office.close(doc)


class LargeTable(unittest.TestCase):
    """25,000 clients: the text columns are written as array formulas of
    10,000 rows (LibreOffice 7.4 converts an add-in's text array in
    quadratic time), each against all the sales; the classes are those of
    the whole table."""

    def test_split_columns(self):
        off = office.shared_office()
        n = 25000
        doc = client_table(off, n, seed=21, periods=3, groups=("X",))
        try:
            res = office.within(off, 300, dispatch, off, doc, prop("Clients", "Data.A2:A25001"),
                                prop("Sales", "Data.B2:B25001"))
            self.assertEqual(res.State, SUCCESS, res.Result)
            sh = review_sheet(doc)
            cur = sh.createCursorByRange(sh.getCellByPosition(4, FIRST_ROW + 10000))
            cur.collapseToCurrentArray()
            a = cur.getRangeAddress()
            self.assertEqual((a.StartRow, a.EndRow), (FIRST_ROW + 10000, FIRST_ROW + 19999))
            data = doc.Sheets.getByName("Data")
            for i in (0, 9999, 10000, 24999):
                c = data.getCellByPosition(20, 1 + i)
                c.setFormula("=ABCCLASS(B%d;B$2:B$25001)" % (2 + i))
                d = data.getCellByPosition(21, 1 + i)
                d.setFormula("=SALESSHARE(B%d;B$2:B$25001)" % (2 + i))
            doc.calculateAll()
            for i in (0, 9999, 10000, 24999):
                self.assertEqual(sh.getCellByPosition(4, FIRST_ROW + i).getString(),
                                 data.getCellByPosition(20, 1 + i).getString(), i)
                self.assertAlmostEqual(sh.getCellByPosition(2, FIRST_ROW + i).getValue(),
                                       data.getCellByPosition(21, 1 + i).getValue(), places=12)
            self.assertEqual(office.error_cells(doc), [])
        finally:
            office.close(doc)


class BothReviewsFrozen(unittest.TestCase):
    """SalesReview then ChurnReview on one workbook, as a script runs them:
    each command leaves its review the active sheet, and each review keeps
    its own frozen headings (the sales review's client column and four
    rows, the churn review's client column and five rows), in the view
    and in the saved file."""

    def test_each_review_keeps_its_split(self):
        off = office.shared_office()
        doc = client_table(off, 40, seed=31, visible=True)
        try:
            rnd = random.Random(31)
            log = [[1 + i % 60, 35000 + rnd.randrange(700), float(rnd.randrange(10, 200))]
                   for i in range(600)]
            doc.Sheets.insertNewByName("Log", 1)
            doc.Sheets.getByName("Log").getCellRangeByPosition(0, 0, 2, len(log) - 1) \
                .setDataArray(tuple(tuple(r) for r in log))
            ctrl = doc.getCurrentController()
            want = {}
            for command, args, name, split in (
                    ("SalesReview", (prop("Clients", "Data.A2:A41"),
                                     prop("Sales", "Data.B2:B41")), REVIEW, (1, 4)),
                    ("ChurnReview", (prop("Orders", "Log.A1:A600"), prop("Dates", "Log.B1:B600"),
                                     prop("Amounts", "Log.C1:C600")), "Churn review", (1, 5))):
                helper = off.service("com.sun.star.frame.DispatchHelper")
                res = office.within(off, 300, helper.executeDispatch, ctrl.getFrame(),
                                    "org.keyaccount.calc:" + command, "", 0, args)
                self.assertEqual(res.State, SUCCESS, res.Result)
                self.assertEqual(ctrl.getActiveSheet().Name, name)
                self.assertEqual((ctrl.getSplitColumn(), ctrl.getSplitRow()), split, name)
                want[name] = split
            for name, split in want.items():
                ctrl.setActiveSheet(doc.Sheets.getByName(name))
                self.assertEqual((ctrl.getSplitColumn(), ctrl.getSplitRow()), split, name)
            path = office.out_path("both-reviews.ods")
            doc.storeToURL(office.url(path), (prop("FilterName", "calc8"),))
        finally:
            office.close(doc)
        saved = office.shared_office().load(path)
        try:
            ctrl = saved.getCurrentController()
            for name, split in want.items():
                ctrl.setActiveSheet(saved.Sheets.getByName(name))
                self.assertEqual((ctrl.getSplitColumn(), ctrl.getSplitRow()), split, name)
        finally:
            office.close(saved)


class RerunThenClose(unittest.TestCase):
    """Issue 11: ChurnReview run three times on a document in a real window
    (Xvfb; the headless office never aborted), then the document closed:
    7.4 aborted in the close while the colour scales came in through
    XSpreadsheets2.importSheet.  The office must still answer, and the last
    review keeps its colour scale."""

    def test_office_answers_after_close(self):
        with OfficeUnderXvfb("") as x:
            off = x.office
            doc = office.open_visible(off)
            rnd = random.Random(11)
            log = [[1 + i % 60, 35000 + rnd.randrange(700), float(rnd.randrange(10, 200))]
                   for i in range(600)]
            sh = doc.Sheets.getByIndex(0)
            sh.getCellRangeByPosition(0, 0, 2, len(log) - 1).setDataArray(
                tuple(tuple(r) for r in log))
            name = sh.Name
            args = (prop("Orders", "%s.A1:A600" % name), prop("Dates", "%s.B1:B600" % name),
                    prop("Amounts", "%s.C1:C600" % name))
            helper = off.service("com.sun.star.frame.DispatchHelper")
            for _ in range(3):
                res = office.within(off, 300, helper.executeDispatch,
                                    doc.getCurrentController().getFrame(),
                                    "org.keyaccount.calc:ChurnReview", "", 0, args)
                self.assertEqual(res.State, SUCCESS, res.Result)
            self.assertEqual(doc.Sheets.Count, 2)
            scales = doc.Sheets.getByName("Churn review").ConditionalFormats
            self.assertGreater(scales.Length, 0)
            office.close(doc)
            probe = off.new_calc()
            self.assertEqual(probe.Sheets.Count, 1)
            office.close(probe)


class InTheUsersLanguage(unittest.TestCase):
    """With the toolkit's language set to Latvian, the sheet, its headings, its
    chart titles and the result speak Latvian; the codes stay as they are."""

    OPTION = ("/org.keyaccount.calc.Settings/General", "Language")

    def test_latvian(self):
        off = office.shared_office()
        doc = client_table(off, 30, seed=8)
        off.set_config(*self.OPTION, "lv")
        try:
            res = office.within(off, 120, dispatch, off, doc, prop("Clients", "Data.A2:A31"),
                                prop("Periods", "Data.C2:N31"))
            self.assertEqual(res.State, SUCCESS, res.Result)
            self.assertIn("Pārdošanas pārskats", res.Result)
            sh = doc.Sheets.getByName("Pārdošanas pārskats")
            self.assertEqual(sh.getCellRangeByName("A4").getString(), "Klients")
            self.assertEqual(sh.getCellRangeByName("K4").getString(), "ABC klases")
            self.assertEqual(sh.getCellRangeByName("K21").getString(), "kritiska (daļa > 50 %)")
            self.assertIn(sh.getCellRangeByName("E5").getString(), ("A", "B", "C"))
            chart = sh.getCharts().getByName("SalesPareto").getEmbeddedObject()
            self.assertTrue(chart.getTitle().String.startswith("Pareto diagramma"))
            bad = office.within(off, 120, dispatch, off, doc, prop("Clients", "Data.A2:A31"))
            self.assertIn("Pārdošanas pārskatam vajag argumentus", bad.Result)
        finally:
            off.set_config(*self.OPTION, "")
            office.close(doc)


class BadInput(unittest.TestCase):
    """Each fails with a message; the document stays as it was."""

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.doc = client_table(cls.office, 20, seed=3)
        data = cls.doc.Sheets.getByName("Data")
        data.getCellRangeByName("Q2").setString("text")
        data.getCellRangeByName("R2:R21").setDataArray(tuple(("x",) for _ in range(20)))
        cls.doc.setModified(False)
        cls.before = state(cls.doc)

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def fails(self, *args):
        res = office.within(self.office, 120, dispatch, self.office, self.doc, *args)
        self.assertEqual(res.State, FAILURE, res.Result)
        self.assertEqual(state(self.doc), self.before)
        return res.Result

    def test_without_arguments(self):
        # none of its arguments: the dialog, which a hidden document has no window for
        # (docs/commands.md, The review dialogs and Prefill)
        self.assertIn("needs a document window", self.fails())
        self.assertIn("needs the arguments Clients and Sales or Periods",
                      self.fails(prop("Clients", "Data.A2:A21")))

    def test_not_a_range(self):
        self.assertIn("not a range", self.fails(prop("Clients", "Nowhere.A2:A21"),
                                                prop("Sales", "Data.B2:B21")))

    def test_not_one_column(self):
        self.assertIn("one column", self.fails(prop("Clients", "Data.A2:A21"),
                                               prop("Sales", "Data.B2:C21")))

    def test_not_aligned(self):
        self.assertIn("same rows", self.fails(prop("Clients", "Data.A2:A21"),
                                              prop("Sales", "Data.B2:B20")))
        self.assertIn("same rows", self.fails(prop("Clients", "Data.A2:A21"),
                                              prop("Periods", "Data.C2:N25")))

    def test_no_numbers(self):
        self.assertIn("no positive number", self.fails(prop("Clients", "Data.A2:A21"),
                                                       prop("Sales", "Data.P2:P21")))
        self.assertIn("holds a text", self.fails(prop("Clients", "Data.A2:A21"),
                                                 prop("Sales", "Data.R2:R21")))
        self.assertIn("holds a text", self.fails(prop("Clients", "Data.A2:A21"),
                                                 prop("Periods", "Data.O2:R21")))

    def test_empty_selection(self):
        self.assertIn("no client id", self.fails(prop("Clients", "Data.P2:P21"),
                                                 prop("Sales", "Data.B2:B21")))

    def test_few_periods(self):
        self.assertIn("at least 3", self.fails(prop("Clients", "Data.A2:A21"),
                                               prop("Periods", "Data.C2:D21")))

    def test_whole_column(self):
        """A 1,048,576-row column is refused at once, before a cell is read."""
        t0 = time.time()
        msg = self.fails(prop("Clients", "Data.A1:A1048576"), prop("Sales", "Data.B1:B1048576"))
        self.assertIn("1048576 rows", msg)
        self.assertLess(time.time() - t0, 10)


class ParetoCurve(unittest.TestCase):
    def setUp(self):
        self.s = office.Sheet()

    def tearDown(self):
        self.s.close()

    def test_descending_with_labels(self):
        self.s.column("A1", ["K1", "K2", "K3", "K4", "K5"])
        self.s.column("B1", [10, 40, None, 30, -5])
        got = self.s.array("D1:G5", "=PARETOCURVE(B1:B5;A1:A5)")
        self.assertEqual([r[0] for r in got], ["K2", "K4", "K1", "K3", "K5"])
        self.assertEqual([r[1] for r in got], [40, 30, 10, 0, -5])
        for g, w in zip([r[2] for r in got], [0.5, 0.875, 1, 1, 1]):
            self.assertAlmostEqual(g, w, places=12)
        self.assertEqual([r[3] for r in got], [0.2, 0.4, 0.6, 0.8, 1.0])

    def test_ranks_without_labels(self):
        got = self.s.array("D1:G3", "=PARETOCURVE({5;1;3})")
        self.assertEqual([r[0] for r in got], [1, 2, 3])
        self.assertEqual([r[1] for r in got], [5, 3, 1])

    def test_percentile_blocks(self):
        self.s.column("A1", list(range(1, 1001)))
        got = self.s.array("C1:F10", "=PARETOCURVE(A1:A1000;;10)")
        self.assertEqual([r[1] for r in got[:5]], [1000, 999, 998, 997, 996])
        self.assertEqual([r[0] for r in got[5:]], ["20.4%", "40.3%", "60.2%", "80.1%", "100%"])
        self.assertAlmostEqual(got[9][2], 1.0, places=12)
        self.assertAlmostEqual(got[9][1], 100, places=9)  # ranks 801-999: 199 .. 1

    def test_errors(self):
        self.assertEqual(self.s.formula("A1", "=PARETOCURVE({0;-1})"), ("error", 502))
        self.assertEqual(self.s.formula("A2", "=PARETOCURVE({1;2};{1})"), ("error", 502))
        self.assertEqual(self.s.formula("A3", "=PARETOCURVE({1;2};;0)"), ("error", 502))


if __name__ == "__main__":
    unittest.main()
