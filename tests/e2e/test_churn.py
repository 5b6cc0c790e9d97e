"""The BG/NBD family and Pareto/NBD typed into a real Calc, on the CDNOW sample
of Fader, Hardie & Lee (2005): PURCHASESUMMARY (with and without Amounts),
PURCHASECOUNT, BGNBDFIT (with its standard errors), CHURNRISK,
EXPECTEDPURCHASES."""
import collections
import csv
import datetime
import os
import unittest

import office
from office import Sheet

DATA = os.path.join(office.ROOT, "tests", "data")
E502, E523 = ("error", 502), ("error", 523)
PARAMS = "{0.2426;4.4135;0.7929;2.4258}"
# Pareto/NBD r; alpha; s; beta as Fader, Hardie & Lee (2005) publish them
PNBD = "{0.553;10.578;0.606;11.669}"


def calc_date(yyyymmdd):
    d = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    return (d - datetime.date(1899, 12, 30)).days


def summary_rows():
    with open(os.path.join(DATA, "cdnow_customers_summary.csv")) as f:
        return [(int(r["ID"]), int(r["frequency"]), float(r["recency"]), float(r["T"]))
                for r in csv.DictReader(f)]


def cdnow_log():
    """(client number, Calc date, amount) of every line of CDNOW_sample.txt."""
    with open(os.path.join(DATA, "CDNOW_sample.txt")) as f:
        return [(int(p[1]), calc_date(p[2]), float(p[4])) for p in map(str.split, f)]


def lifetimes_monetary(log, as_of):
    """lifetimes' summary_data_from_transaction_data monetary_value, written
    here independently of the add-in: per client the lines up to as_of
    summed per day, the mean of the day totals after the first day (0 for a
    single day)."""
    days = collections.defaultdict(lambda: collections.defaultdict(float))
    for client, date, amount in log:
        if date <= as_of:
            days[client][date] += amount
    out = {}
    for client, totals in days.items():
        later = [totals[d] for d in sorted(totals)][1:]
        out[client] = sum(later) / len(later) if later else 0.0
    return out


def holdout_counts(log, start, end):
    """Distinct purchase days of each client in (start, end], 0 for a client
    whose lines are all outside it."""
    days = {}
    for client, date, _ in log:
        days.setdefault(client, set())
        if start < date <= end:
            days[client].add(date)
    return {client: len(d) for client, d in days.items()}


