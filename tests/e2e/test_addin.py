"""The add-in as a whole in a real office: registered, every function in the
Function Wizard with the texts of the function table, values surviving
.ods and .xlsx round trips, and files readable without the extension."""
import json
import os
import unittest

import office
from office import Sheet

FUNCTIONS = json.load(open(os.path.join(office.BUILD, "functions.json")))


class FunctionWizard(unittest.TestCase):
    def test_every_function_and_argument_is_described(self):
        o = office.shared_office()
        self.assertTrue(o.extension_registered())
        descs = o.service("com.sun.star.sheet.FunctionDescriptions")
        by_name = {}
        for i in range(descs.getCount()):
            props = {p.Name: p.Value for p in descs.getByIndex(i)}
            by_name[props["Name"]] = props
        import uno
        addin = uno.getConstantByName("com.sun.star.sheet.FunctionCategory.ADDIN")
        for fn in FUNCTIONS:
            self.assertIn(fn["name"], by_name, fn["name"])
            d = by_name[fn["name"]]
            self.assertEqual(d["Category"], addin, fn["name"])
            # the summary alone: the errors and notes are the reference's (docs/functions.md)
            self.assertEqual(d["Description"], fn["summary"])
            shown = [a for a in fn["args"] if not a["hidden"]]
            self.assertEqual([a.Name for a in d["Arguments"]], [a["name"] for a in shown])
            self.assertEqual([a.Description for a in d["Arguments"]], [a["help"] for a in shown])
            for a in shown:
                self.assertTrue(a["help"], (fn["name"], a["name"]))

    def test_required_and_optional_arguments(self):
        # the wizard marks an argument optional from its UNO type (any);
        # required ones (Value, Frequency, Client ...) must not be, and Calc
        # refuses a call that leaves one out (Err:504)
        o = office.shared_office()
        descs = o.service("com.sun.star.sheet.FunctionDescriptions")
        ours = {fn["name"] for fn in FUNCTIONS}
        flags = {}
        for i in range(descs.getCount()):
            props = {p.Name: p.Value for p in descs.getByIndex(i)}
            if props["Name"] in ours:
                flags[props["Name"]] = [(a.Name, a.IsOptional) for a in props["Arguments"]]
        for fn in FUNCTIONS:
            want = [(a["name"], a["optional"]) for a in fn["args"] if not a["hidden"]]
            self.assertEqual(flags[fn["name"]], want, fn["name"])
        self.assertIn(("Value", False), flags["ABCCLASS"])
        self.assertEqual(flags["CHURNRISK"][:3],
                         [("Frequency", False), ("Recency", False), ("Age", False)])
        s = Sheet()
        try:
            self.assertEqual(s.formula("A1", "=CHURNRISK(2;30.43)"), ("error", 504))
            self.assertEqual(s.formula("A2", "=ABCCLASS(;{1;2})"), ("error", 502))
            self.assertEqual(s.formula("A3", "=ABCCLASS(\"x\";{1;2})"), "")
        finally:
            s.close()

    def test_service_info_of_every_component(self):
        # the kit answers XServiceInfo from each class's table: the add-in
        # itself, and the factory LibreOffice gets for each implementation
        o = office.shared_office()
        addin = o.service("org.keyaccount.calc.KeyAccount")
        self.assertEqual(addin.getImplementationName(), "org.keyaccount.calc.AddIn")
        self.assertEqual(set(addin.getSupportedServiceNames()),
                         {"com.sun.star.sheet.AddIn", "org.keyaccount.calc.KeyAccount"})
        self.assertTrue(addin.supportsService("com.sun.star.sheet.AddIn"))
        self.assertFalse(addin.supportsService("com.sun.star.sheet.AddInX"))
        self.assertEqual(addin.getServiceName(), "org.keyaccount.calc.KeyAccount")
        panels = o.service("org.keyaccount.calc.PanelFactory")
        self.assertEqual(panels.getImplementationName(), "org.keyaccount.calc.PanelFactory")
        self.assertEqual(list(panels.getSupportedServiceNames()),
                         ["com.sun.star.ui.UIElementFactory"])
        self.assertTrue(panels.supportsService("com.sun.star.ui.UIElementFactory"))
        self.assertFalse(panels.supportsService(""))


