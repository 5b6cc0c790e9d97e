"""Sharing a workbook with a colleague whose LibreOffice lacks the toolkit,
without doing anything special (addin/ka_save_job.c, docs/notes-cached-values.md).

A workbook with single-cell numeric, text, empty-text and error results of
several toolkit functions, unstyled, next to cells with a style of their
own and an array formula, is saved by the office WITH the extension through
storeAsURL, store() and storeToURL, as .ods and .xlsx.  Opened by an office
WITHOUT the extension, every single-cell number and text shows its cached
value; the empty-text and error results, which LibreOffice writes without a
value it would trust and recalculates on load whatever the cell carries,
and the array formula, which it always recalculates, are the only #NAME?
cells.  The cells with their own style keep it, the save leaves the
document unmodified and adds no undo action, and a workbook without
toolkit formulas is saved without the style."""
import os
import unittest

import office
from office import prop

STYLE = "Key account result"
SALES = [45, 30, 25, 10, 5, 4, 3, 2]
NUMBERS = {  # single-cell numeric results, unstyled, among other cells of their column
    "A10": "=CONCENTRATION(A1:A8)",
    "B1": "=SALESSHARE(A1;A$1:A$8)",
    "B2": "=PARETOSHARE(A2;A$1:A$8)",
    "B3": "=XYZCOEF(A$1:A$8)",
    "Summary.B2": '=CONCENTRATION($Sheet1.A1:A8;"N")',
}
# a column of results only: the result style becomes the column's default
# style in .ods, written on the column instead of the cells, and LibreOffice
# recalculates them on load (docs/notes-cached-values.md)
COLUMN = {"I%d" % r: "=SALESSHARE(A%d;A$1:A$8)" % r for r in range(1, 9)}
TEXTS = {"C1": "=ABCCLASS(A1;A$1:A$8)", "C2": "=DEPENDENCY(A1;A$1:A$8)",
         "C3": "=RFMSEGMENT(555)"}
EMPTY = {"D1": '=ABCCLASS("x";A$1:A$8)'}  # the empty text
ERRORS = {"E1": "=ABCCLASS(;A$1:A$8)"}  # Err:502
OWN = {  # numeric results with a style of their own: a named one, bold, a format
    "F1": ("=SALESSHARE(A3;A$1:A$8)", "Good"),
    "F2": ("=SALESSHARE(A4;A$1:A$8)", "bold"),
    "F3": ("=SALESSHARE(A5;A$1:A$8)", "0.00%"),
}
NATIVE = {"G1": "=A1*2", "G2": "=SUM(A1:A8)"}
ARRAY = "H1:H8"
FILLER = {"B4:B8": 7, "D2:D8": 1, "E2:E8": 1, "F4:F8": 1, "G3:G8": 1,  # other cells of the columns
          "Summary.A1:A4": 1, "Summary.B1": 1, "Summary.B3:B4": 1}
SINGLE = sorted(NUMBERS) + sorted(COLUMN) + sorted(TEXTS) + sorted(EMPTY) + sorted(ERRORS) + \
    sorted(OWN) + sorted(NATIVE)
ARRAY_CELLS = ["H%d" % r for r in range(1, 9)]
NAME_ERROR = ("error", 525)  # #NAME?


def cell(doc, name):
    sheet, _, addr = name.rpartition(".")
    sh = doc.Sheets.getByName(sheet) if sheet else doc.Sheets.getByIndex(0)
    return sh.getCellRangeByName(addr)


def shown(doc):
    return {c: office.cell_value(cell(doc, c)) for c in SINGLE + ARRAY_CELLS}


def build(off):
    """The workbook, calculated, not yet saved."""
    doc = off.new_calc()
    sh = doc.Sheets.getByIndex(0)
    for i, v in enumerate(SALES):
        sh.getCellByPosition(0, i).setValue(v)
    doc.Sheets.insertNewByName("Summary", 1)
    for name, f in list(NUMBERS.items()) + list(COLUMN.items()) + list(TEXTS.items()) + \
            list(EMPTY.items()) + list(ERRORS.items()) + list(NATIVE.items()):
        cell(doc, name).setFormula(f)
    for name, v in FILLER.items():
        r = cell(doc, name)
        r.setDataArray(tuple((v,) * r.Columns.Count for _ in range(r.Rows.Count)))
    fmts = doc.NumberFormats
    for name, (f, own) in OWN.items():
        c = cell(doc, name)
        c.setFormula(f)
        if own == "bold":
            c.CharWeight = 150.0
        elif "%" in own:
            from com.sun.star.lang import Locale
            key = fmts.queryKey(own, Locale(), False)
            c.NumberFormat = key if key >= 0 else fmts.addNew(own, Locale())
        else:
            c.CellStyle = own
    sh.getCellRangeByName(ARRAY).setArrayFormula("=SALESSHARE(A1:A8;A1:A8)")
    doc.calculateAll()
    return doc


