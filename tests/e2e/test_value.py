"""The value functions typed into a real Calc, on the CDNOW sample: the
Gamma-Gamma spend model (GAMMAGAMMAFIT with its standard errors,
EXPECTEDSPEND), CLV and NOPURCHASEPROB (also under Pareto/NBD).  References:
lifetimes' GammaGammaFitter and customer_lifetime_value on the same data
(docs/churn.md), tests/unit/se_reference.py and pnbd_reference.py."""
import csv
import os
import unittest

import office
from office import Sheet

DATA = os.path.join(office.ROOT, "tests", "data")
E502, E523 = ("error", 502), ("error", 523)
CONTENTS = 1 | 2 | 4 | 16  # com.sun.star.sheet.CellFlags VALUE, DATETIME, STRING, FORMULA
BG = "{0.2426;4.4135;0.7929;2.4258}"
GG = "{6.2488;3.7446;15.4477}"
# Pareto/NBD r; alpha; s; beta as Fader, Hardie & Lee (2005) publish them
PNBD = "{0.553;10.578;0.606;11.669}"


def cdnow_rows():
    """(id, frequency, recency, T in weeks, Monetary) of the 2,357 clients."""
    with open(os.path.join(DATA, "cdnow_customers_summary.csv")) as f:
        summary = list(csv.DictReader(f))
    with open(os.path.join(DATA, "cdnow_customers_monetary.csv")) as f:
        monetary = {r["ID"]: float(r["monetary_value"]) for r in csv.DictReader(f)}
    return [(float(r["ID"]), float(r["frequency"]), float(r["recency"]), float(r["T"]),
             monetary[r["ID"]]) for r in summary]


