"""The review commands' dialogs and the "Review" panel (docs/commands.md).

The prefill: SalesReview and ChurnReview dispatched with Prefill = true
return in the DispatchResultEvent's Result the arguments their dialog would
propose (sequence<PropertyValue>), guessed from the selection and its header
row, and change nothing; checked on the sample workbook (its Sales and Orders
sheets, a single cell selected: its current region) and on a table with
Latvian headings.  Without arguments, a hidden (or headless) document gives
the failed result with its message instead of a dialog nobody could see.
The panel: the deck holds it, with its three buttons and their explanations,
wrapped to the panel's width.  The dialog itself (DialogUnderXvfb): Calc in a
real window under Xvfb, the sales review's dialog opened from a dispatch
without arguments, its fields prefilled, a bad range refused in the dialog
(which stays open), OK making the review, and the line that says the sheet
made before is replaced."""
import os
import subprocess
import threading
import time
import unittest

import uno
import unohelper
from com.sun.star.awt import XTopWindowListener

import office
from office import Panel, open_visible, prop

SUCCESS, FAILURE = 1, 0  # com.sun.star.frame.DispatchResultState
SAMPLE = os.path.join(office.ROOT, "examples", "keyaccount-sample.ods")


def dispatch(off, doc, command, *args):
    helper = off.service("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    return helper.executeDispatch(frame, "org.keyaccount.calc:" + command, "", 0, tuple(args))


def require(test, doc, *commands):
    """Skips test while a review is not a command of this build: the
    commands themselves come from the branches of issue 11 that write them
    (i11sales, i11churn); this file tests their dialogs' prefill."""
    for command in commands:
        url = uno.createUnoStruct("com.sun.star.util.URL")
        url.Complete = "org.keyaccount.calc:" + command
        if doc.getCurrentController().getFrame().queryDispatch(url, "", 0) is None:
            test.skipTest("%s is not a command of this build" % command)


def select(doc, sheet_name, cells):
    sh = doc.Sheets.getByName(sheet_name)
    doc.getCurrentController().setActiveSheet(sh)
    doc.getCurrentController().select(sh.getCellRangeByName(cells))


def guessed(result):
    """The PropertyValues of a Prefill result as a dict."""
    return {p.Name: p.Value for p in result.Result}


class Prefill(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()
        cls.doc = cls.office.load(SAMPLE)

    @classmethod
    def tearDownClass(cls):
        office.close(cls.doc)

    def test_sales_sheet_of_the_sample(self):
        """One cell of the Sales sheet: its region is the table with the row of
        totals under it, which the guess leaves out."""
        require(self, self.doc, "SalesReview")
        select(self.doc, "Sales", "C17")
        res = dispatch(self.office, self.doc, "SalesReview", prop("Prefill", True))
        self.assertEqual(res.State, SUCCESS)
        self.assertEqual(guessed(res), {"Clients": "$Sales.$A$2:$A$201",
                                        "Periods": "$Sales.$E$2:$P$201",
                                        "Sales": "$Sales.$Q$2:$Q$201",
                                        "Groups": "$Sales.$C$2:$C$201"})
        self.assertFalse(self.doc.isModified())

    def test_orders_sheet_of_the_sample(self):
        require(self, self.doc, "ChurnReview")
        select(self.doc, "Orders", "B10")
        res = dispatch(self.office, self.doc, "ChurnReview", prop("Prefill", True))
        self.assertEqual(res.State, SUCCESS)
        last = self.doc.Sheets.getByName("Orders").createCursor()
        last.gotoEndOfUsedArea(False)
        end = last.getRangeAddress().EndRow + 1
        self.assertEqual(guessed(res), {"Orders": "$Orders.$A$2:$A$%d" % end,
                                        "Dates": "$Orders.$B$2:$B$%d" % end,
                                        "Amounts": "$Orders.$C$2:$C$%d" % end,
                                        "Unit": 7.0, "Horizon": 52.0, "LapseDays": 180.0})

    def test_client_table_is_no_order_log(self):
        require(self, self.doc, "ChurnReview")
        select(self.doc, "Sales", "A1:Q201")
        res = dispatch(self.office, self.doc, "ChurnReview", prop("Prefill", True))
        self.assertEqual(res.State, FAILURE)
        self.assertIn("no column of dates", res.Result)


class PrefillLatvian(unittest.TestCase):
    """A table with Latvian headings: Nr., Klients, Reģions, quarters, Kopā,
    and an order log with Datums and Summa; an empty cell and a text-only
    table fail with their messages."""

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()

    def latvian_tables(self, doc):
        sh = doc.Sheets.getByIndex(0)
        rows = [("Nr.", "Klients", "Reģions", "2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "Kopā")]
        for i in range(12):
            q = [1000.0 * (i + 1) + 10 * k for k in range(4)]
            rows.append((float(i + 1), "K%03d" % (i + 1), ("Rīga", "Kurzeme")[i % 2])
                        + tuple(q) + (sum(q),))
        sh.getCellRangeByName("B3:I15").setDataArray(tuple(rows))
        log = [("Datums", "Klients", "Daudzums", "Summa")]
        for i in range(10):
            log.append((45000.0 + 7 * i, "K%03d" % (i % 4 + 1), 1.0 + i, 50.0 * (i + 1)))
        sh.getCellRangeByName("K3:N13").setDataArray(tuple(log))
        sh.getCellRangeByName("K4:K13").NumberFormat = doc.NumberFormats.getStandardFormat(
            2, doc.CharLocale)  # com.sun.star.util.NumberFormat.DATE
        return sh

    def test_latvian_client_table(self):
        doc = self.office.new_calc()
        try:
            require(self, doc, "SalesReview")
            sh = self.latvian_tables(doc)
            select(doc, sh.Name, "E7")
            res = dispatch(self.office, doc, "SalesReview", prop("Prefill", True))
            self.assertEqual(res.State, SUCCESS, res.Result)
            self.assertEqual(guessed(res), {"Clients": "$Sheet1.$C$4:$C$15",
                                            "Periods": "$Sheet1.$E$4:$H$15",
                                            "Sales": "$Sheet1.$I$4:$I$15",
                                            "Groups": "$Sheet1.$D$4:$D$15"})
            # an empty cell far from both tables: nothing to review
            select(doc, sh.Name, "Z100")
            res = dispatch(self.office, doc, "SalesReview", prop("Prefill", True))
            self.assertEqual(res.State, FAILURE)
            self.assertIn("Select the table", res.Result)
            # texts only
            sh.getCellRangeByName("B20:C22").setDataArray((("Klients", "Reģions"), ("A", "B"),
                                                           ("C", "D")))
            select(doc, sh.Name, "B21")
            res = dispatch(self.office, doc, "SalesReview", prop("Prefill", True))
            self.assertEqual(res.State, FAILURE)
            self.assertIn("no column of numbers", res.Result)
            self.assertEqual(doc.Sheets.Count, 1)
        finally:
            office.close(doc)

    def test_latvian_order_log(self):
        doc = self.office.new_calc()
        try:
            require(self, doc, "ChurnReview")
            sh = self.latvian_tables(doc)
            select(doc, sh.Name, "L5")
            res = dispatch(self.office, doc, "ChurnReview", prop("Prefill", True))
            self.assertEqual(res.State, SUCCESS, res.Result)
            got = guessed(res)
            self.assertEqual((got["Orders"], got["Dates"], got["Amounts"]),
                             ("$Sheet1.$L$4:$L$13", "$Sheet1.$K$4:$K$13", "$Sheet1.$N$4:$N$13"))
        finally:
            office.close(doc)

    def test_no_dialog_without_a_window(self):
        """Without arguments the command would open its dialog; a hidden
        document has no window for it: the failed result says so."""
        doc = self.office.new_calc()
        try:
            require(self, doc, "SalesReview")
            sh = doc.Sheets.getByIndex(0)
            sh.getCellRangeByName("A1:B3").setDataArray((("Client", "Sales"), ("K1", 10.0),
                                                         ("K2", 20.0)))
            for command in ("SalesReview", "ChurnReview"):
                url = uno.createUnoStruct("com.sun.star.util.URL")
                url.Complete = "org.keyaccount.calc:" + command
                if doc.getCurrentController().getFrame().queryDispatch(url, "", 0) is None:
                    continue  # not a command of this build (require above)
                res = dispatch(self.office, doc, command)
                self.assertEqual(res.State, FAILURE, command)
                self.assertIn("needs a document window", res.Result)
            self.assertEqual(doc.Sheets.Count, 1)
        finally:
            office.close(doc)


class ReviewPanel(unittest.TestCase):
    """The "Review" panel of the deck: three buttons with their texts, each
    explanation wrapped to the panel's width, nothing past its right edge."""

    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()

    def test_buttons_and_explanations(self):
        doc = open_visible(self.office)
        try:
            p = Panel(doc)
            deck = doc.getCurrentController().getSidebar().getDecks().getByName(Panel.DECK)
            panels = deck.getPanels()
            self.assertTrue(panels.hasByName("KeyAccountReviewPanel"))
            review = panels.getByName("KeyAccountReviewPanel")
            review.expand(True)
            p.idle()
            self.assertEqual(review.getTitle(), "Review")
            win = review.getDialog()
            self.assertIsNotNone(win)
            width = win.getPosSize().Width
            self.assertGreater(width, 0)
            labels = {"sales_review": "Sales review...", "churn_review": "Churn review...",
                      "share_copy": "Share a copy with values..."}
            bottom = 0
            for name, label in labels.items():
                button = win.getControl(name)
                self.assertEqual(button.getModel().Label, label)
                help_text = win.getControl(name + "_help")
                self.assertGreater(len(help_text.getModel().Label), 20)
                for c in (button, help_text):
                    ps = c.getPosSize()
                    self.assertLessEqual(ps.X + ps.Width, width, name)
                    self.assertGreaterEqual(ps.Y, bottom, name)  # one under the other
                    bottom = ps.Y + ps.Height
                # tall enough for its text wrapped at its width
                size = uno.createUnoStruct("com.sun.star.awt.Size")
                size.Width = help_text.getPosSize().Width
                self.assertGreaterEqual(help_text.getPosSize().Height,
                                        help_text.calcAdjustedSize(size).Height, name)
            self.assertLessEqual(bottom, win.getPosSize().Height)
        finally:
            office.close(doc)


def accessible_tree(ctx):
    """(role, name, text, context) of every accessible under ctx."""
    out = []
    for i in range(ctx.getAccessibleChildCount()):
        child = ctx.getAccessibleChild(i).getAccessibleContext()
        try:
            text = child.getText()
        except Exception:
            text = ""
        out.append((child.getAccessibleRole(), child.getAccessibleName(), text, child))
        out += accessible_tree(child)
    return out


class TopWindowOpened(unohelper.Base, XTopWindowListener):
    """Sets an Event when the toolkit shows a top window; calls nothing back
    (it is called with the SolarMutex held)."""

    def __init__(self, event):
        self.event = event

    def windowOpened(self, ev):
        self.event.set()

    def windowClosing(self, ev):
        pass

    def windowClosed(self, ev):
        pass

    def windowMinimized(self, ev):
        pass

    def windowNormalized(self, ev):
        pass

    def windowActivated(self, ev):
        pass

    def windowDeactivated(self, ev):
        pass

    def disposing(self, ev):
        pass


class DialogUnderXvfb(unittest.TestCase):
    """The dialog of SalesReview in a real window, driven through its
    accessible controls while the dispatch that opened it waits."""

    def wait_dialog(self, opened, toolkit, title, seconds=20):
        """The accessible context of the top window called title, looked
        for only once the toolkit has said a window was shown (opened, an
        Event set by a top-window listener).  Asking for windows'
        accessibility while the dispatch thread is still creating the dialog
        deadlocked LibreOffice 25.2 (measured: the URP thread creating the
        dialog waits in the invocation adapter's first query, holding
        cppuhelper's class-data mutex, while the accessibility call waits for
        that mutex holding the SolarMutex), so nothing is asked before."""
        end = time.time() + seconds
        while time.time() < end:
            if not opened.wait(max(0.0, end - time.time())):
                break
            opened.clear()
            for i in range(toolkit.getTopWindowCount()):
                w = toolkit.getTopWindow(i)
                if w.getAccessibleContext().getAccessibleName() == title:
                    return w.getAccessibleContext()
        self.fail("no dialog %r" % title)

    def open_dialog(self, off, doc):
        """Dispatches SalesReview without arguments on a thread; returns the
        dialog's accessible context and the dict the result will be put in."""
        out = {}
        toolkit = doc.getCurrentController().getFrame().getContainerWindow().getToolkit()
        # the accessibility factory made before the dialog (see wait_dialog)
        # (the window's own context only: the grid's tree is a million cells)
        doc.getCurrentController().getFrame().getContainerWindow().getAccessibleContext().getAccessibleName()
        opened = threading.Event()
        listener = TopWindowOpened(opened)
        toolkit.addTopWindowListener(listener)

        def run():
            helper = off.service("com.sun.star.frame.DispatchHelper")
            out["result"] = helper.executeDispatch(doc.getCurrentController().getFrame(),
                                                   "org.keyaccount.calc:SalesReview", "", 0, ())
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        try:
            return self.wait_dialog(opened, toolkit, "Sales review"), out, thread
        finally:
            toolkit.removeTopWindowListener(listener)

    def test_dialog_prefilled_refuses_and_runs(self):
        from test_screenshot import free_display
        display = free_display()
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        o = None
        try:
            for _ in range(50):
                if os.path.exists("/tmp/.X11-unix/X%s" % display[1:]):
                    break
                time.sleep(0.1)
            o = office.Office(office.profile_path("dialog-profile"),
                              env={"DISPLAY": display, "SAL_USE_VCLPLUGIN": "gen",
                                   "KA_VISIBLE": "1"}).start()
            path = office.out_path("e2e-review-dialog.ods")
            import shutil
            shutil.copyfile(SAMPLE, path)
            doc = open_visible(o, path)
            require(self, doc, "SalesReview")
            # the sample holds the review tools/make_sample.py made: without it the
            # dialog offers a new sheet
            doc.NamedRanges.removeByName("KeyAccounts_SalesReview")
            doc.Sheets.removeByName("Sales review")
            select(doc, "Sales", "C17")
            dialog, out, thread = self.open_dialog(o, doc)
            items = accessible_tree(dialog)
            fields = [text for role, name, text, c in items if role == 60]  # TEXT (an edit field)
            self.assertEqual(fields[:4], ["$Sales.$A$2:$A$201", "$Sales.$Q$2:$Q$201",
                                          "$Sales.$E$2:$P$201", "$Sales.$C$2:$C$201"])
            self.assertTrue(any(text == "The review is inserted as a new sheet."
                                for role, name, text, c in items))
            # a range that is not one: refused in the dialog, which stays open
            edit = [c for role, name, text, c in items if role == 60][1]
            edit.setText("Nowhere.B2:B9")
            ok = [c for role, name, text, c in items if name == "OK"][0]
            ok.doAccessibleAction(0)
            time.sleep(1)
            texts = [text for role, name, text, c in accessible_tree(dialog)]
            self.assertTrue(any("Nowhere.B2:B9" in t and "range" in t for t in texts), texts)
            self.assertNotIn("result", out)
            edit.setText("$Sales.$Q$2:$Q$201")
            ok.doAccessibleAction(0)
            thread.join(60)
            self.assertEqual(out["result"].State, SUCCESS, out["result"].Result)
            self.assertTrue(doc.Sheets.hasByName("Sales review"))
            # again: the dialog says the sheet made before is replaced; Cancel
            dialog, out, thread = self.open_dialog(o, doc)
            texts = [text for role, name, text, c in accessible_tree(dialog)]
            self.assertIn('Re-running replaces the sheet "Sales review" made before.', texts)
            cancel = [c for role, name, text, c in accessible_tree(dialog) if name == "Cancel"][0]
            cancel.doAccessibleAction(0)
            thread.join(30)
            self.assertEqual(out["result"].State, FAILURE)
            self.assertEqual(out["result"].Result, "Cancelled: nothing was done.")
            office.close(doc)
        finally:
            if o:
                o.stop()
            xvfb.terminate()
            xvfb.wait()


if __name__ == "__main__":
    unittest.main()