class Churn(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Sheet()
        cls.rows = summary_rows()
        n = len(cls.rows)
        cls.n = n
        # A: id, B: frequency, C: recency, D: T (weeks)
        cls.s.cell("A2:D%d" % (n + 1)).setDataArray(tuple(tuple(float(v) for v in r)
                                                          for r in cls.rows))

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def test_bgnbd_fit_reproduces_the_paper(self):
        n = self.n
        got = self.s.array("F1:J1", "=BGNBDFIT(B2:B%d;C2:C%d;D2:D%d)" % (n + 1, n + 1, n + 1))[0]
        for g, w in zip(got, [0.2426, 4.4135, 0.7929, 2.4258]):
            self.assertAlmostEqual(g, w, delta=1e-3)
        self.assertAlmostEqual(got[4], -9582.43, delta=0.01)
        mbg = self.s.array("F2:J2", "=BGNBDFIT(B2:B%d;C2:C%d;D2:D%d;1)" % (n + 1, n + 1, n + 1))[0]
        for g, w in zip(mbg, [0.525, 6.183, 0.891, 1.614]):
            self.assertAlmostEqual(g, w, delta=1e-3)

    def test_bgnbd_fit_standard_errors(self):
        s, last = self.s, self.n + 1
        cols = "B2:B%d;C2:C%d;D2:D%d" % (last, last, last)
        # tests/unit/se_reference.py (scipy, finite differences in the original parameters)
        want = {0: [0.012557312, 0.37822114, 0.18571867, 0.70534352],
                2: [0.047628578, 0.84272222, 0.18727845, 6.2109846]}
        for model, top in [(0, 40), (2, 44)]:
            block = "AP%d:AT%d" % (top, top + 1)
            got = s.array(block, "=BGNBDFIT(%s;%d)" % (cols, model))
            # row 1 is what a 1 x 5 selection shows, to the bit
            one = s.array("AP%d:AT%d" % (top + 2, top + 2), "=BGNBDFIT(%s;%d)" % (cols, model))
            self.assertEqual(got[0], one[0])
            for g, w in zip(got[1][:4], want[model]):
                self.assertAlmostEqual(g, w, delta=2e-3 * w)
            self.assertEqual(got[1][4], "")
            # every function taking Params reads row 1 of the 2-row block
            two, row1 = "$AP$%d:$AT$%d" % (top, top + 1), "$AP$%d:$AT$%d" % (top, top)
            for f in ["=CHURNRISK(2;30.43;38.86;%s;%d)",
                      "=EXPECTEDPURCHASES(39;2;30.43;38.86;%s;%d)",
                      "=NOPURCHASEPROB(10;2;30.43;38.86;%s;%d)",
                      "=CLV(2;30.43;38.86;%s;24.66;12;0.01;4.345;%d)"]:
                a = s.formula("AV%d" % top, f % (two, model))
                self.assertIsInstance(a, float, f)
                self.assertEqual(a, s.formula("AW%d" % top, f % (row1, model)), f)
            s.cell("AX2:AX%d" % last).setArrayFormula(
                "=CHURNRISK(%s;%s;%d)" % (cols, two, model))
            s.cell("AY2:AY%d" % last).setArrayFormula(
                "=CHURNRISK(%s;%s;%d)" % (cols, row1, model))
            s.doc.calculateAll()
            self.assertEqual(s.flat("AX2:AX%d" % last), s.flat("AY2:AY%d" % last))

    def test_churnrisk_and_expected_purchases_reference_values(self):
        s = self.s
        self.assertAlmostEqual(1 - s.formula("L1", "=CHURNRISK(2;30.43;38.86;%s)" % PARAMS),
                               0.7266, delta=1e-4)
        self.assertAlmostEqual(1 - s.formula("L2", "=CHURNRISK(7;29.43;38.86;%s)" % PARAMS),
                               0.6418, delta=1e-4)
        self.assertAlmostEqual(s.formula("L3", "=EXPECTEDPURCHASES(39;2;30.43;38.86;%s)" % PARAMS),
                               1.226, delta=1e-3)
        self.assertEqual(s.formula("L4", "=CHURNRISK(0;0;38.86;%s)" % PARAMS), 0.0)  # x = 0: alive
        # huge counts stay finite (log space)
        r = s.formula("L5", "=CHURNRISK(10000;9999;10000;%s)" % PARAMS)
        self.assertTrue(0 <= r <= 1, r)
        e = s.formula("L6", "=EXPECTEDPURCHASES(52;10000;9999;10000;%s)" % PARAMS)
        self.assertGreater(e, 0)

    def test_fit_and_score_in_one_formula(self):
        s, n = self.s, self.n
        fit = s.array("F3:J3", "=BGNBDFIT(B2:B%d;C2:C%d;D2:D%d)" % (n + 1, n + 1, n + 1))[0]
        s.cell("M2:M%d" % (n + 1)).setArrayFormula("=CHURNRISK(B2:B%d;C2:C%d;D2:D%d)"
                                                  % (n + 1, n + 1, n + 1))
        s.cell("N2").setFormula("=CHURNRISK(B2;C2;D2;$F$3:$J$3)")
        s.doc.calculateAll()
        self.assertAlmostEqual(s.flat("M2:M2")[0], s.flat("N2:N2")[0], places=12)
        self.assertAlmostEqual(1 - s.flat("M2:M2")[0], 0.7266, delta=1e-3)  # client 1: (2; 30.43; 38.86)
        risks = s.flat("M2:M%d" % (n + 1))
        self.assertTrue(all(0 <= v <= 1 for v in risks))
        self.assertEqual(len(fit), 5)

    def test_errors(self):
        s = self.s
        for f in ["=CHURNRISK(2;40;38.86;%s)" % PARAMS,      # t_x > T
                  "=CHURNRISK(-1;0;38.86;%s)" % PARAMS,      # negative
                  "=CHURNRISK(1.5;3;38.86;%s)" % PARAMS,     # non-integer x
                  "=CHURNRISK(0;3;38.86;%s)" % PARAMS,       # x = 0 with t_x > 0
                  "=CHURNRISK(2;30.43;38.86)",               # single client, no Params
                  "=CHURNRISK(2;30.43;38.86;{1;2;3})",       # 3 params
                  "=CHURNRISK(2;30.43;38.86;{0.2;4;-1;2})",  # negative a
                  "=CHURNRISK(2;30.43;38.86;%s;3)" % PARAMS,  # model 3
                  "=EXPECTEDPURCHASES(-1;2;30.43;38.86;%s)" % PARAMS,
                  "=BGNBDFIT(B2:B10;C2:C10;D2:D9)"]:
            self.assertEqual(s.formula("P1", f), E502, f)
        # nobody ever repurchased: no finite maximum
        s.put("R1", [[0, 0, 10], [0, 0, 12], [0, 0, 30]])
        self.assertEqual(s.formula("P2", "=BGNBDFIT(R1:R3;S1:S3;T1:T3)"), E523)

    def test_pareto_nbd_fit_reproduces_the_paper(self):
        n = self.n
        got = self.s.array("V1:Z1", "=BGNBDFIT(B2:B%d;C2:C%d;D2:D%d;2)" % (n + 1, n + 1, n + 1))[0]
        for g, w in zip(got, [0.553, 10.578, 0.606, 11.669]):
            self.assertAlmostEqual(g, w, delta=2e-3)
        self.assertAlmostEqual(got[4], -9594.98, delta=0.01)

    def test_pareto_nbd_reference_values(self):
        # tests/unit/pnbd_reference.py (mpmath, the FHL note's formulas)
        s = self.s
        self.assertAlmostEqual(1 - s.formula("V3", "=CHURNRISK(2;30.43;38.86;%s;2)" % PNBD),
                               0.8691675591530112, delta=1e-12)
        self.assertAlmostEqual(s.formula("V4", "=EXPECTEDPURCHASES(39;2;30.43;38.86;%s;2)" % PNBD),
                               1.4551231932576025, delta=1e-12)
        self.assertAlmostEqual(1 - s.formula("V5", "=CHURNRISK(0;0;38.86;%s;2)" % PNBD),
                               0.29528660461689416, delta=1e-12)
        # x = 10,000 and T = 10,000: finite, in [0, 1]
        self.assertAlmostEqual(1 - s.formula("V6", "=CHURNRISK(10000;9999.5;10000;%s;2)" % PNBD),
                               0.99996074360845565, delta=1e-12)
        self.assertEqual(s.formula("V7", "=CHURNRISK(10000;5000;10000;%s;2)" % PNBD), 1.0)
        self.assertAlmostEqual(
            s.formula("V8", "=EXPECTEDPURCHASES(39;10000;10000;10000;%s;2)" % PNBD),
            38.915052983941673, delta=1e-9)

    def test_pareto_nbd_single_and_array_agree(self):
        s, n = self.s, self.n
        last = n + 1
        s.cell("V2:Z2").setArrayFormula("=BGNBDFIT(B2:B%d;C2:C%d;D2:D%d;2)" % (last, last, last))
        s.cell("AA2:AA%d" % last).setArrayFormula(
            "=CHURNRISK(B2:B%d;C2:C%d;D2:D%d;$V$2:$Z$2;2)" % (last, last, last))
        s.cell("AB2:AB%d" % last).setFormulaArray(tuple(
            ("=CHURNRISK(B%d;C%d;D%d;$V$2:$Z$2;2)" % (i, i, i),) for i in range(2, last + 1)))
        s.cell("AC2:AC%d" % last).setArrayFormula(
            "=EXPECTEDPURCHASES(39;B2:B%d;C2:C%d;D2:D%d;$V$2:$Y$2;2)" % (last, last, last))
        s.cell("AD2:AD%d" % last).setFormulaArray(tuple(
            ("=EXPECTEDPURCHASES(39;B%d;C%d;D%d;$V$2:$Y$2;2)" % (i, i, i),)
            for i in range(2, last + 1)))
        # without Params the array form fits Model 2 itself: the same numbers
        s.cell("AE2:AE%d" % last).setArrayFormula(
            "=CHURNRISK(B2:B%d;C2:C%d;D2:D%d;;2)" % (last, last, last))
        s.doc.calculateAll()
        risk_array, risk_single = s.flat("AA2:AA%d" % last), s.flat("AB2:AB%d" % last)
        exp_array, exp_single = s.flat("AC2:AC%d" % last), s.flat("AD2:AD%d" % last)
        self.assertEqual(risk_array, risk_single)
        self.assertEqual(exp_array, exp_single)
        self.assertEqual(risk_array, s.flat("AE2:AE%d" % last))
        self.assertTrue(all(isinstance(v, float) and 0 <= v <= 1 for v in risk_array))
        self.assertTrue(all(isinstance(v, float) and v >= 0 for v in exp_array))

    def test_pareto_nbd_empty_rows_and_errors(self):
        s = self.s
        s.put("AG1", [[2, 30.43, 38.86], [None, None, None], [0, 0, 38.86]])
        got = s.array("AJ1:AJ3", "=CHURNRISK(AG1:AG3;AH1:AH3;AI1:AI3;%s;2)" % PNBD)
        self.assertAlmostEqual(1 - got[0][0], 0.8691675591530112, delta=1e-12)
        self.assertEqual(got[1][0], "")
        self.assertAlmostEqual(1 - got[2][0], 0.29528660461689416, delta=1e-12)
        for f in ["=CHURNRISK(2;40;38.86;%s;2)" % PNBD,                    # t_x > T
                  "=CHURNRISK(2;30.43;38.86;{0.553;10.578;-0.6;11.669};2)",  # negative s
                  "=EXPECTEDPURCHASES(-1;2;30.43;38.86;%s;2)" % PNBD,
                  "=BGNBDFIT(B2:B10;C2:C10;D2:D10;3)"]:
            self.assertEqual(s.formula("AK1", f), E502, f)
        # alpha and beta 10^5 times apart: the series cannot be summed
        self.assertEqual(s.formula("AK2", "=CHURNRISK(1;0;10;{0.5;1;0.6;0.00001};2)"), E523)
        # nobody ever repurchased: no finite maximum
        s.put("AL1", [[0, 0, 10], [0, 0, 12], [0, 0, 30]])
        self.assertEqual(s.formula("AK3", "=BGNBDFIT(AL1:AL3;AM1:AM3;AN1:AN3;2)"), E523)

    def test_purchase_summary_reproduces_cdnow(self):
        s = Sheet()
        try:
            lines = []
            with open(os.path.join(DATA, "CDNOW_sample.txt")) as f:
                for line in f:
                    parts = line.split()
                    lines.append((float(int(parts[1])), float(calc_date(parts[2]))))
            s.cell("A1:B%d" % len(lines)).setDataArray(tuple(lines))
            ids = [r[0] for r in self.rows]
            s.cell("D1:D%d" % len(ids)).setDataArray(tuple((float(i),) for i in ids))
            s.cell("E1:G%d" % len(ids)).setArrayFormula(
                "=PURCHASESUMMARY(D1:D%d;A1:A%d;B1:B%d;DATE(1997;9;30);7)"
                % (len(ids), len(lines), len(lines)))
            s.doc.calculateAll()
            got = s.cell("E1:G%d" % len(ids)).getDataArray()
            for want, row in zip(self.rows, got):
                self.assertEqual((want[1], want[2], want[3]),
                                 (int(row[0]), round(row[1], 2), round(row[2], 2)), want[0])
            # a client without transactions: three empty cells; text dates: Err:502
            s.put("I1", [[99999]])
            self.assertEqual(s.array("J1:L1", "=PURCHASESUMMARY(I1;A1:A10;B1:B10)"),
                             [["", "", ""]])
            s.put("N1", [[1, "=\"soon\""]])
            self.assertEqual(s.formula("P1", "=PURCHASESUMMARY(N1;N1;O1)"), E502)
            self.assertEqual(s.formula("P2", "=PURCHASESUMMARY(D1;A1:A10;B1:B9)"), E502)
        finally:
            s.close()


    def test_purchase_summary_monetary_reproduces_cdnow(self):
        s = Sheet()
        try:
            log = cdnow_log()
            n_tx, as_of = len(log), calc_date("19970930")
            s.cell("A1:C%d" % n_tx).setDataArray(tuple((float(c), float(d), a)
                                                       for c, d, a in log))
            ids = [r[0] for r in self.rows]
            s.cell("E1:E%d" % len(ids)).setDataArray(tuple((float(i),) for i in ids))
            s.cell("F1:I%d" % len(ids)).setArrayFormula(
                "=PURCHASESUMMARY(E1:E%d;A1:A%d;B1:B%d;DATE(1997;9;30);7;C1:C%d)"
                % (len(ids), n_tx, n_tx, n_tx))
            s.doc.calculateAll()
            got = s.cell("F1:I%d" % len(ids)).getDataArray()
            want_m = lifetimes_monetary(log, as_of)
            for want, row in zip(self.rows, got):
                self.assertEqual((want[1], want[2], want[3]),
                                 (int(row[0]), round(row[1], 2), round(row[2], 2)), want[0])
                self.assertAlmostEqual(row[3], want_m[want[0]], delta=1e-9, msg=want[0])
            # the published average spend (2 decimals) of a few clients
            for client, published in [(1, 22.35), (2, 11.77), (3, 0.0), (6, 73.74),
                                      (26, 227.14), (509, 78.63)]:
                self.assertAlmostEqual(got[client - 1][3], published, delta=0.005 + 1e-9)
            # in aggregate: 946 repeat buyers, the sum of their average spends
            repeat = [row[3] for row in got if row[0] > 0]
            self.assertEqual(len(repeat), 946)
            self.assertAlmostEqual(sum(repeat), sum(want_m[i] for i in ids), delta=1e-6)
            self.assertTrue(all(row[3] == 0 for row in got if row[0] == 0))
            # one client, one row of four; the same numbers as the array
            self.assertEqual(s.array("K1:N1", "=PURCHASESUMMARY(E1;A1:A%d;B1:B%d;DATE(1997;9;30)"
                                              ";7;C1:C%d)" % (n_tx, n_tx, n_tx)),
                             [list(got[0])])
        finally:
            s.close()

    def test_purchase_summary_amounts_same_day_and_errors(self):
        s = Sheet()
        try:
            # client 7: day 100 (10 + 5, the first day), day 103 (7 + 3), day 110 (-4);
            # client 8: one day; row 7 is a blank line of the log (no client)
            s.put("A1", [[7, 100, 10], [7, 100.5, 5], [7, 103, 7], [7, 103.2, 3], [7, 110, -4],
                         [8, 100, 9], [None, None, None]])
            s.put("E1", [[7], [None], [8], [99]])
            self.assertEqual(s.array("F1:I4", "=PURCHASESUMMARY(E1:E4;A1:A7;B1:B7;;;C1:C7)"),
                             [[2, 10, 10, 3], ["", "", "", ""], [0, 0, 10, 0], ["", "", "", ""]])
            # left out, Amounts changes nothing of the three columns
            self.assertEqual(s.array("F6:H6", "=PURCHASESUMMARY(E1;A1:A7;B1:B7)"), [[2, 10, 10]])
            s.put("C10", [["=\"ten\""]])
            for f in ["=PURCHASESUMMARY(E1;A1:A7;B1:B7;;;C1:C6)",     # Amounts too short
                      "=PURCHASESUMMARY(E1;A1;B1;;;C10)",             # a text amount
                      "=PURCHASESUMMARY(E1;A1:A2;B1:B2;;;{1;\"x\"})",  # a text in an array
                      "=PURCHASESUMMARY(E1;A1:A7;B1:B7;;;D1:D7)",     # empty amounts
                      "=PURCHASESUMMARY(E1;A1:A2;B1:B2;;;\"x\")"]:  # not a range
                self.assertEqual(s.formula("K1", f), E502, f)
        finally:
            s.close()

    def test_purchase_count_holdout_of_cdnow(self):
        s = Sheet()
        try:
            log = cdnow_log()
            n_tx = len(log)
            s.cell("A1:B%d" % n_tx).setDataArray(tuple((float(c), float(d)) for c, d, _ in log))
            ids = [r[0] for r in self.rows] + [99999]  # the last one never bought
            s.cell("D1:D%d" % len(ids)).setDataArray(tuple((float(i),) for i in ids))
            s.cell("E1:E%d" % len(ids)).setArrayFormula(
                "=PURCHASECOUNT(D1:D%d;A1:A%d;B1:B%d;DATE(1997;9;30);DATE(1998;6;30))"
                % (len(ids), n_tx, n_tx))
            s.doc.calculateAll()
            got = s.flat("E1:E%d" % len(ids))
            want = holdout_counts(log, calc_date("19970930"), calc_date("19980630"))
            self.assertEqual(got[:-1], [want[i] for i in ids[:-1]])
            self.assertEqual(got[-1], "")
            self.assertEqual(sum(got[:-1]), sum(want.values()))
            self.assertIn(0, got)  # clients with transactions, none in the window
            # client 1: one purchase day in the holdout, three up to its start
            self.assertEqual(s.formula("G1", "=PURCHASECOUNT(D1;A1:A%d;B1:B%d;DATE(1997;9;30);"
                                             "DATE(1998;6;30))" % (n_tx, n_tx)), 1)
            self.assertEqual(s.formula("G2", "=PURCHASECOUNT(D1;A1:A%d;B1:B%d;DATE(1996;12;31);"
                                             "DATE(1997;9;30))" % (n_tx, n_tx)), 3)
        finally:
            s.close()

    def test_purchase_count_errors(self):
        s = Sheet()
        try:
            s.put("A1", [[1, 100], [1, 101], [2, "=\"soon\""]])
            for f in ["=PURCHASECOUNT(A1;A1:A2;B1:B2;102;101)",       # From after To
                      "=PURCHASECOUNT(A1;A1:A2;B1:B2;\"x\";101)",     # From not a date
                      "=PURCHASECOUNT(A1;A1:A2;B1:B2;99;\"y\")",      # To not a date
                      "=PURCHASECOUNT(A1;A1:A2;B1:B2;99;1E+10)",      # To out of range
                      "=PURCHASECOUNT(A1;A1:A2;B1:B2;A1:A2;101)",     # From a range
                      "=PURCHASECOUNT(A1;A1:A3;B1:B3;99;101)",        # a text date
                      "=PURCHASECOUNT(A1;A1:A2;B1:B3;99;101)"]:       # lengths differ
                self.assertEqual(s.formula("D1", f), E502, f)
            self.assertEqual(s.formula("D2", "=PURCHASECOUNT(A1;A1:A2;B1:B2;101;101)"), 0)
            self.assertEqual(s.formula("D3", "=PURCHASECOUNT(A1;A1:A2;B1:B2;99;101)"), 2)
        finally:
            s.close()

if __name__ == "__main__":
    unittest.main()
