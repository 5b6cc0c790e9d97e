"""The functions of the churn review typed into a real Calc: REPEATCHECK
(the model check) and PALIVEGRID on the CDNOW sample of Fader, Hardie & Lee
(2005), TOPCLIENTS, PURCHASECLIENTS and LAPSESBYMONTH on the CDNOW log,
each against the other functions of the toolkit or a count written here."""
import collections
import datetime
import os
import unittest

import office
from office import Sheet
from test_churn import E502, cdnow_log, summary_rows

PARAMS = "{0.2426;4.4135;0.7929;2.4258}"


def month_start(day):
    d = datetime.date(1899, 12, 30) + datetime.timedelta(days=day)
    return (datetime.date(d.year, d.month, 1) - datetime.date(1899, 12, 30)).days


class ChurnLists(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Sheet()
        cls.rows = summary_rows()
        cls.n = len(cls.rows)
        # A: id, B: frequency, C: recency, D: T (weeks)
        cls.s.cell("A2:D%d" % (cls.n + 1)).setDataArray(
            tuple(tuple(float(v) for v in r) for r in cls.rows))
        cls.log = cdnow_log()
        cls.m = len(cls.log)
        # F: client, G: date of every order line
        cls.s.cell("F2:G%d" % (cls.m + 1)).setDataArray(
            tuple((float(c), float(d)) for c, d, _ in cls.log))

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def ranges(self):
        n = self.n + 1
        return "B2:B%d" % n, "C2:C%d" % n, "D2:D%d" % n

    def test_repeatcheck_cdnow(self):
        f, r, t = self.ranges()
        self.s.cell("X1:AB1").setArrayFormula("=BGNBDFIT(%s;%s;%s)" % (f, r, t))
        got = self.s.array("X3:Z10", "=REPEATCHECK(X1:AB1;%s;%s)" % (f, t))
        self.assertEqual([row[0] for row in got], [0, 1, 2, 3, 4, 5, 6, "7+"])
        self.assertEqual([row[1] for row in got], [1411, 439, 214, 100, 62, 38, 29, 64])
        model = [1407.68, 460.32, 192.46, 101.16, 59.85, 38.12, 25.55, 71.85]
        for row, want in zip(got, model):
            self.assertAlmostEqual(row[2], want, delta=0.006)
        self.assertAlmostEqual(sum(row[2] for row in got), self.n, delta=1e-6)
        # Pareto/NBD and MaxCount 3: four rows, the last "3+"
        got = self.s.array("X12:Z15", "=REPEATCHECK({0.553;10.578;0.606;11.669};%s;%s;3;2)"
                           % (f, t))
        self.assertEqual(got[3][0], "3+")
        self.assertEqual(got[3][1], 100 + 62 + 38 + 29 + 64)
        self.assertAlmostEqual(sum(row[2] for row in got), self.n, delta=1e-6)

    def test_repeatcheck_errors(self):
        f, _, t = self.ranges()
        self.assertEqual(self.s.formula("X20", "=REPEATCHECK(%s;B2:B10;D2:D11)" % PARAMS), E502)
        self.assertEqual(self.s.formula("X20", "=REPEATCHECK(%s;%s;%s;0)" % (PARAMS, f, t)), E502)
        self.assertEqual(self.s.formula("X20", "=REPEATCHECK(%s;%s;%s;;3)" % (PARAMS, f, t)), E502)
        self.assertEqual(self.s.formula("X20", "=REPEATCHECK({1;2};%s;%s)" % (f, t)), E502)
        self.assertEqual(self.s.formula("X20", "=REPEATCHECK(%s;{1.5};{3})" % PARAMS), E502)

    def test_palivegrid_is_one_minus_churnrisk(self):
        got = self.s.array("AD1:AH3", "=PALIVEGRID(%s;40;2;4)" % PARAMS)
        self.assertEqual(got[0][0], 1.0)
        self.assertEqual(got[0][1:], [""] * 4)
        for x in (1, 2):
            for j, rec in enumerate((0, 10, 20, 30, 40)):
                risk = self.s.formula("AK1", "=CHURNRISK(%d;%d;40;%s)" % (x, rec, PARAMS))
                self.assertAlmostEqual(got[x][j], 1 - risk, delta=1e-12)
        self.assertEqual(self.s.formula("AK1", "=PALIVEGRID(%s;0)" % PARAMS), E502)
        self.assertEqual(self.s.formula("AK1", "=PALIVEGRID(%s;40;2;0)" % PARAMS), E502)
        self.assertEqual(self.s.formula("AK1", "=PALIVEGRID(%s;\"x\")" % PARAMS), E502)

    def test_purchaseclients_and_lapses(self):
        last = {}
        first = {}
        for c, d, _ in self.log:
            last[c] = max(last.get(c, d), d)
            first[c] = min(first.get(c, d), d)
        n, m = len(last), self.m + 1
        got = self.s.array("AM2:AO%d" % (n + 2),
                           "=PURCHASECLIENTS(F2:F%d;G2:G%d;;%d)" % (m, m, n + 1))
        self.assertEqual(got[-1], ["", "", ""])
        want = [[float(c), float(first[c]), float(last[c])] for c in sorted(last)]
        self.assertEqual(got[:-1], want)
        # with Amounts: what each bought, up to AsOf 1997-09-30
        self.s.cell("H2:H%d" % m).setDataArray(tuple((a,) for _, _, a in self.log))
        got = self.s.array("BF2:BI%d" % (n + 1), "=PURCHASECLIENTS(F2:F%d;G2:G%d;35703;;H2:H%d)"
                           % (m, m, m))
        bought = collections.defaultdict(float)
        for c, d, a in self.log:
            if d <= 35703:
                bought[c] += a
        self.assertEqual(len([r for r in got if r[0] != ""]), len(bought))
        for r in got:
            if r[0] != "":
                self.assertAlmostEqual(r[3], bought[int(r[0])], delta=1e-9)
        # lapsed after 180 days, per month, the 12 months to the log's end (1998-06-30)
        lapses = self.s.array("AQ2:AR13", "=LAPSESBYMONTH(AO2:AO%d;180)" % (n + 2))
        end = max(last.values())
        counts = collections.Counter(month_start(d + 180) for d in last.values() if d + 180 <= end)
        self.assertEqual(lapses[-1][0], month_start(end))
        self.assertEqual(sum(c for _, c in lapses),
                         sum(v for k, v in counts.items() if k >= lapses[0][0]))
        for start, count in lapses:
            self.assertEqual(count, counts.get(start, 0), start)
        self.assertEqual(self.s.formula("AT1", "=LAPSESBYMONTH(AO2:AO10;0)"), E502)
        self.assertEqual(self.s.formula("AT1", "=LAPSESBYMONTH(AO2:AO10;30;;0)"), E502)
        self.assertEqual(self.s.formula("AT1", "=PURCHASECLIENTS(F2:F10;G2:G11)"), E502)

    def test_purchaseclients_follows_a_change_of_a_large_log(self):
        # 40,000 lines: large enough for the add-in's memo of results, which
        # must give the recalculation the same result and a changed log a new one
        lines, clients = 40000, 1000
        log = [(float(i % clients + 1), 44927.0 + i % 500) for i in range(lines)]
        s = Sheet()  # a document of its own: calculateAll recalculates nothing else
        try:
            s.cell("A2:B%d" % (lines + 1)).setDataArray(tuple(log))
            formula = "=PURCHASECLIENTS(A2:A%d;B2:B%d;;%d)" % (lines + 1, lines + 1, clients)
            first = s.array("D2:F%d" % (clients + 1), formula)
            s.doc.calculateAll()
            self.assertEqual(s.values("D2:F%d" % (clients + 1)), first)
            # client 1000 bought on one day only, on every line i = 999 mod 1000
            self.assertEqual(first[-1], [1000.0, 45426.0, 45426.0])
            s.cell("B%d" % (lines + 1)).setValue(46000)  # the last line, past the first cells
            s.doc.calculateAll()
            got = s.values("D2:F%d" % (clients + 1))
            self.assertEqual(got[-1], [1000.0, 45426.0, 46000.0])
            self.assertEqual(got[:-1], first[:-1])
        finally:
            s.close()

    def test_topclients(self):
        f, r, t = self.ranges()
        n = self.n + 1
        # the 5 repeat buyers most at risk, against the risks sorted here
        got = self.s.array("AV2:AW6", "=TOPCLIENTS(A2:A%d;CHURNRISK(%s;%s;%s;%s);5;%s>0)"
                           % (n, f, r, t, PARAMS, f))
        self.s.cell("AY2:AY%d" % n).setArrayFormula("=CHURNRISK(%s;%s;%s;%s)" % (f, r, t, PARAMS))
        self.s.doc.calculateAll()
        risks = [row[0] for row in self.s.values("AY2:AY%d" % n)]
        ranked = sorted(((-risk, cid) for (cid, x, _, _), risk in zip(self.rows, risks) if x > 0))
        self.assertEqual(got, [[float(cid), -neg] for neg, cid in ranked[:5]])
        # more rows than clients: the rest is empty; a text score is skipped
        got = self.s.array("BA2:BB5", "=TOPCLIENTS({\"a\";\"b\";\"c\"};{1;\"x\";3};4)")
        self.assertEqual(got, [["c", 3], ["a", 1], ["", ""], ["", ""]])
        self.assertEqual(self.s.formula("BD1", "=TOPCLIENTS({1;2};{1;2;3})"), E502)
        self.assertEqual(self.s.formula("BD1", "=TOPCLIENTS({1;2};{1;2};0)"), E502)


if __name__ == "__main__":
    unittest.main()
