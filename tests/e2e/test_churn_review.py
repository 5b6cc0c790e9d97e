"""The churn review (org.keyaccount.calc:ChurnReview, docs/commands.md,
docs/reviews.md) dispatched in a real office as a macro would, on the CDNOW
log of Fader, Hardie & Lee (2005) and on a seeded random log with text ids:
the review's columns and lists equal the toolkit's functions on the same
data (PURCHASESUMMARY, BGNBDFIT, CHURNRISK, EXPECTEDPURCHASES, TOPCLIENTS,
LAPSESBYMONTH); its charts draw the review's own cells; the P(alive) matrix
has its colour scale; an edited log cell changes the review after a
recalculation; a re-run replaces the sheet; bad input fails with a message
and leaves the document as it was."""
import datetime
import random
import unittest

import office
from office import prop
from test_churn import cdnow_log, summary_rows

CMD = "org.keyaccount.calc:ChurnReview"
SUCCESS, FAILURE = 1, 0  # com.sun.star.frame.DispatchResultState
AS_OF = 35703  # 1997-09-30, the end of CDNOW's calibration period
FIRST_ROW = 5  # the client table's first row (0-based), below its headings
TOP = 20       # rows of a ranked list


def dispatch(off, doc, *args):
    helper = off.service("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    return office.within(off, 300, helper.executeDispatch, frame, CMD, "", 0, tuple(args))


def log_doc(off, lines, name="Log"):
    """A new workbook whose first sheet, named name, holds the log: A client,
    B date, C amount, a heading row above."""
    doc = off.new_calc()
    sh = doc.Sheets.getByIndex(0)
    sh.Name = name
    sh.getCellRangeByName("A1:C1").setDataArray((("Client", "Date", "Amount"),))
    for start in range(0, len(lines), 20000):
        part = lines[start:start + 20000]
        sh.getCellRangeByName("A%d:C%d" % (start + 2, start + 1 + len(part))).setDataArray(
            tuple(tuple(r) for r in part))
    return doc


def log_args(n, amounts=True, name="Log", **options):
    args = [prop("Orders", "%s.A2:A%d" % (name, n + 1)), prop("Dates", "%s.B2:B%d" % (name, n + 1))]
    if amounts:
        args.append(prop("Amounts", "%s.C2:C%d" % (name, n + 1)))
    return args + [prop(k, v) for k, v in options.items()]


def sheet_names(doc):
    return list(doc.Sheets.ElementNames)


def column(sh, col, first, n):
    return [r[0] for r in sh.getCellRangeByPosition(col, first, col, first + n - 1).getDataArray()]


def block(sh, col0, row0, col1, row1):
    return [list(r) for r in sh.getCellRangeByPosition(col0, row0, col1, row1).getDataArray()]


def find_text(sh, text, col=12, rows=200):
    """The row (0-based) of the first cell of column col showing text."""
    for r, (v,) in enumerate(sh.getCellRangeByPosition(col, 0, col, rows).getDataArray()):
        if v == text:
            return r
    raise AssertionError("%r not in column %d" % (text, col))


class Review:
    """A built review: its sheet and the blocks the tests read."""

    def __init__(self, doc, n_clients):
        self.doc = doc
        names = sheet_names(doc)
        self.sheet = doc.Sheets.getByName(names[-1])
        self.n = n_clients

    def clients(self):
        return block(self.sheet, 0, FIRST_ROW, 10, FIRST_ROW + self.n - 1)


def compare_with_functions(test, doc, review, n_lines, amounts, unit, horizon, as_of_formula):
    """The review's per-client columns against the toolkit's functions typed
    on a scratch sheet of the same document over the same log."""
    doc.Sheets.insertNewByName("Check", len(doc.Sheets))
    ck = doc.Sheets.getByName("Check")
    name = review.sheet.Name
    n = review.n
    last = FIRST_ROW + n
    ids = "$'%s'.$A$%d:$A$%d" % (name, FIRST_ROW + 1, last)
    log_ = "$Log.$A$2:$A$%d;$Log.$B$2:$B$%d" % (n_lines + 1, n_lines + 1)
    ck.getCellRangeByPosition(0, 0, 2, n - 1).setArrayFormula(
        "=PURCHASESUMMARY(%s;%s;%s;%s)" % (ids, log_, as_of_formula, unit))
    ck.getCellRangeByPosition(4, 0, 8, 1).setArrayFormula("=BGNBDFIT(A1:A%d;B1:B%d;C1:C%d)"
                                                          % (n, n, n))
    ck.getCellRangeByPosition(10, 0, 10, n - 1).setArrayFormula(
        "=CHURNRISK(A1:A%d;B1:B%d;C1:C%d;E1:I2)" % (n, n, n))
    ck.getCellRangeByPosition(11, 0, 11, n - 1).setArrayFormula(
        "=EXPECTEDPURCHASES(%s;A1:A%d;B1:B%d;C1:C%d;E1:I2)" % (horizon, n, n, n))
    doc.calculateAll()
    try:
        got = review.clients()
        summary = block(ck, 0, 0, 2, n - 1)
        risk = column(ck, 10, 0, n)
        expected = column(ck, 11, 0, n)
        for i in range(n):
            test.assertEqual(got[i][4:7], summary[i], "client row %d" % i)
            test.assertEqual(got[i][7], risk[i])
            test.assertEqual(got[i][8], expected[i])
        fit = block(ck, 4, 0, 8, 1)
        r0 = find_text(review.sheet, "The fitted model (BG/NBD, in the time unit)")
        test.assertEqual(block(review.sheet, 13, r0 + 2, 17, r0 + 3), fit)
        return fit
    finally:
        doc.Sheets.removeByName("Check")


class CdnowReview(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.log = cdnow_log()
        cls.doc = log_doc(cls.office, cls.log)
        cls.res = dispatch(cls.office, cls.doc, *log_args(len(cls.log), Unit=7, Horizon=39,
                                                          LapseDays=180, AsOf=AS_OF))
        cls.clients = len({c for c, d, _ in cls.log if d <= AS_OF})

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def setUp(self):
        self.assertEqual(self.res.State, SUCCESS, self.res.Result)
        self.review = Review(self.doc, self.clients)

    def test_made_a_sheet_with_a_message(self):
        self.assertEqual(sheet_names(self.doc), ["Log", "Churn review"])
        self.assertIn("Churn review", self.res.Result)
        sh = self.review.sheet
        self.assertEqual(sh.getCellByPosition(0, 0).getString(), "Churn review")
        self.assertIn("Orders $Log.$A$2:$A$6920", sh.getCellByPosition(0, 1).getString())
        self.assertEqual(office.error_cells(self.doc), [])

    def test_the_paper_s_summary_and_fit(self):
        got = self.review.clients()
        rows = summary_rows()  # ids 1..2357 ascending, as PURCHASECLIENTS lists them
        self.assertEqual([r[0] for r in got], [float(r[0]) for r in rows])
        for g, (cid, x, tx, T) in zip(got, rows):
            self.assertEqual(g[4], x)
            self.assertAlmostEqual(g[5], tx, delta=0.006)
            self.assertAlmostEqual(g[6], T, delta=0.006)
        fit = compare_with_functions(self, self.doc, self.review, len(self.log), True, 7, 39,
                                     AS_OF)
        for got_v, want in zip(fit[0][:5], (0.2426, 4.4135, 0.7929, 2.4258, -9582.43)):
            self.assertAlmostEqual(got_v, want, delta=abs(want) * 1e-3)

    def test_model_check_and_its_chart(self):
        sh = self.review.sheet
        r0 = find_text(sh, "Model check: clients by number of repeat purchases")
        check = block(sh, 12, r0 + 2, 14, r0 + 9)
        self.assertEqual([r[0] for r in check], [0, 1, 2, 3, 4, 5, 6, "7+"])
        self.assertEqual([r[1] for r in check], [1411, 439, 214, 100, 62, 38, 29, 64])
        self.assertAlmostEqual(check[1][2], 460.32, delta=0.01)
        charts = sh.getCharts()
        self.assertEqual(sorted(charts.ElementNames), ["ChurnLapses", "ChurnModelCheck"])
        ranges = charts.getByName("ChurnModelCheck").getRanges()
        self.assertEqual(len(ranges), 1)
        a = ranges[0]
        self.assertEqual((a.Sheet, a.StartColumn, a.EndColumn, a.StartRow, a.EndRow),
                         (sh.RangeAddress.Sheet, 12, 14, r0 + 1, r0 + 9))
        model = charts.getByName("ChurnModelCheck").getEmbeddedObject()
        self.assertEqual(model.getTitle().String,
                         "Model check: clients by repeat purchases, actual and expected")
        self.assertEqual(len(model.getDiagram().getDataRowProperties(1).PropertySetInfo
                             .getProperties()) > 0, True)

    def test_lists(self):
        sh = self.review.sheet
        got = self.review.clients()
        repeat = sorted((-g[7], g[0]) for g in got if g[4] > 0)
        r0 = find_text(sh, "Clients at risk: repeat buyers, the highest churn risk first")
        listed = block(sh, 12, r0 + 2, 13, r0 + 1 + TOP)
        self.assertEqual(listed, [[cid, -neg] for neg, cid in repeat[:TOP]])
        new = sorted((-g[9], g[0]) for g in got if g[4] == 0)
        r0 = find_text(sh, "Clients without a repeat purchase yet: a group of their own")
        self.assertIn("P(alive) = 1", sh.getCellByPosition(12, r0 + 1).getString())
        listed = block(sh, 12, r0 + 3, 13, r0 + 2 + TOP)
        self.assertEqual(listed, [[cid, -neg] for neg, cid in new[:TOP]])
        lapsed = sorted((-g[3], g[0]) for g in got if g[9] >= 180)
        self.assertTrue(all(g[10] == (g[9] >= 180) for g in got))
        r0 = find_text(sh, "Win-back list: lapsed clients, by what they bought")
        listed = block(sh, 12, r0 + 2, 13, r0 + 1 + TOP)
        self.assertEqual(listed, [[cid, -neg] for neg, cid in lapsed[:TOP]])
        # what they bought: their amounts up to AsOf, summed here
        bought = {}
        for c, d, a in self.log:
            if d <= AS_OF:
                bought[c] = bought.get(c, 0) + a
        for g in got[:50]:
            self.assertAlmostEqual(g[3], bought[int(g[0])], delta=1e-6)

    def test_lapses_per_month(self):
        sh = self.review.sheet
        got = self.review.clients()
        r0 = find_text(sh, "Clients lapsing per month (no purchase for the lapse days)")
        months = block(sh, 12, r0 + 2, 13, r0 + 13)
        base = datetime.date(1899, 12, 30)
        for start, count in months:
            d = base + datetime.timedelta(days=start)
            nxt = (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            end = (nxt - base).days
            want = sum(1 for g in got if start <= g[2] + 180 < end and g[2] + 180 <= AS_OF)
            self.assertEqual(count, want, d)
        self.assertEqual(base + datetime.timedelta(days=months[-1][0]),
                         datetime.date(1997, 9, 1))

    def test_palive_matrix_has_its_colour_scale(self):
        sh = self.review.sheet
        r0 = find_text(sh, "P(alive): the probability that a client is still active, at the "
                           "oldest age")
        grid = block(sh, 13, r0 + 3, 23, r0 + 23)
        self.assertEqual(grid[0][0], 1.0)
        self.assertTrue(all(0 <= v <= 1 for row in grid[1:] for v in row))
        formats = sh.ConditionalFormats.ConditionalFormats
        found = False
        for cf in formats:
            for a in cf.Range.RangeAddresses:
                if (a.StartColumn, a.StartRow, a.EndColumn, a.EndRow) == (13, r0 + 3, 23, r0 + 23):
                    entry = cf.getByIndex(0)
                    found = entry.Type == uno_const("com.sun.star.sheet.ConditionEntryType.COLORSCALE")
        self.assertTrue(found, "no colour scale on the P(alive) matrix")

    def test_edit_the_log_and_the_review_follows(self):
        log_sh = self.doc.Sheets.getByName("Log")
        got = self.review.clients()
        i = next(k for k, g in enumerate(got) if g[4] > 0 and g[9] > 100)  # silent repeat buyer
        cid = int(got[i][0])
        line = max((d, k) for k, (c, d, _) in enumerate(self.log) if c == cid)[1]
        cell = log_sh.getCellByPosition(1, line + 1)
        old = cell.getValue()
        try:
            cell.setValue(AS_OF)  # his last purchase moved to the as-of day
            self.doc.calculateAll()
            after = self.review.clients()[i]
            self.assertEqual(after[2], AS_OF)
            self.assertEqual(after[9], 0)
            self.assertLess(after[7], got[i][7])  # bought lately: a lower churn risk
            self.assertFalse(after[10])
        finally:
            cell.setValue(old)
            self.doc.calculateAll()
        self.assertEqual(self.review.clients()[i], got[i])

    def test_rerun_replaces_the_sheet(self):
        before = sheet_names(self.doc)
        res = dispatch(self.office, self.doc, *log_args(len(self.log), Unit=7, Horizon=39,
                                                         LapseDays=180, AsOf=AS_OF))
        self.assertEqual(res.State, SUCCESS, res.Result)
        self.assertEqual(sheet_names(self.doc), before)
        res = dispatch(self.office, self.doc, *log_args(len(self.log), Unit=7, AsOf=AS_OF,
                                                         Replace=False))
        self.assertEqual(res.State, FAILURE, res.Result)
        self.assertEqual(sheet_names(self.doc), before)


def uno_const(name):
    import uno
    return uno.getConstantByName(name)


class RandomReview(unittest.TestCase):
    """A seeded random log drawn from BG/NBD itself: 600 clients with text
    ids, first purchases over a year, Gamma purchase rates and Beta dropout
    chances, amounts; weeks as the unit and AsOf left to the log."""

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        rnd = random.Random(11)
        lines = []
        end = 44000 + 730
        for c in range(600):
            day = 44000 + rnd.randrange(365)
            rate = rnd.gammavariate(0.8, 1 / 0.8) / 30  # purchases per day
            dropout = rnd.betavariate(1, 3)
            while day <= end:
                lines.append(("K%04d" % c, float(day), round(rnd.uniform(5, 500), 2)))
                if rnd.random() < dropout and len(lines) > 1 and lines[-2][0] == lines[-1][0]:
                    break
                day += max(1, int(rnd.expovariate(rate)))
        rnd.shuffle(lines)
        cls.log = lines
        cls.doc = log_doc(cls.office, lines)
        cls.res = dispatch(cls.office, cls.doc, *log_args(len(lines), Unit=7, Horizon=26,
                                                          LapseDays=90))
        cls.clients = len({c for c, _, _ in lines})

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def test_values_equal_the_functions(self):
        self.assertEqual(self.res.State, SUCCESS, self.res.Result)
        review = Review(self.doc, self.clients)
        got = review.clients()
        self.assertEqual([g[0] for g in got], sorted({c for c, _, _ in self.log}))
        last = {}
        for c, d, _ in self.log:
            last[c] = max(last.get(c, d), d)
        self.assertEqual([g[2] for g in got], [last[g[0]] for g in got])
        compare_with_functions(self, self.doc, review, len(self.log), True, 7, 26,
                               "MAX($Log.$B$2:$B$%d)" % (len(self.log) + 1))
        self.assertEqual(office.error_cells(self.doc), [])


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.lines = [(1, 35431.0, 10.0), (1, 35448.0, 20.0), (2, 35500.0, 5.0), (2, 35600.0, 7.0),
                     (3, 35610.0, 1.0)]
        cls.doc = log_doc(cls.office, cls.lines)
        sh = cls.doc.Sheets.getByName("Log")
        sh.getCellRangeByName("E2:F4").setDataArray((("K1", "soon"), ("K2", 35500.0),
                                                     ("K3", 35501.0)))
        cls.doc.setModified(False)

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def fails(self, *args):
        before = sheet_names(self.doc)
        res = dispatch(self.office, self.doc, *args)
        self.assertEqual(res.State, FAILURE, res.Result)
        self.assertEqual(sheet_names(self.doc), before)
        self.assertFalse(self.doc.isModified())
        return res.Result

    def test_no_arguments_names_them(self):
        # none of its arguments: the dialog, which a hidden document has no window for
        # (docs/commands.md, The review dialogs and Prefill); some of them: named
        self.assertIn("needs a document window", self.fails())
        self.assertIn("Orders and Dates", self.fails(prop("Amounts", "Log.C2:C4")))

    def test_text_in_dates(self):
        self.assertIn("row 1", self.fails(prop("Orders", "Log.E2:E4"), prop("Dates", "Log.F2:F4")))

    def test_a_log_without_dates(self):
        self.assertIn("row 1", self.fails(prop("Orders", "Log.A2:A6"), prop("Dates", "Log.H2:H6")))

    def test_ranges_of_different_lengths(self):
        self.assertIn("same number of rows",
                      self.fails(prop("Orders", "Log.A2:A6"), prop("Dates", "Log.B2:B5")))

    def test_not_one_column(self):
        self.assertIn("one column", self.fails(prop("Orders", "Log.A2:B6"),
                                               prop("Dates", "Log.B2:C6")))

    def test_not_a_range(self):
        self.assertIn("not a range", self.fails(prop("Orders", "Nowhere.A2:A6"),
                                                prop("Dates", "Log.B2:B6")))

    def test_empty_selection(self):
        self.assertIn("no client", self.fails(prop("Orders", "Log.J2:J6"),
                                              prop("Dates", "Log.B2:B6")))

    def test_bad_options(self):
        base = [prop("Orders", "Log.A2:A6"), prop("Dates", "Log.B2:B6")]
        self.assertIn("LapseDays", self.fails(*base, prop("LapseDays", 0)))
        self.assertIn("Unit", self.fails(*base, prop("Unit", "week")))
        self.assertIn("Horizon", self.fails(*base, prop("Horizon", -1)))
        self.assertIn("AsOf", self.fails(*base, prop("AsOf", 1e12)))

    def test_nobody_bought_twice(self):
        self.assertIn("two different days",
                      self.fails(prop("Orders", "Log.A2:A6"), prop("Dates", "Log.B2:B6"),
                                 prop("AsOf", 35440)))

    def test_whole_columns(self):
        """A whole column with the heading row: the heading's client has no
        date, refused at once; without it, the log to its last line."""
        self.assertIn("row 1", self.fails(prop("Orders", "Log.A1:A1048576"),
                                          prop("Dates", "Log.B1:B1048576")))
        res = dispatch(self.office, self.doc, prop("Orders", "Log.A2:A1048576"),
                       prop("Dates", "Log.B2:B1048576"), prop("Amounts", "Log.C2:C1048576"))
        try:
            self.assertEqual(res.State, SUCCESS, res.Result)
            sh = self.doc.Sheets.getByIndex(len(self.doc.Sheets) - 1)
            self.assertIn("$Log.$A$2:$A$6", sh.getCellByPosition(0, 1).getString())
            self.assertEqual(column(sh, 0, FIRST_ROW, 4), [1.0, 2.0, 3.0, ""])
        finally:
            if len(self.doc.Sheets) > 1:
                self.doc.Sheets.removeByName(sheet_names(self.doc)[-1])
            self.doc.setModified(False)


if __name__ == "__main__":
    unittest.main()