class Sharing(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        off = office.shared_office()
        doc = build(off)
        cls.want = shown(doc)
        cls.undo_before = doc.UndoManager.getAllUndoActionTitles()
        cls.paths = {}
        # storeAsURL, then an edit and store(): the user's Save As and Save
        p = cls.paths["storeAsURL .ods"] = office.out_path("e2e-sharing-saveas.ods")
        doc.storeAsURL(office.url(p), (prop("FilterName", "calc8"),))
        cls.modified_after_save_as = doc.isModified()
        cell(doc, "A8").setValue(SALES[7])  # the same value: modified, nothing changes
        doc.store()
        cls.paths["store .ods"] = p
        cls.modified_after_store = doc.isModified()
        # storeToURL: a copy, an export; the document stays unmodified
        for ext, key in ((".ods", "storeToURL .ods"), (".xlsx", "storeToURL .xlsx")):
            cls.paths[key] = office.out_path("e2e-sharing-copy" + ext)
            office.save_as(doc, cls.paths[key])
        cls.modified_after_copies = doc.isModified()
        cls.undo_after = doc.UndoManager.getAllUndoActionTitles()
        cls.styles = {c: cell(doc, c).CellStyle for c in SINGLE + ARRAY_CELLS}
        cls.own_after = {"F2": cell(doc, "F2").CharWeight,
                         "F3": cell(doc, "F3").NumberFormat}
        cls.after = shown(doc)
        office.close(doc)
        # the xlsx copy of a .xlsx save: storeAsURL to .xlsx and store()
        doc = build(off)
        p = cls.paths["storeAsURL .xlsx"] = office.out_path("e2e-sharing-saveas.xlsx")
        doc.storeAsURL(office.url(p), (prop("FilterName", "Calc Office Open XML"),))
        office.close(doc)
        cls.plain = office.Office(office.profile_path("plain-profile"), extension=False).start()
        cls.opened = {}
        try:
            for key, p in cls.paths.items():
                d = cls.plain.load(p)
                cls.opened[key] = (shown(d), {c: cell(d, c).CellStyle for c in SINGLE},
                                   cell(d, "F2").CharWeight)
                office.close(d)
        finally:
            cls.plain.stop()

    def test_the_workbook_shows_what_it_should(self):
        w = self.want
        self.assertEqual(w["C1"], "A")
        self.assertEqual(w["D1"], "")
        self.assertEqual(w["E1"], ("error", 502))
        for c in NUMBERS:
            self.assertIsInstance(w[c], float, c)
        self.assertEqual(self.after, w)  # the save changed no value

    def test_every_single_cell_number_and_text_keeps_its_value_without_the_extension(self):
        kept = sorted(NUMBERS) + sorted(TEXTS) + sorted(OWN) + sorted(NATIVE)
        for key, (got, _, _) in self.opened.items():
            for c in kept:
                want = self.want[c]
                if isinstance(want, float):  # .xlsx keeps 15 digits
                    self.assertAlmostEqual(got[c], want, delta=1e-14 * max(1.0, abs(want)),
                                           msg="%s %s" % (key, c))
                else:
                    self.assertEqual(got[c], want, "%s %s" % (key, c))

    def test_only_empty_texts_errors_arrays_and_result_columns_are_recalculated(self):
        # LibreOffice writes an empty-text result without a value type and
        # an error as a text it does not take back: it recalculates both on
        # load, as every array formula; in .ods also a column of results
        # only, whose style is the column's (docs/notes-cached-values.md)
        for key, (got, _, _) in self.opened.items():
            lost = sorted(c for c in got if got[c] == NAME_ERROR)
            want = list(EMPTY) + list(ERRORS) + ARRAY_CELLS
            if key.endswith(".ods"):
                want += list(COLUMN)
            self.assertEqual(lost, sorted(want), key)

    def test_toolkit_numbers_get_the_style_and_nothing_else_does(self):
        for c in list(NUMBERS) + list(COLUMN):
            self.assertEqual(self.styles[c], STYLE, c)
        for c in list(TEXTS) + list(EMPTY) + list(ERRORS) + list(NATIVE) + ARRAY_CELLS:
            self.assertEqual(self.styles[c], "Default", c)

    def test_cells_with_a_style_of_their_own_keep_it(self):
        self.assertEqual(self.styles["F1"], "Good")
        self.assertEqual(self.own_after["F2"], 150.0)  # bold kept under the result style
        for key, (_, styles, weight) in self.opened.items():
            # LibreOffice's .xlsx import names a style "Good" that its own
            # built-in "Good" already holds "Good 1"
            self.assertEqual(styles["F1"], "Good" if key.endswith(".ods") else "Good 1", key)
            self.assertEqual(weight, 150.0, key)
            self.assertEqual(styles["B1"], STYLE, key)

    def test_saving_leaves_the_document_unmodified_and_adds_no_undo_action(self):
        self.assertFalse(self.modified_after_save_as)
        self.assertFalse(self.modified_after_store)
        self.assertFalse(self.modified_after_copies)
        self.assertEqual(self.undo_after[0], "Input")  # the edit before store(), nothing after
        self.assertEqual(list(self.undo_after[1:]), list(self.undo_before))

    def test_a_workbook_without_toolkit_formulas_is_saved_without_the_style(self):
        off = office.shared_office()
        doc = off.new_calc()
        try:
            sh = doc.Sheets.getByIndex(0)
            sh.getCellRangeByName("A1").setValue(3)
            sh.getCellRangeByName("B1").setFormula("=A1*2")
            sh.getCellRangeByName("B2").setFormula('=IF(1;"SALESSHARE(";0)')
            doc.setModified(False)
            path = office.out_path("e2e-sharing-plain.ods")
            office.save_as(doc, path)
            self.assertNotIn(STYLE, doc.StyleFamilies.getByName("CellStyles").ElementNames)
            self.assertEqual(sh.getCellRangeByName("B1").CellStyle, "Default")
            self.assertFalse(doc.isModified())
        finally:
            office.close(doc)
        with open(path, "rb") as f:
            import zipfile
            content = zipfile.ZipFile(f).read("content.xml").decode("utf-8")
        self.assertNotIn("Key_20_account", content)


if __name__ == "__main__":
    unittest.main()
