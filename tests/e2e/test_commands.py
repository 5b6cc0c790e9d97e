"""The toolkit's commands (docs/commands.md) dispatched in a real office as a
macro would: com.sun.star.frame.DispatchHelper on the document's frame,
which hands back the command's DispatchResultEvent.

Share a copy with values: a workbook with single-cell and array formulas of
the toolkit, an error, native formulas, a chart and a dossier profile is
shared as .ods and .xlsx; each copy, opened in an office WITHOUT the
extension, shows every value (numbers with their number format, texts, the
error's text), keeps the native formulas, the chart and the profile; the
live workbook is neither modified nor changed.  Bad input fails with a
message and changes nothing."""
import os
import unittest

import office
from office import prop, set_user_property, user_properties

CMD = "org.keyaccount.calc:ShareCopy"
SUCCESS, FAILURE = 1, 0  # com.sun.star.frame.DispatchResultState
PROFILE = "KeyAccountDossier:K0001"
PROFILE_XML = ('<dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>K0001</id>'
               '<name>Ķegums SIA</name></identity></dossier>')
SALES = [400, 200, 200, 100, 100]
PERCENT = 128  # com.sun.star.util.NumberFormat.PERCENT: the format type of the share cells


def dispatch(off, doc, *args):
    helper = off.service("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    return helper.executeDispatch(frame, CMD, "", 0, tuple(args))


def build_workbook(off, name):
    """The workbook of the tests, saved as name; returns (doc, what its cells show)."""
    doc = off.new_calc()
    sh = doc.Sheets.getByIndex(0)
    sh.getCellRangeByName("A1:B1").setDataArray((("Client", "Sales"),))
    for i, v in enumerate(SALES):
        sh.getCellByPosition(0, i + 1).setString("K%04d" % (i + 1))
        sh.getCellByPosition(1, i + 1).setValue(v)
    for r in range(2, 7):  # single-cell formulas, texts and numbers
        sh.getCellRangeByName("C%d" % r).setFormula("=ABCCLASS(B%d;B$2:B$6)" % r)
        sh.getCellRangeByName("E%d" % r).setFormula("=SALESSHARE(B%d;B$2:B$6)" % r)
    sh.getCellRangeByName("D2:D6").setArrayFormula("=ABCCLASS(B2:B6;B2:B6)")
    sh.getCellRangeByName("F2:F6").setArrayFormula("=PARETOSHARE(B2:B6;B2:B6)")
    fmt = doc.NumberFormats.getStandardFormat(PERCENT, doc.CharLocale)
    sh.getCellRangeByName("E2:F6").NumberFormat = fmt
    sh.getCellRangeByName("G2").setFormula("=ABCCLASS(B2;B2:B6;-1)")  # Err:502
    sh.getCellRangeByName("H2").setFormula("=SUM(B2:B6)*2")  # native: stays a formula
    sh.getCellRangeByName("H3").setFormula('=IF(1;"ABCCLASS(";0)')  # the name in a text only
    sh.getCellRangeByName("H4").setFormula("=E2*100")  # native, on a toolkit cell
    # a second sheet, so that every sheet is looked at
    doc.Sheets.insertNewByName("Summary", 1)
    s2 = doc.Sheets.getByName("Summary")
    s2.getCellRangeByName("A1").setFormula('=CONCENTRATION($Sheet1.B2:B6;"HHI")')
    rect = uno_rect(0, 0, 8000, 5000)
    addr = sh.getCellRangeByName("A1:B6").getRangeAddress()
    sh.getCharts().addNewByName("Sales", rect, (addr,), True, True)
    set_user_property(doc, PROFILE, PROFILE_XML)
    # saved and opened again, as a user's workbook is (a chart made in this
    # session would count as a modification of the document)
    path = office.out_path("e2e-share-%s.ods" % name)
    office.save_as(doc, path)
    office.close(doc)
    doc = off.load(path)
    sh = doc.Sheets.getByIndex(0)
    shown = {}
    for cells in ("C2:C6", "D2:D6", "E2:E6", "F2:F6", "G2", "H2:H4"):
        shown[cells] = values(sh, cells)
    shown["Summary.A1"] = office.cell_value(doc.Sheets.getByName("Summary")
                                            .getCellRangeByName("A1"))
    assert not doc.isModified()
    return doc, shown


def uno_rect(x, y, w, h):
    import uno
    r = uno.createUnoStruct("com.sun.star.awt.Rectangle")
    r.X, r.Y, r.Width, r.Height = x, y, w, h
    return r


def values(sh, name):
    r = sh.getCellRangeByName(name)
    return [office.cell_value(r.getCellByPosition(c, i))
            for i in range(r.Rows.Count) for c in range(r.Columns.Count)]


def formulas(doc):
    out = []
    for i in range(doc.Sheets.Count):
        sh = doc.Sheets.getByIndex(i)
        out.append(sh.getCellRangeByName("A1:H6").getFormulaArray())
    return out


class ShareCopy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.doc, cls.shown = build_workbook(cls.office, "source")
        cls.formulas = formulas(cls.doc)
        cls.paths = {}
        cls.results = {}
        for ext, filt in ((".ods", None), (".xlsx", "Calc Office Open XML")):
            path = office.out_path("e2e-share-copy" + ext)
            args = [prop("URL", office.url(path))]
            if filt:
                args.append(prop("FilterName", filt))
            cls.results[ext] = office.within(cls.office, 120, dispatch, cls.office, cls.doc, *args)
            cls.paths[ext] = path

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def test_dispatch_succeeds_with_a_message(self):
        for ext, res in self.results.items():
            self.assertEqual(res.State, SUCCESS, "%s: %s" % (ext, res.Result))
            # 5 + 5 + 5 + 5 + 1 cells on Sheet1 and 1 on Summary
            self.assertIn("22 cells", res.Result, ext)
            self.assertTrue(os.path.getsize(self.paths[ext]) > 0, ext)

    def test_live_workbook_untouched(self):
        self.assertFalse(self.doc.isModified())
        self.assertEqual(formulas(self.doc), self.formulas)
        self.assertEqual(user_properties(self.doc)[PROFILE], PROFILE_XML)
        self.assertIn("ABCCLASS", self.doc.Sheets.getByIndex(0).getCellRangeByName("D3")
                      .getFormula())

    def test_copies_without_the_extension(self):
        plain = office.Office(office.profile_path("plain-profile"), extension=False).start()
        try:
            for ext, path in self.paths.items():
                doc = plain.load(path)
                try:
                    self.check_copy(doc, ext)
                    doc.calculateAll()  # what a recipient's recalculation gives: the same
                    self.check_copy(doc, ext + " recalculated")
                finally:
                    office.close(doc)
        finally:
            plain.stop()

    def check_copy(self, doc, ext):
        sh = doc.Sheets.getByName("Sheet1")
        for name, want in self.shown.items():
            if name == "Summary.A1":
                got = office.cell_value(doc.Sheets.getByName("Summary").getCellRangeByName("A1"))
                self.assertAlmostEqual(got, want, 12, msg=ext)
                continue
            got = values(sh, name)
            if name == "G2":  # an error becomes the text the cell showed
                self.assertEqual(want, [("error", 502)])
                self.assertEqual(got, ["Err:502"], ext)
            elif name in ("E2:E6", "F2:F6", "H2:H4"):
                for g, w in zip(got, want):
                    self.assertAlmostEqual(g, w, 12, msg="%s %s" % (ext, name))
            else:
                self.assertEqual(got, want, "%s %s" % (ext, name))
        # the toolkit's cells are values now, the native formulas stay formulas
        for name in ("C2", "D3", "E4", "F5", "G2"):
            self.assertFalse(sh.getCellRangeByName(name).getFormula().startswith(("=", "{")),
                             "%s %s: %s" % (ext, name, sh.getCellRangeByName(name).getFormula()))
        self.assertEqual(sh.getCellRangeByName("H2").getFormula(), "=SUM(B2:B6)*2", ext)
        self.assertEqual(sh.getCellRangeByName("H3").getFormula(), '=IF(1;"ABCCLASS(";0)', ext)
        self.assertEqual(sh.getCellRangeByName("H4").getFormula(), "=E2*100", ext)
        # numbers keep their number format (a percentage)
        types = doc.NumberFormats
        for name in ("E2", "F3"):
            key = sh.getCellRangeByName(name).NumberFormat
            self.assertTrue(types.getByKey(key).Type & PERCENT, "%s %s" % (ext, name))
        self.assertEqual(list(sh.getCharts().getElementNames()) != [], True, ext)
        self.assertEqual(user_properties(doc)[PROFILE], PROFILE_XML, ext)


class BadInput(unittest.TestCase):
    """Each fails with a message; the document stays as it was."""

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.doc, _ = build_workbook(cls.office, "bad-input")
        cls.formulas = formulas(cls.doc)

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def fails(self, doc, *args):
        res = office.within(self.office, 120, dispatch, self.office, doc, *args)
        self.assertEqual(res.State, FAILURE, res.Result)
        self.assertTrue(res.Result)
        return res.Result

    def unchanged(self):
        self.assertFalse(self.doc.isModified())
        self.assertEqual(formulas(self.doc), self.formulas)

    def test_no_url(self):
        self.assertIn("No URL", self.fails(self.doc, prop("FilterName", "calc8")))
        self.assertIn("No URL", self.fails(self.doc, prop("URL", "")))
        self.unchanged()

    def test_unknown_format(self):
        path = office.out_path("e2e-share-copy.csv")
        self.assertIn(".xlsx", self.fails(self.doc, prop("URL", office.url(path))))
        self.assertIn(".xlsx", self.fails(self.doc, prop("URL", office.url(path)),
                                          prop("FilterName", "Text - txt - csv (StarCalc)")))
        self.assertFalse(os.path.exists(path))
        self.unchanged()

    def test_unwritable_path(self):
        # a directory that cannot be made even by root: its parent is a file
        blocker = office.out_path("e2e-share-blocker")
        with open(blocker, "w") as f:
            f.write("a file, not a directory\n")
        msg = self.fails(self.doc, prop("URL", office.url(os.path.join(blocker, "copy.ods"))))
        self.assertIn("could not be saved", msg)
        self.unchanged()

    def test_not_the_workbook_itself(self):
        path = office.out_path("e2e-share-self.ods")
        office.save_as(self.doc, path)
        doc = self.office.load(path)
        try:
            before = formulas(doc)
            self.assertIn("replace the workbook", self.fails(doc, prop("URL", office.url(path))))
            self.assertEqual(formulas(doc), before)
            self.assertFalse(doc.isModified())
        finally:
            office.close(doc)

    def test_not_a_spreadsheet(self):
        """A frame without a spreadsheet (this office has no Writer: an empty frame)."""
        import uno
        d = uno.createUnoStruct("com.sun.star.awt.WindowDescriptor")
        d.Type = uno.Enum("com.sun.star.awt.WindowClass", "TOP")
        d.WindowServiceName = "window"
        d.Bounds = uno_rect(0, 0, 200, 100)
        frame = self.office.service("com.sun.star.frame.Frame")
        frame.initialize(self.office.service("com.sun.star.awt.Toolkit").createWindow(d))
        try:
            path = office.out_path("e2e-share-no-sheet.ods")
            helper = self.office.service("com.sun.star.frame.DispatchHelper")
            res = office.within(self.office, 120, helper.executeDispatch, frame, CMD, "", 0,
                                (prop("URL", office.url(path)),))
            self.assertEqual(res.State, FAILURE, res.Result)
            self.assertIn("not a spreadsheet", res.Result)
            self.assertFalse(os.path.exists(path))
        finally:
            frame.dispose()

    def test_no_arguments_opens_the_dialog(self):
        """Headless, the Save As picker closes at once as cancelled: a failed
        result, no hang, nothing saved."""
        self.assertIn("Cancelled", self.fails(self.doc))
        self.unchanged()


class Menu(unittest.TestCase):
    def test_menu_and_handler_registered(self):
        off = office.shared_office()
        menu = off.config("/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar",
                          "org.keyaccount.calc.Menu")
        self.assertEqual(menu.getByName("Context"), "com.sun.star.sheet.SpreadsheetDocument")
        item = menu.getByName("Submenu").getByName("m01ShareCopy")
        self.assertEqual(item.getByName("URL"), CMD)
        self.assertEqual(item.getByName("Title"), "Share a copy with values...")
        doc = off.new_calc()
        try:
            frame = doc.getCurrentController().getFrame()
            url = off.service("com.sun.star.util.URLTransformer").parseStrict(
                uno_url(CMD))[1]
            self.assertIsNotNone(frame.queryDispatch(url, "", 0))
            unknown = off.service("com.sun.star.util.URLTransformer").parseStrict(
                uno_url("org.keyaccount.calc:NoSuchCommand"))[1]
            self.assertIsNone(frame.queryDispatch(unknown, "", 0))
            # a caller that skips queryDispatch still hears how it ended
            listener = ResultListener()
            frame.queryDispatch(url, "", 0).dispatchWithNotification(unknown, (), listener)
            self.assertEqual(listener.event.State, FAILURE)
            self.assertEqual(listener.event.Result,
                             "Unknown command: org.keyaccount.calc:NoSuchCommand")
        finally:
            office.close(doc)


import unohelper  # noqa: E402
from com.sun.star.frame import XDispatchResultListener  # noqa: E402


class ResultListener(unohelper.Base, XDispatchResultListener):
    event = None

    def dispatchFinished(self, event):
        self.event = event

    def disposing(self, source):
        pass


def uno_url(text):
    import uno
    u = uno.createUnoStruct("com.sun.star.util.URL")
    u.Complete = text
    return u


if __name__ == "__main__":
    unittest.main()