CHECKS = {
    "C1": "=ABCCLASS(B1;B$1:B$3)",
    "C2": "=ABCCLASS(B2;B$1:B$3;;;1)",
    "D1": "=SALESSHARE(B1;B$1:B$3)",
    "D2": "=PARETOSHARE(B2;B$1:B$3)",
    "D3": "=DEPENDENCY(B1;B$1:B$3)",
    "E1": "=CONCENTRATION(B1:B3;\"GINI\")",
    "E2": "=XYZCOEF(F1:I1)",
    "E3": "=XYZCLASS(F1:I1)",
    "E4": "=ABCXYZ(B1;B1:B3;F1:I1)",
}


class FileRoundTrip(unittest.TestCase):
    def build(self, s):
        s.column("B1", [85, 10, 5])
        s.put("F1", [[90, 110, 90, 110]])
        for name, f in CHECKS.items():
            s.cell(name).setFormula(f)
        s.cell("J1:J3").setArrayFormula("=ABCCLASS(B1:B3;B1:B3)")
        # numeric results formatted, as in any real workbook: LibreOffice
        # without the extension keeps the last value of a formatted cell
        # (README, "Sharing workbooks")
        from com.sun.star.lang import Locale
        fmts = s.doc.getNumberFormats()
        for code, cells in (("0.00%", ("D1", "D2")), ("0.0000", ("E1", "E2"))):
            key = fmts.queryKey(code, Locale(), False)
            if key < 0:
                key = fmts.addNew(code, Locale())
            for c in cells:
                s.cell(c).NumberFormat = key
        s.doc.calculateAll()

    def assertSameCells(self, got, want, msg):
        """Equal texts; numbers equal to 14 significant digits (.xlsx keeps 15)."""
        self.assertEqual(set(got), set(want), msg)
        for c in want:
            if isinstance(want[c], float) and isinstance(got[c], float):
                self.assertAlmostEqual(got[c], want[c], delta=1e-14 * max(1.0, abs(want[c])),
                                       msg="%s %s" % (msg, c))
            else:
                self.assertEqual(got[c], want[c], "%s %s" % (msg, c))

    def read(self, doc):
        sh = doc.Sheets.getByIndex(0)
        cells = list(CHECKS) + ["J1", "J2", "J3"]
        return {c: office.cell_value(sh.getCellRangeByName(c)) for c in cells}

    def test_save_reopen_and_open_without_extension(self):
        s = Sheet()
        self.build(s)
        want = self.read(s.doc)
        self.assertEqual(want["C1"], "A")
        self.assertEqual(want["J2"], "B")
        paths = [office.out_path("e2e-roundtrip" + ext) for ext in (".ods", ".xlsx")]
        for p in paths:
            office.save_as(s.doc, p)
        s.close()
        o = office.shared_office()
        for p in paths:
            doc = o.load(p)
            self.assertSameCells(self.read(doc), want, p)
            doc.calculateAll()
            self.assertSameCells(self.read(doc), want, p + " after recalculation")
            office.close(doc)
        # A LibreOffice without the extension shows the last computed values
        # of single-cell formulas (array formulas are recomputed on load and
        # show #NAME? there: see README, "Sharing workbooks").
        plain = office.Office(office.profile_path("plain-profile"), extension=False).start()
        try:
            for p in paths:
                doc = plain.load(p)
                got = self.read(doc)
                self.assertSameCells({c: got[c] for c in CHECKS}, {c: want[c] for c in CHECKS},
                                     p + " without the extension")
                office.close(doc)
        finally:
            plain.stop()


if __name__ == "__main__":
    unittest.main()
