"""Segmentation functions typed into a real Calc: ABCCLASS, PARETOSHARE,
SALESSHARE, DEPENDENCY, CONCENTRATION, XYZCLASS, XYZCOEF, ABCXYZ, and their
Groups forms.  Worked examples of the contract, array forms, every
documented error."""
import random
import unittest

import office
from office import Sheet

E502 = ("error", 502)


class Segmentation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Sheet()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def setUp(self):
        self.s.sheet.getCellRangeByName("A1:Z400").clearContents(1 | 2 | 4 | 16)

    # ---- ABCCLASS ----
    def test_abc_worked_example_85_10_5(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        self.assertEqual([s.formula("C%d" % r, "=ABCCLASS(B%d;B$1:B$3)" % r) for r in (1, 2, 3)],
                         ["A", "B", "C"])
        self.assertEqual([s.formula("D%d" % r, "=ABCCLASS(B%d;B$1:B$3;;;1)" % r) for r in (1, 2, 3)],
                         ["B", "B", "C"])
        self.assertEqual(s.array("E1:E3", "=ABCCLASS(B1:B3;B1:B3)"), [["A"], ["B"], ["C"]])
        self.assertEqual(s.array("F1:F3", "=ABCCLASS(B1:B3;B1:B3;0.8;0.95;1)"),
                         [["B"], ["B"], ["C"]])

    def test_abc_worked_example_40_20_20_10_10(self):
        s = self.s
        s.column("B1", [40, 20, 20, 10, 10])
        self.assertEqual(s.flat_of(s.array("C1:C5", "=ABCCLASS(B1:B5;B1:B5;0.7;0.95)")),
                         list("AAABB"))
        self.assertEqual(s.flat_of(s.array("D1:D5", "=ABCCLASS(B1:B5;B1:B5;0.7;0.95;1)")),
                         list("ABBCC"))
        self.assertEqual([s.formula("E%d" % r, "=PARETOSHARE(B%d;B$1:B$5)" % r)
                          for r in range(1, 6)], [0.4, 0.8, 0.8, 1.0, 1.0])

    def test_abc_value_not_in_values_and_nonpositive(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        self.assertEqual(s.formula("C1", "=ABCCLASS(1000;B1:B3)"), "A")
        self.assertEqual(s.formula("C2", "=ABCCLASS(0;B1:B3)"), "C")
        self.assertEqual(s.formula("C3", "=ABCCLASS(-5;B1:B3)"), "C")
        self.assertEqual(s.formula("C4", "=ABCCLASS(5;{0;-1})"), "C")  # no positive value

    def test_abc_errors(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        for f in ["=ABCCLASS(B1;B1:B3;0.95;0.8)", "=ABCCLASS(B1;B1:B3;0)",
                  "=ABCCLASS(B1;B1:B3;0.8;1.5)", "=ABCCLASS(B1;B1:B3;;;2)",
                  "=ABCCLASS(B1;B1:B3;;;0.5)", "=ABCCLASS(B1;B1:B3;\"x\")"]:
            self.assertEqual(s.formula("D1", f), E502, f)

    def test_array_form_skips_empty_and_text(self):
        s = self.s
        s.put("B1", [[85], [None], ["=\"n/a\""], [10], [5]])
        s.cell("B3").setString("n/a")
        self.assertEqual(s.flat_of(s.array("C1:C5", "=ABCCLASS(B1:B5;B1:B5)")),
                         ["A", "", "", "B", "C"])
        self.assertEqual(s.formula("D3", "=ABCCLASS(B3;B1:B5)"), "")  # text alone: ""

    def test_single_and_array_forms_agree_on_200_clients(self):
        s = self.s
        rnd = random.Random(7)
        vals = [rnd.choice([0, -3, 5, 5, 12.5, 100, 40, 40, 7]) * rnd.randint(1, 9) for _ in range(200)]
        s.column("B1", vals)
        for col, fn in (("C", "ABCCLASS"), ("D", "PARETOSHARE"), ("E", "SALESSHARE"),
                        ("F", "DEPENDENCY")):
            s.cell("%s1:%s200" % (col, col)).setFormulaArray(
                tuple(("=%s(B%d;B$1:B$200)" % (fn, r),) for r in range(1, 201)))
            single = s.flat("%s1:%s200" % (col, col))
            s.cell("G1:G200").setArrayFormula("=%s(B1:B200;B1:B200)" % fn)
            s.doc.calculateAll()
            self.assertEqual(single, s.flat("G1:G200"), fn)
            s.cell("G1:G200").clearContents(16)

    def test_row_order_does_not_change_classes(self):
        s = self.s
        rnd = random.Random(3)
        vals = [rnd.choice([1, 2, 3, 50, 50, 0.1, 7]) for _ in range(120)]
        s.column("B1", vals)
        first = dict(zip(range(120), s.flat_of(s.array("C1:C120", "=ABCCLASS(B1:B120;B1:B120)"))))
        order = list(range(120))
        rnd.shuffle(order)
        s.column("D1", [vals[i] for i in order])
        second = s.flat_of(s.array("E1:E120", "=ABCCLASS(D1:D120;D1:D120)"))
        self.assertEqual([first[i] for i in order], second)

    def test_booleans_dates_and_errors_in_values(self):
        s = self.s
        s.put("B1", [[85], ["=TRUE()"], ["=DATE(1900;1;5)"], [10]])
        # TRUE counts 1 and a date counts its serial number, as in SUM
        self.assertAlmostEqual(s.formula("C1", "=SALESSHARE(B1;B1:B4)"),
                               s.formula("C3", "=B1/SUM(B1:B4)"), places=14)
        self.assertAlmostEqual(s.formula("C4", "=SALESSHARE(B1;B1:B4)"),
                               85 / (85 + 1 + 6 + 10), places=14)  # 1900-01-05 is day 6
        # An error cell inside Values: Calc refuses the range before calling the
        # add-in and shows Err:504 (error in the parameter list), never a class.
        s.put("B5", [["=1/0"]])
        self.assertEqual(s.formula("C2", "=ABCCLASS(B1;B1:B5)"), ("error", 504))

    def test_huge_and_tiny_magnitudes(self):
        s = self.s
        s.column("B1", [85e300, 10e300, 5e300])
        self.assertEqual(s.flat_of(s.array("C1:C3", "=ABCCLASS(B1:B3;B1:B3)")), list("ABC"))
        self.assertAlmostEqual(s.formula("D1", "=SALESSHARE(B1;B1:B3)"), 0.85, places=12)
        s.column("E1", [85e-300, 10e-300, 5e-300])
        self.assertEqual(s.flat_of(s.array("F1:F3", "=ABCCLASS(E1:E3;E1:E3)")), list("ABC"))

    # ---- PARETOSHARE, SALESSHARE, DEPENDENCY ----
    def test_shares_and_their_errors(self):
        s = self.s
        s.column("B1", [40, 20, 20, 10, 10])
        self.assertEqual(s.formula("C1", "=PARETOSHARE(0;B1:B5)"), 1.0)
        self.assertEqual(s.formula("C2", "=SALESSHARE(10;B1:B5)"), 0.1)
        self.assertEqual(s.formula("C3", "=SALESSHARE(-10;B1:B5)"), -0.1)
        self.assertEqual(s.formula("C4", "=PARETOSHARE(5;{0;-2})"), E502)
        self.assertEqual(s.formula("C5", "=SALESSHARE(5;{0;0})"), E502)
        self.assertEqual(s.formula("C6", "=DEPENDENCY(5;{0;-1})"), E502)

    def test_dependency_levels(self):
        s = self.s
        s.column("B1", [51, 41, 21, 10, 9.99])
        s.column("C1", [100 - v for v in [51, 41, 21, 10, 9.99]])
        got = [s.formula("D%d" % r, "=DEPENDENCY(B%d;B%d:C%d)" % (r, r, r)) for r in range(1, 6)]
        self.assertEqual(got, ["critical", "high", "elevated", "key", ""])
        s.column("E1", [0.05, 0.1, 0.15, 0.2])
        self.assertEqual(s.formula("D6", "=DEPENDENCY(6;{6;94};E1:E4)"), "key")
        self.assertEqual(s.formula("D7", "=DEPENDENCY(16;{16;84};E1:E4)"), "high")
        self.assertEqual(s.formula("D9", "=DEPENDENCY(21;{21;79};E1:E4)"), "critical")
        for bad in ("{0.1;0.2;0.4}", "{0.5;0.4;0.2;0.1}", "\"x\""):
            self.assertEqual(s.formula("D8", "=DEPENDENCY(6;{6;94};%s)" % bad), E502, bad)

    # ---- CONCENTRATION ----
    def test_concentration_measures(self):
        s = self.s
        s.column("B1", [50, 30, 20, 0, None])
        self.assertAlmostEqual(s.formula("C1", "=CONCENTRATION(B1:B5)"), 0.38, places=12)
        self.assertAlmostEqual(s.formula("C2", "=CONCENTRATION(B1:B5;\"hhi\")"), 0.38, places=12)
        self.assertAlmostEqual(s.formula("C3", "=CONCENTRATION(B1:B5;\"N\")"), 1 / 0.38, places=10)
        self.assertAlmostEqual(s.formula("C4", "=CONCENTRATION(B1:B5;\"HHINORM\")"),
                               (0.38 - 1 / 3) / (1 - 1 / 3), places=12)
        self.assertAlmostEqual(s.formula("C5", "=CONCENTRATION(B1:B5;\"GINI\")"),
                               2 * (1 * 20 + 2 * 30 + 3 * 50) / (3 * 100) - 4 / 3, places=12)
        self.assertAlmostEqual(s.formula("C6", "=CONCENTRATION(B1:B5;\"TOP20\")"), 0.5, places=12)
        self.assertEqual(s.formula("C7", "=CONCENTRATION(B1:B5;\"THEIL\")"), E502)
        self.assertEqual(s.formula("C8", "=CONCENTRATION({0;-1})"), E502)
        self.assertEqual(s.formula("C9", "=CONCENTRATION(B1:B5;2)"), E502)

    # ---- XYZCLASS, XYZCOEF ----
    def test_xyz_rows(self):
        s = self.s
        s.put("B1", [[100, 100, 100, 100],
                     [90, 110, 90, 110],
                     [80, 120, 80, 120],
                     [10, 0, None, 300],
                     [None, None, None, None],
                     [0, 0, 0, 0]])
        self.assertEqual(s.formula("G1", "=XYZCLASS(B1:E1)"), "X")
        self.assertEqual(s.formula("G2", "=XYZCLASS(B2:E2)"), "X")   # cv exactly 0.1
        self.assertEqual(s.formula("G3", "=XYZCLASS(B3:E3)"), "Y")
        self.assertEqual(s.formula("G4", "=XYZCLASS(B4:E4)"), "Z")
        self.assertEqual(s.formula("G6", "=XYZCLASS(B6:E6)"), "Z")   # mean 0
        self.assertEqual(s.flat_of(s.array("H1:H6", "=XYZCLASS(B1:E6)")),
                         ["X", "X", "Y", "Z", "", "Z"])
        self.assertAlmostEqual(s.formula("I2", "=XYZCOEF(B2:E2)"), 0.1, places=12)
        self.assertAlmostEqual(s.formula("I3", "=XYZCOEF(B3:E3;1)"),
                               (4 * 400 / 3) ** 0.5 / 100, places=12)
        self.assertEqual(s.formula("I6", "=XYZCOEF(B6:E6)"), E502)
        # one column of months is one series
        s.column("K1", [100, 100, 100])
        self.assertEqual(s.formula("I7", "=XYZCLASS(K1:K3)"), "X")

    def test_xyz_errors(self):
        s = self.s
        s.put("B1", [[100, 100, "=\"x\"", 100], [1, 2, None, None]])
        s.cell("D1").setString("x")
        self.assertEqual(s.formula("G1", "=XYZCLASS(B1:E1)"), E502)      # text
        self.assertEqual(s.formula("G2", "=XYZCLASS(B2:C2)"), E502)      # 2 periods
        self.assertEqual(s.formula("G3", "=XYZCOEF(B2:C2)"), E502)
        self.assertEqual(s.formula("G4", "=XYZCLASS(B2:E2;0.3;0.2)"), E502)
        self.assertEqual(s.formula("G5", "=XYZCLASS(B2:E2;0;0.2)"), E502)
        self.assertEqual(s.formula("G6", "=XYZCLASS(B2:E2;;;2)"), E502)
        self.assertEqual(s.formula("G7", "=XYZCOEF(B2:E2;3)"), E502)

    # ---- ABCXYZ ----
    def test_abcxyz(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        s.put("C1", [[100, 100, 100], [80, 120, 80], [10, 0, 300]])
        self.assertEqual(s.formula("G1", "=ABCXYZ(B1;B1:B3;C1:E1)"), "AX")
        self.assertEqual(s.flat_of(s.array("H1:H3", "=ABCXYZ(B1:B3;B1:B3;C1:E3)")),
                         ["AX", "BY", "CZ"])
        self.assertEqual(s.formula("G4", "=ABCXYZ(B1:B3;B1:B3;C1:E2)"), E502)  # rows differ

    def test_million_row_range_neither_crashes_nor_hangs(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        self.assertEqual(s.formula("C1", "=ABCCLASS(B1;B1:B1048576)"), "A")
        self.assertAlmostEqual(s.formula("C2", "=CONCENTRATION(B1:B1048576)"),
                               0.85 ** 2 + 0.1 ** 2 + 0.05 ** 2, places=12)
        self.assertEqual(s.formula("C3", "=XYZCLASS(B1:B1048576)"), "Z")

    # ---- Groups: the same functions within each client's group ----
    REGIONS = ["N", "N", "N", "S", "S", "S"]

    def put_regions(self):
        s = self.s
        s.column("B1", [85, 10, 5, 6, 3, 1])
        for r, g in enumerate(self.REGIONS, 1):
            s.cell("C%d" % r).setString(g)

    def test_groups_regional_example(self):
        s = self.s
        self.put_regions()
        s.put("H1", [[100, 100, 100], [80, 120, 80], [10, 0, 300],
                     [100, 100, 100], [80, 120, 80], [10, 0, 300]])
        self.assertEqual(s.flat_of(s.array("D1:D6", "=ABCCLASS(B1:B6;B1:B6;;;;C1:C6)")),
                         list("ABCAAB"))
        # 6 is B among all six clients, A in its region
        self.assertEqual(s.formula("E1", "=ABCCLASS(B4;B1:B6)"), "B")
        self.assert_near(s.flat_of(s.array("E1:E6", "=SALESSHARE(B1:B6;B1:B6;C1:C6)")),
                         [0.85, 0.1, 0.05, 0.6, 0.3, 0.1])
        self.assert_near(s.flat_of(s.array("F1:F6", "=PARETOSHARE(B1:B6;B1:B6;C1:C6)")),
                         [0.85, 0.95, 1.0, 0.6, 0.9, 1.0])
        self.assertEqual(s.flat_of(s.array("G1:G6", "=DEPENDENCY(B1:B6;B1:B6;;C1:C6)")),
                         ["critical", "key", "", "critical", "elevated", "key"])
        self.assertEqual(s.flat_of(s.array("K1:K6", "=ABCXYZ(B1:B6;B1:B6;H1:J6;C1:C6)")),
                         ["AX", "BY", "CZ", "AX", "AY", "BZ"])
        self.assertEqual(s.formula("L1", "=ABCXYZ(B4;B1:B6;H4:J4;C1:C6;C4)"), "AX")
        # with Group, every cell of a Value range is placed in that group
        self.assert_near(s.flat_of(s.array("M3:M5", "=SALESSHARE(B4:B6;B1:B6;C1:C6;\"S\")")),
                         [0.6, 0.3, 0.1])
        self.assertEqual(s.flat_of(s.array("M3:M5", "=ABCCLASS(B1:B3;B1:B6;;;;C1:C6;\"S\")")),
                         list("AAA"))
        self.assertAlmostEqual(s.formula("L2", "=CONCENTRATION(B1:B6;;C1:C6;\"S\")"), 0.46,
                               places=14)
        s.column("M1", ["N", "S"])
        got = s.flat_of(s.array("N1:N2", "=CONCENTRATION(B1:B6;\"N\";C1:C6;M1:M2)"))
        self.assertAlmostEqual(got[0], 1 / (0.85 ** 2 + 0.1 ** 2 + 0.05 ** 2), places=12)
        self.assertAlmostEqual(got[1], 1 / 0.46, places=12)

    def assert_near(self, got, want):
        self.assertEqual(len(got), len(want))
        for g, w in zip(got, want):
            self.assertAlmostEqual(g, w, places=14)

    def test_groups_worked_example_of_the_docs(self):
        """docs/segmentation.md, regional ABC: every cell of its table."""
        s = self.s
        s.column("B2", [120000, 45000, 20000, 15000, 30000, 8000, 2000, 5000])
        for r, g in enumerate(["North"] * 4 + ["South"] * 3 + [""], 2):
            s.cell("C%d" % r).setString(g)
        self.assertEqual(s.flat_of(s.array("D2:D9", "=ABCCLASS(B2:B9;B2:B9)")), list("AAABABCC"))
        self.assertEqual(s.flat_of(s.array("E2:E9", "=ABCCLASS(B2:B9;B2:B9;;;;C2:C9)")),
                         list("AABBAACA"))
        s.cell("H2:H9").setFormulaArray(
            tuple(("=ABCCLASS(B%d;B$2:B$9;;;;C$2:C$9;C%d)" % (r, r),) for r in range(2, 10)))
        s.doc.calculateAll()
        self.assertEqual(s.flat("H2:H9"), list("AABBAACA"))
        self.assert_near(s.flat_of(s.array("F2:F9", "=SALESSHARE(B2:B9;B2:B9;C2:C9)")),
                         [0.6, 0.225, 0.1, 0.075, 0.75, 0.2, 0.05, 1])
        self.assertEqual(s.flat_of(s.array("G2:G9", "=DEPENDENCY(B2:B9;B2:B9;;C2:C9)")),
                         ["critical", "elevated", "key", "", "critical", "key", "", "critical"])
        self.assertAlmostEqual(s.formula("D11", "=CONCENTRATION(B2:B9;;C2:C9;\"North\")"),
                               0.42625, places=14)
        s.column("E12", ["North", "South"])
        got = s.flat_of(s.array("F12:F13", "=CONCENTRATION(B2:B9;\"N\";C2:C9;E12:E13)"))
        self.assertEqual([round(v, 3) for v in got], [2.346, 1.653])

    @staticmethod
    def shown(label):
        """A group label as Calc shows it: what the groups compare."""
        if label is None:
            return ""
        if isinstance(label, str):
            return label
        return "%d" % label if label == int(label) else repr(label)

    def put_random_clients(self, n, seed):
        """n clients in B1:Bn with labels in C1:Cn: numbers, texts that look
        like them, case variants, empty cells; ties, zeros, negatives."""
        s = self.s
        rnd = random.Random(seed)
        vals = [rnd.choice([0, -3, 5, 5, 12.5, 100, 40, 40, 7, 0.37]) * rnd.randint(1, 9)
                for _ in range(n)]
        labels = [rnd.choice(["North", "north", "South", 1, "1", 2.5, None, "Zürich"])
                  for _ in range(n)]
        s.column("B1", vals)
        for r, g in enumerate(labels, 1):
            c = s.cell("C%d" % r)
            if g is None:
                c.setString("")
            elif isinstance(g, str):
                c.setString(g)
            else:
                c.setValue(g)
        groups = {}
        for i, g in enumerate(labels):
            groups.setdefault(self.shown(g), []).append(i)
        return vals, labels, groups

    def test_groups_each_group_equals_the_ungrouped_function_alone(self):
        s = self.s
        n = 200
        vals, labels, groups = self.put_random_clients(n, 11)
        self.assertEqual(len(groups), 7)  # 1 and "1" are one group
        s.put("K1", [[v] for v in range(1, 4)])
        for fn, extra in (("ABCCLASS", ";0.7;0.9;1;"), ("PARETOSHARE", ";"), ("SALESSHARE", ";"),
                          ("DEPENDENCY", ";;")):
            grouped = s.flat_of(s.array("D1:D%d" % n, "=%s(B1:B%d;B1:B%d%sC1:C%d)"
                                        % (fn, n, n, extra, n)))
            s.cell("D1:D%d" % n).clearContents(16)
            for label, rows in sorted(groups.items()):
                m = len(rows)
                s.sheet.getCellRangeByName("E1:F%d" % n).clearContents(1 | 2 | 4 | 16)
                s.column("E1", [vals[i] for i in rows])
                alone = s.flat_of(s.array("F1:F%d" % m, "=%s(E1:E%d;E1:E%d%s)"
                                          % (fn, m, m, extra.rstrip(";") or "")))
                self.assertEqual([grouped[i] for i in rows], alone, "%s, group %r" % (fn, label))
        # CONCENTRATION: one value per label, each the measure of that group alone
        names = sorted(groups)
        for r, name in enumerate(names, 1):
            s.cell("G%d" % r).setString(name)
        for measure in ("HHI", "GINI", "TOP20"):
            per_label = s.flat_of(s.array("H1:H%d" % len(names), "=CONCENTRATION(B1:B%d;\"%s\";"
                                          "C1:C%d;G1:G%d)" % (n, measure, n, len(names))))
            for name, got in zip(names, per_label):
                rows = groups[name]
                s.sheet.getCellRangeByName("E1:E%d" % n).clearContents(1 | 2 | 4 | 16)
                s.column("E1", [vals[i] for i in rows])
                self.assertEqual(got, s.formula("I1", "=CONCENTRATION(E1:E%d;\"%s\")"
                                                % (len(rows), measure)), (measure, name))

    def test_groups_row_order_does_not_change_results(self):
        s = self.s
        n = 120
        vals, labels, _ = self.put_random_clients(n, 8)
        formulas = ("=ABCCLASS(B1:B{0};B1:B{0};;;;C1:C{0})", "=SALESSHARE(B1:B{0};B1:B{0};C1:C{0})")
        first = [s.flat_of(s.array("D1:D%d" % n, f.format(n))) for f in formulas]
        s.cell("D1:D%d" % n).clearContents(16)
        order = list(range(n))
        random.Random(4).shuffle(order)
        s.column("B1", [vals[i] for i in order])
        for r, i in enumerate(order, 1):
            c = s.cell("C%d" % r)
            if labels[i] is None:
                c.setString("")
            elif isinstance(labels[i], str):
                c.setString(labels[i])
            else:
                c.setValue(labels[i])
        for f, want in zip(formulas, first):
            got = s.flat_of(s.array("D1:D%d" % n, f.format(n)))
            s.cell("D1:D%d" % n).clearContents(16)
            self.assertEqual(got, [want[i] for i in order], f)

    def test_groups_single_and_array_forms_agree(self):
        s = self.s
        n = 150
        self.put_random_clients(n, 5)
        for col, fn, extra in (("D", "ABCCLASS", ";;;;"), ("E", "PARETOSHARE", ";"),
                               ("F", "SALESSHARE", ";"), ("G", "DEPENDENCY", ";;")):
            s.cell("%s1:%s%d" % (col, col, n)).setFormulaArray(
                tuple(("=%s(B%d;B$1:B$%d%sC$1:C$%d;C%d)" % (fn, r, n, extra, n, r),)
                      for r in range(1, n + 1)))
            single = s.flat("%s1:%s%d" % (col, col, n))
            s.cell("H1:H%d" % n).setArrayFormula("=%s(B1:B%d;B1:B%d%sC1:C%d)"
                                                 % (fn, n, n, extra, n))
            s.doc.calculateAll()
            self.assertEqual(single, s.flat("H1:H%d" % n), fn)
            s.cell("H1:H%d" % n).clearContents(16)

    def test_groups_labels_as_calc_shows_them(self):
        s = self.s
        s.column("B1", [60, 40, 30, 70, 50, 50])
        s.put("C1", [[1], ["=\"1\""], ["North"], ["north"], [None], [None]])
        s.cell("C3").setString("North")
        s.cell("C4").setString("north")
        # the number 1 and the text "1" are one group; North and north two;
        # the empty cells C5:C6 are the group ""
        self.assert_near(s.flat_of(s.array("D1:D6", "=SALESSHARE(B1:B6;B1:B6;C1:C6)")),
                         [0.6, 0.4, 1.0, 1.0, 0.5, 0.5])
        self.assertAlmostEqual(s.formula("E1", "=SALESSHARE(B1;B1:B6;C1:C6;\"1\")"), 0.6,
                               places=14)
        self.assertAlmostEqual(s.formula("E2", "=SALESSHARE(B1;B1:B6;C1:C6;1)"), 0.6, places=14)
        self.assertEqual(s.formula("E3", "=SALESSHARE(B5;B1:B6;C1:C6;\"\")"), 0.5)
        # an empty cell as Group reaches the add-in as 0: the group "" here
        self.assertEqual(s.formula("E4", "=SALESSHARE(B5;B1:B6;C1:C6;C5)"), 0.5)
        self.assertEqual(s.formula("E5", "=SALESSHARE(B5;B1:B6;C1:C6;C5&\"\")"), 0.5)
        # a label no client has: no class above C, no share
        self.assertEqual(s.formula("E6", "=ABCCLASS(50;B1:B6;;;;C1:C6;\"West\")"), "C")
        self.assertEqual(s.formula("E7", "=SALESSHARE(50;B1:B6;C1:C6;\"West\")"), E502)
        # once 0 is a label, an empty cell as Group is that group: C5&"" is ""
        s.cell("C4").setValue(0)
        self.assertEqual(s.formula("E8", "=SALESSHARE(B4;B1:B6;C1:C6;C5)"), 1.0)
        self.assertEqual(s.formula("E9", "=SALESSHARE(B5;B1:B6;C1:C6;C5&\"\")"), 0.5)

    def test_groups_errors(self):
        s = self.s
        self.put_regions()
        s.put("H1", [[100, 100, 100]])
        for f in ["=ABCCLASS(B1:B6;B1:B6;;;;C1:C5)",          # Groups shorter than Values
                  "=SALESSHARE(B1;B1:B6;C1:C5;\"N\")",
                  "=ABCCLASS(B1:B5;B1:B6;;;;C1:C6)",          # Value shorter, no Group
                  "=ABCCLASS(B1;B1:B6;;;;C1:C6)",
                  "=ABCCLASS(B1;B1:B6;;;;;\"N\")",            # Group without Groups
                  "=PARETOSHARE(B1;B1:B6;;\"N\")",
                  "=DEPENDENCY(B1;B1:B6;;;\"N\")",
                  "=ABCXYZ(B1;B1:B6;H1:J1;;\"N\")",
                  "=SALESSHARE(B1;B1:B6;C1:C6;C1:C2)",        # Group of two cells
                  "=CONCENTRATION(B1:B6;;C1:C6)",             # Groups without Group
                  "=CONCENTRATION(B1:B6;;;\"N\")",            # Group without Groups
                  "=CONCENTRATION(B1:B6;;C1:C6;\"West\")",    # no such group
                  "=CONCENTRATION(B1:B6;\"x\";C1:C6;\"N\")",
                  "=ABCCLASS(B1;B1:B6;0.9;0.8;;C1:C6;\"N\")"]:
            self.assertEqual(s.formula("D1", f), E502, f)
        # a group without a positive value: its clients with a number get no
        # share (Err:502, as the ungrouped functions), its empty rows stay ""
        s.column("B7", [0, -2, None])
        s.cell("B9").setString("n/a")
        for r in range(7, 10):
            s.cell("C%d" % r).setString("W")
        self.assertEqual(s.formula("D2", "=SALESSHARE(B1:B9;B1:B9;C1:C9)"), E502)
        self.assertEqual(s.formula("D3", "=PARETOSHARE(B7;B1:B9;C1:C9;\"W\")"), E502)
        self.assertEqual(s.formula("D4", "=DEPENDENCY(B9;B1:B9;;C1:C9;\"W\")"), "")
        self.assertEqual(s.flat_of(s.array("E1:E9", "=ABCCLASS(B1:B9;B1:B9;;;;C1:C9)")),
                         list("ABCAABCC") + [""])

    def test_groups_cache_follows_the_labels(self):
        s = self.s
        s.column("B1", [85, 10, 5])
        for c, g in zip(("C1", "C2", "C3"), ("N", "N", "S")):
            s.cell(c).setString(g)
        s.cell("D1:D3").setArrayFormula("=ABCCLASS(B1:B3;B1:B3;;;;C1:C3)")
        s.cell("E1:E3").setFormulaArray(
            tuple(("=ABCCLASS(B%d;B$1:B$3;;;;C$1:C$3;C%d)" % (r, r),) for r in (1, 2, 3)))
        s.doc.calculateAll()
        self.assertEqual(s.flat("D1:D3"), ["A", "B", "A"])
        self.assertEqual(s.flat("E1:E3"), ["A", "B", "A"])
        s.cell("C2").setString("S")  # the same values, another label: not the cached groups
        s.doc.calculateAll()
        self.assertEqual(s.flat("D1:D3"), ["A", "A", "A"])
        self.assertEqual(s.flat("E1:E3"), ["A", "A", "A"])
        self.assertEqual(s.formula("F1", "=ABCCLASS(B2;B1:B3)"), "B")  # ungrouped unchanged

    def test_groups_million_rows_neither_crash_nor_hang(self):
        s = self.s
        self.put_regions()
        formulas = {"D1": "=ABCCLASS(B2;B1:B1048576;;;;C1:C1048576;C2)",
                    "D2": "=SALESSHARE(B4;B1:B1048576;C1:C1048576;\"S\")",
                    "D3": "=CONCENTRATION(B1:B1048576;;C1:C1048576;\"N\")"}
        for cell, f in formulas.items():
            s.cell(cell).setFormula(f)
        # one value per label over every row (an array of every row's class
        # would time Calc's conversion of a million-cell string array)
        s.column("F1", ["N", "S"])
        s.cell("E1:E2").setArrayFormula("=CONCENTRATION(B1:B1048576;\"N\";C1:C1048576;F1:F2)")
        office.within(s.office, 120, s.doc.calculateAll)
        self.assertEqual(office.cell_value(s.cell("D1")), "B")
        self.assertEqual(office.cell_value(s.cell("D2")), 0.6)
        self.assertAlmostEqual(office.cell_value(s.cell("D3")), 0.735, places=12)
        self.assertAlmostEqual(office.cell_value(s.cell("E1")), 1 / 0.735, places=12)
        self.assertAlmostEqual(office.cell_value(s.cell("E2")), 1 / 0.46, places=12)


def _flat_of(self, rows):
    return [v for row in rows for v in row]


Sheet.flat_of = _flat_of

if __name__ == "__main__":
    unittest.main()