class Value(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Sheet()
        cls.rows = cdnow_rows()
        cls.n = len(cls.rows)
        cls.last = cls.n + 1
        # A: id, B: frequency, C: recency, D: T (weeks), E: Monetary
        cls.s.cell("A2:E%d" % cls.last).setDataArray(tuple(cls.rows))

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def tearDown(self):
        # every formula call recalculates the sheet: keep only the data
        self.s.cell("F1:AZ%d" % self.last).clearContents(CONTENTS)

    def cols(self, *letters):
        return ";".join("%s2:%s%d" % (c, c, self.last) for c in letters)

    def singles_agree(self, array_col, single_col, single_formula):
        """Fills single_col with one formula per client (row {r}) and checks
        it against the array formula's column, cell for cell."""
        s, last = self.s, self.last
        s.cell("%s2:%s%d" % (single_col, single_col, last)).setFormulaArray(
            tuple((single_formula.replace("{r}", str(r)),) for r in range(2, last + 1)))
        s.doc.calculateAll()
        self.assertEqual(office.error_cells(s.doc), [])
        # getDataArray: cell-by-cell reads of 2 x 2,357 cells take half a minute
        array = [r[0] for r in s.cell("%s2:%s%d" % (array_col, array_col, last)).getDataArray()]
        single = [r[0] for r in s.cell("%s2:%s%d" % (single_col, single_col, last)).getDataArray()]
        self.assertEqual(len(array), self.n)
        for i, (a, b) in enumerate(zip(array, single)):
            self.assertIsInstance(a, float, i + 2)
            self.assertEqual(a, b, "row %d" % (i + 2))
        return array

    def test_gammagamma_fit_reproduces_lifetimes(self):
        s = self.s
        got = s.array("G1:J1", "=GAMMAGAMMAFIT(%s)" % self.cols("B", "E"))[0]
        for g, w in zip(got, [6.2488, 3.7446, 15.4477]):
            self.assertAlmostEqual(g, w, delta=5e-3)
        self.assertAlmostEqual(got[3], -4055.92, delta=0.01)
        # Monetary is not read where Frequency is 0: empty cells there fit the same
        t = Sheet()
        try:
            t.cell("B2:B%d" % self.last).setDataArray(tuple((r[1],) for r in self.rows))
            t.cell("E2:E%d" % self.last).setDataArray(
                tuple((r[4] if r[1] > 0 else "",) for r in self.rows))
            self.assertEqual(t.array("G1:J1", "=GAMMAGAMMAFIT(%s)" % self.cols("B", "E"))[0], got)
        finally:
            t.close()

    def test_gammagamma_standard_errors(self):
        s = self.s
        got = s.array("G1:J2", "=GAMMAGAMMAFIT(%s)" % self.cols("B", "E"))
        # row 1 is what a 1 x 4 selection shows, to the bit
        self.assertEqual(got[0], s.array("G4:J4", "=GAMMAGAMMAFIT(%s)" % self.cols("B", "E"))[0])
        # se_reference.py (scipy): 1.1899778, 0.29012224, 4.1591492; "" under the LL
        for g, w in zip(got[1][:3], [1.1899778, 0.29012224, 4.1591492]):
            self.assertAlmostEqual(g, w, delta=2e-3 * w)
        self.assertEqual(got[1][3], "")
        # EXPECTEDSPEND reads row 1 of the 2-row block
        self.assertEqual(s.formula("L1", "=EXPECTEDSPEND(2;22.35;G1:J2)"),
                         s.formula("L2", "=EXPECTEDSPEND(2;22.35;G1:J1)"))
        s.cell("K2:K%d" % self.last).setArrayFormula(
            "=EXPECTEDSPEND(%s;$G$1:$J$2)" % self.cols("B", "E"))
        s.cell("M2:M%d" % self.last).setArrayFormula(
            "=EXPECTEDSPEND(%s;$G$1:$I$1)" % self.cols("B", "E"))
        s.doc.calculateAll()
        self.assertEqual(s.flat("K2:K%d" % self.last), s.flat("M2:M%d" % self.last))

    def test_expected_spend(self):
        s = self.s
        self.assertAlmostEqual(s.formula("L1", "=EXPECTEDSPEND(2;22.35;%s)" % GG), 24.66,
                               delta=5e-3)
        mean = 15.4477 * 6.2488 / (3.7446 - 1)
        # x = 0: the population mean; Monetary not read (an empty cell or 0)
        self.assertAlmostEqual(s.formula("L2", "=EXPECTEDSPEND(0;AZ1;%s)" % GG), mean, places=9)
        self.assertAlmostEqual(s.formula("L2", "=EXPECTEDSPEND(0;0;%s)" % GG), mean, places=9)
        fit = s.array("G2:J2", "=GAMMAGAMMAFIT(%s)" % self.cols("B", "E"))[0]
        s.cell("K2:K%d" % self.last).setArrayFormula(
            "=EXPECTEDSPEND(%s;$G$2:$J$2)" % self.cols("B", "E"))
        spend = self.singles_agree("K", "M", "=EXPECTEDSPEND(B{r};E{r};$G$2:$J$2)")
        self.assertAlmostEqual(spend[0], 24.65, delta=0.01)  # client 1 with the fitted model
        self.assertAlmostEqual(spend[2], fit[2] * fit[0] / (fit[1] - 1), places=9)  # x = 0
        # rows empty in both ranges give ""
        self.assertEqual(s.array("O1:O3", "=EXPECTEDSPEND(AZ1:AZ3;AZ1:AZ3;%s)" % GG),
                         [[""], [""], [""]])

    def test_clv(self):
        s = self.s
        self.assertAlmostEqual(
            s.formula("L3", "=CLV(2;30.43;38.86;%s;24.66;12;0.01;4.345)" % BG), 36.28, delta=5e-3)
        # defaults: 12 months, 0.01, 30 units (days) per month
        self.assertEqual(s.formula("L4", "=CLV(2;30.43;38.86;%s;24.66)" % BG),
                         s.formula("L5", "=CLV(2;30.43;38.86;%s;24.66;12;0.01;30)" % BG))
        s.cell("K2:K%d" % self.last).setArrayFormula(
            "=EXPECTEDSPEND(%s;%s)" % (self.cols("B", "E"), GG))
        s.cell("P2:P%d" % self.last).setArrayFormula(
            "=CLV(%s;%s;K2:K%d;12;0.01;4.345)" % (self.cols("B", "C", "D"), BG, self.last))
        clv = self.singles_agree("P", "Q", "=CLV(B{r};C{r};D{r};%s;K{r};12;0.01;4.345)" % BG)
        self.assertTrue(all(v >= 0 for v in clv))
        # one Spend for every client
        s.cell("R2:R%d" % self.last).setArrayFormula(
            "=CLV(%s;%s;24.66;12;0.01;4.345;1)" % (self.cols("B", "C", "D"), BG))
        self.singles_agree("R", "S", "=CLV(B{r};C{r};D{r};%s;24.66;12;0.01;4.345;1)" % BG)

    def test_clv_pareto_nbd(self):
        s = self.s
        # the sum by hand from mpmath's expectations (tests/unit/test_clv.c)
        self.assertAlmostEqual(
            s.formula("L3", "=CLV(2;30.43;38.86;%s;24.66;12;0.01;4.345;2)" % PNBD),
            43.083429295113961, delta=1e-9)
        s.cell("K2:K%d" % self.last).setArrayFormula(
            "=EXPECTEDSPEND(%s;%s)" % (self.cols("B", "E"), GG))
        s.cell("P2:P%d" % self.last).setArrayFormula(
            "=CLV(%s;%s;K2:K%d;12;0.01;4.345;2)" % (self.cols("B", "C", "D"), PNBD, self.last))
        clv = self.singles_agree("P", "Q", "=CLV(B{r};C{r};D{r};%s;K{r};12;0.01;4.345;2)" % PNBD)
        self.assertTrue(all(v >= 0 for v in clv))
        # empty rows give ""
        self.assertEqual(s.array("R1:R3", "=CLV(AZ1:AZ3;AZ1:AZ3;AZ1:AZ3;%s;1;12;0.01;4.345;2)"
                                 % PNBD), [[""], [""], [""]])

    def test_no_purchase_prob_pareto_nbd(self):
        s = self.s
        # the definition by two-dimensional quadrature (tests/unit/pnbd_reference.py)
        for cell, (h, x, tx, T, want) in zip(["L6", "L7", "L8"], [
                (10, 2, 30.43, 38.86, 0.68977940418914039),
                (10, 0, 0, 38.86, 0.97288363682234769),
                (39, 3, 38.86, 38.86, 0.2201373433080955)]):
            self.assertAlmostEqual(
                s.formula(cell, "=NOPURCHASEPROB(%g;%g;%g;%g;%s;2)" % (h, x, tx, T, PNBD)),
                want, delta=1e-12)
        self.assertEqual(s.formula("L9", "=NOPURCHASEPROB(0;2;30.43;38.86;%s;2)" % PNBD), 1.0)
        # x = 10,000 and T = 10,000: finite, in [0, 1]
        r = s.formula("L10", "=NOPURCHASEPROB(39;10000;10000;10000;%s;2)" % PNBD)
        self.assertTrue(0 <= r < 1e-3, r)
        s.cell("T2:T%d" % self.last).setArrayFormula(
            "=NOPURCHASEPROB(26;%s;%s;2)" % (self.cols("B", "C", "D"), PNBD))
        probs = self.singles_agree("T", "U", "=NOPURCHASEPROB(26;B{r};C{r};D{r};%s;2)" % PNBD)
        self.assertTrue(all(0 <= v <= 1 for v in probs))
        # alpha and beta 10^5 times apart: the series cannot be summed
        self.assertEqual(s.formula("L11", "=NOPURCHASEPROB(1;1;0;10;{0.5;1;0.6;0.00001};2)"),
                         E523)

    def test_no_purchase_prob(self):
        s = self.s
        self.assertAlmostEqual(s.formula("L6", "=NOPURCHASEPROB(10;2;30.43;38.86;%s)" % BG),
                               0.7292, delta=5e-5)
        self.assertEqual(s.formula("L7", "=NOPURCHASEPROB(0;2;30.43;38.86;%s)" % BG), 1.0)
        r = s.formula("L8", "=NOPURCHASEPROB(52;10000;9999;10000;%s)" % BG)
        self.assertTrue(0 <= r <= 1, r)
        s.cell("T2:T%d" % self.last).setArrayFormula(
            "=NOPURCHASEPROB(26;%s;%s)" % (self.cols("B", "C", "D"), BG))
        probs = self.singles_agree("T", "U", "=NOPURCHASEPROB(26;B{r};C{r};D{r};%s)" % BG)
        self.assertTrue(all(0 <= v <= 1 for v in probs))
        s.cell("V2:V%d" % self.last).setArrayFormula(
            "=NOPURCHASEPROB(26;%s;%s;1)" % (self.cols("B", "C", "D"), BG))
        self.singles_agree("V", "W", "=NOPURCHASEPROB(26;B{r};C{r};D{r};%s;1)" % BG)

    def test_errors(self):
        s = self.s
        s.put("Y1", [[0, 0], [0, 0], [2, 0], [2, 15]])  # Y: frequency, Z: Monetary
        for f in ["=GAMMAGAMMAFIT(Y1:Y4;Z1:Z4)",            # x > 0 with Monetary 0
                  "=GAMMAGAMMAFIT(Y1:Y4;Z1:Z3)",            # different lengths
                  "=GAMMAGAMMAFIT({1;-1};{10;10})",         # negative Frequency
                  "=GAMMAGAMMAFIT({1;1.5};{10;10})",        # non-integer Frequency
                  "=EXPECTEDSPEND(2;22.35;{6.2;1;15.4})",   # q <= 1
                  "=EXPECTEDSPEND(2;22.35;{6.2;3.7})",      # 2 params
                  "=EXPECTEDSPEND(2;0;%s)" % GG,            # x > 0, Monetary 0
                  "=EXPECTEDSPEND(-1;10;%s)" % GG,
                  "=EXPECTEDSPEND({1;2};{10;20;30};%s)" % GG,
                  "=CLV(2;30.43;38.86;%s;24.66;0)" % BG,    # Months
                  "=CLV(2;30.43;38.86;%s;24.66;1.5)" % BG,
                  "=CLV(2;30.43;38.86;%s;24.66;1201)" % BG,
                  "=CLV(2;30.43;38.86;%s;24.66;12;-1)" % BG,  # MonthlyDiscount
                  "=CLV(2;30.43;38.86;%s;24.66;12;0.01;0)" % BG,  # UnitsPerMonth
                  "=CLV(2;30.43;38.86;%s;24.66;12;0.01;4.345;3)" % BG,  # Model
                  "=CLV(2;30.43;38.86;%s;-1)" % BG,         # Spend
                  "=CLV(2;30.43;38.86;%s;\"a\")" % BG,
                  "=CLV({2;1};{30;2};{38;38};%s;{1;2;3})" % BG,  # Spend not aligned
                  "=CLV(2;40;38.86;%s;24.66)" % BG,         # t_x > T
                  "=CLV(2;30.43;38.86;{1;2;3};24.66)",      # 3 params
                  "=NOPURCHASEPROB(-1;2;30.43;38.86;%s)" % BG,
                  "=NOPURCHASEPROB(10;2;30.43;38.86;%s;3)" % BG,
                  "=NOPURCHASEPROB(10;2;30.43;38.86;{0.2;4;-1;2})",
                  "=NOPURCHASEPROB(10;1.5;3;38.86;%s)" % BG]:
            self.assertEqual(s.formula("X10", f), E502, f)
        # no or one client with Frequency > 0: no finite maximum
        self.assertEqual(s.formula("X11", "=GAMMAGAMMAFIT(Y1:Y2;Z1:Z2)"), E523)
        self.assertEqual(s.formula("X12", "=GAMMAGAMMAFIT(Y4;Z4)"), E523)
        # a horizon far beyond the age
        self.assertEqual(s.formula("X13", "=CLV(2;30.43;38.86;%s;24.66;12;0.01;1E+12)" % BG),
                         E523)


if __name__ == "__main__":
    unittest.main()
