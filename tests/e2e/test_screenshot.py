"""Calc with the Key accounts sidebar in a real window under Xvfb, a profile
filled in through the panel, and a screenshot of it (build/sidebar.png; the
README shows a copy, docs/sidebar.png, refreshed with `make screenshot`).

KA_SCREENSHOT_LANG (`make screenshot LANG_UI=lv`) takes it in that interface
language instead (the fixture's ui_locale, the l10n package installed), with
the sheet's headings and a few texts of the profile in that language too:
build/sidebar-lv.png, README's docs/sidebar-lv.png.

NarrowSidebar checks both panels (Review and the dossier) at the sidebar's
default width and at 220 px, in English and in Latvian (long words), with a
profile in the form and in the "No profile for ..." state.  LibreOffice
keeps the deck at least as wide as its panels' minimal width (~290 px), so
the narrow panels are second ones, made by the extension's panel factory in
a 220 px window beside the sidebar and laid out as the deck would
(getHeightForWidth): build/sidebar-narrow.png and build/sidebar-narrow-lv.png
show them."""
import os
import subprocess
import sys
import time
import unittest

import office
import uno
from office import Panel, open_visible
from test_dossier import fill_profile

sys.path.insert(0, os.path.join(office.ROOT, "tools"))
import po_tool  # noqa: E402

LANG = os.environ.get("KA_SCREENSHOT_LANG", "")
SHOT = os.path.join(office.BUILD, "sidebar-%s.png" % LANG if LANG else "sidebar.png")
# What the user types in that language: the sheet's headings, then profile texts by control.
TYPED = {
    "": (("Client", "Sales 2026", "Manager"), {}),
    "lv": (("Klients", "Pārdošana 2026", "Vadītājs"),
           {"f_industry": "Mazumtirdzniecība", "f_goals": "Palielināt mūsu daļu klienta pirkumos līdz 30%"}),
}


def tr(ctx):
    """The text of place ctx in LANG (the .po's where it has one, else English)."""
    english = po_tool.template()[ctx].msgid
    got = po_tool.catalog(LANG).get(ctx) if LANG in po_tool.linguas() else None
    return got[1] if got and got[0] == english else english


def free_display():
    for n in range(90, 130):
        if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists("/tmp/.X%d-lock" % n):
            return ":%d" % n
    raise RuntimeError("no free X display number")


class Screenshot(unittest.TestCase):
    def test_sidebar_screenshot_under_xvfb(self):
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
            o = office.Office(office.profile_path("screenshot-profile" + ("-" + LANG if LANG else "")),
                              env={"DISPLAY": display, "SAL_USE_VCLPLUGIN": "gen",
                                   "KA_VISIBLE": "1"}, ui_locale=LANG or None).start()
            if LANG:
                ui = o.config("/org.openoffice.Setup/L10N", "ooLocale")
                self.assertEqual(ui.split("-")[0], LANG, "no %s interface (libreoffice-l10n-%s)"
                                 % (LANG, LANG))
            headings, texts = TYPED[LANG]
            doc = open_visible(o)
            frame = doc.getCurrentController().getFrame()
            frame.getContainerWindow().setPosSize(0, 0, 1400, 900, 15)
            sh = doc.Sheets.getByIndex(0)
            rows = [headings, ("K0001", 8139702, None),
                    ("K0002", 4457457, None), ("K0003", 2056310, None)]
            for r, row in enumerate(rows, start=1):
                for c, v in enumerate(row):
                    cell = sh.getCellByPosition(c, r - 1)
                    if isinstance(v, str):
                        cell.setString(v)
                    elif v is not None:
                        cell.setValue(v)
            for c in range(len(headings)):
                sh.getColumns().getByIndex(c).OptimalWidth = True
            for r in (2, 3, 4):
                sh.getCellRangeByName("C%d" % r).setFormula('=IFERROR(DOSSIER(A%d;"manager");"")' % r)
            p = Panel(doc)
            doc.getCurrentController().select(sh.getCellRangeByName("A2"))
            p.idle()
            p.press("new")
            fill_profile(p)
            for name, text in texts.items():
                p.type(name, text)
            p.press("save")
            self.assertEqual(p.status(), tr("msg|saved").replace("%s", "K0001"))
            p.pick_client("K0001")
            doc.getCurrentController().select(sh.getCellRangeByName("C2"))
            review_panel(doc, p)  # the Review panel open above the dossier, as a user sees the deck
            p.idle()
            time.sleep(1.0)  # let the window paint
            p.idle()
            self.check_fits(p)
            if os.path.exists(SHOT):
                os.remove(SHOT)
            subprocess.run(["import", "-display", display, "-window", "root", SHOT], check=True,
                           timeout=60)
            colours = int(subprocess.run(["identify", "-format", "%k", SHOT], check=True,
                                         capture_output=True, text=True, timeout=60).stdout)
            self.assertGreater(colours, 50, "the screenshot looks blank")
            self.assertEqual(office.cell_value(sh.getCellRangeByName("C2")), "Ștefan Țară")
            office.close(doc)
        finally:
            if o:
                o.stop()
            xvfb.terminate()
            try:
                xvfb.wait(timeout=10)
            except subprocess.TimeoutExpired:
                xvfb.kill()

    def check_fits(self, p):
        """Every control of the form lies inside the form, which is no wider than the
        window the sidebar gives it (no sideways scrolling), and no two overlap."""
        form = p.window.getPosSize()
        parent = p.window.getPeer().getAccessibleContext().getAccessibleParent()
        room = parent.getAccessibleContext().getBounds()
        self.assertLessEqual(form.Width, room.Width, "the form is wider than the sidebar gives")
        boxes = []
        for c in p.window.getControls():
            if not c.isVisible():
                continue
            r, name = c.getPosSize(), c.getModel().Name
            self.assertGreaterEqual(r.X, 0, name)
            self.assertLessEqual(r.X + r.Width, form.Width, "%s sticks out on the right" % name)
            self.assertGreater(r.Width, 0, name)
            boxes.append((name, r))
        self.assertGreater(len(boxes), 80)
        for i, (a, ra) in enumerate(boxes):
            for b, rb in boxes[i + 1:]:
                apart = (ra.X + ra.Width <= rb.X or rb.X + rb.Width <= ra.X
                         or ra.Y + ra.Height <= rb.Y or rb.Y + rb.Height <= ra.Y)
                self.assertTrue(apart, "%s overlaps %s" % (a, b))


# ---- the narrow sidebar ----

NARROW = 220  # pixels: a sidebar dragged narrow
REVIEW_PANEL = "KeyAccountReviewPanel"
FACTORY = "org.keyaccount.calc.PanelFactory"
PANEL_URL = "private:resource/toolpanel/KeyAccountPanelFactory/"


class OfficeUnderXvfb:
    """An office in a 1400x900 window on an Xvfb display of its own, in interface language
    lang ("" English), on a profile of its own; stopped, with the display, on leaving the
    with block.  (A class, not a generator: UNO exceptions cannot pass through one.)"""

    def __init__(self, lang):
        self.lang, self.office, self.xvfb = lang, None, None

    def __enter__(self):
        self.display = free_display()
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1400x900x24",
                                      "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            for _ in range(50):
                if os.path.exists("/tmp/.X11-unix/X%s" % self.display[1:]):
                    break
                time.sleep(0.1)
            name = "narrow-profile" + ("-" + self.lang if self.lang else "")
            self.office = office.Office(office.profile_path(name),
                                        env={"DISPLAY": self.display, "SAL_USE_VCLPLUGIN": "gen",
                                             "KA_VISIBLE": "1"},
                                        ui_locale=self.lang or None).start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.office:
            self.office.stop()
        self.xvfb.terminate()
        try:
            self.xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.xvfb.kill()
        return False


def review_panel(doc, p):
    """The Review panel of the deck, expanded beside the dossier panel.  The deck is made
    the active one first, as Panel does: under a real display the sidebar may have
    switched decks as the document window came up, and then has no such panel (or,
    7.4, crashes looking for it)."""
    sidebar = doc.getCurrentController().getSidebar()
    missing = uno.getClass("com.sun.star.container.NoSuchElementException")
    for _ in range(50):
        deck = sidebar.getDecks().getByName(Panel.DECK)
        deck.activate(True)
        sidebar.showDecks(True)
        p.idle()
        try:
            review = deck.getPanels().getByName(REVIEW_PANEL)
        except missing:
            time.sleep(0.1)
            continue
        review.expand(False)  # and the dossier panel stays expanded
        p.idle()
        return review
    raise AssertionError("the deck has no Review panel")


class NarrowPanels:
    """A second dossier panel and a second Review panel of the document's frame, made by
    the extension's panel factory as the sidebar makes them, each in a window of its own
    `width` pixels wide at the document window's left edge, and laid out for that width
    as the deck lays its panels out (XSidebarPanel.getHeightForWidth).  The dossier panel
    follows the cell cursor like the one in the sidebar.  dispose() closes them."""

    def __init__(self, o, doc, width):
        frame = doc.getCurrentController().getFrame()
        container = frame.getContainerWindow()
        factory = o.service(FACTORY)
        self.width, self.parents, self.elements = width, [], []
        for i, name in enumerate(("DossierPanel", "ReviewPanel")):
            d = uno.createUnoStruct("com.sun.star.awt.WindowDescriptor")
            d.Type = uno.Enum("com.sun.star.awt.WindowClass", "SIMPLE")
            d.WindowServiceName = "window"
            d.Parent = container
            d.Bounds = uno.createUnoStruct("com.sun.star.awt.Rectangle", i * (width + 10), 80,
                                           width, 760)
            d.WindowAttributes = 1 | 4  # SHOW | BORDER
            parent = container.getToolkit().createWindow(d)
            args = (office.prop("Frame", frame), office.prop("ParentWindow", parent))
            self.parents.append(parent)
            self.elements.append(factory.createUIElement(PANEL_URL + name, args))
        self.layout()

    def layout(self):
        """Lays both out at the width again, as the deck does after a change."""
        for e in self.elements:
            e.getRealInterface().getHeightForWidth(self.width)

    def forms(self):
        return [e.getRealInterface().Window for e in self.elements]

    def dispose(self):
        for e in self.elements:
            e.getRealInterface().dispose()
        for w in self.parents:
            w.dispose()


class NarrowSidebar(unittest.TestCase):
    """Every control of both panels inside the panel's width and none over another, at
    the default width and at NARROW, with a profile and without one, in en and lv."""

    def test_english(self):
        self.check_language("")

    def test_latvian_long_words(self):
        self.check_language("lv")

    def check_language(self, lang):
        with OfficeUnderXvfb(lang) as run:
            o, display = run.office, run.display
            ui = o.config("/org.openoffice.Setup/L10N", "ooLocale")
            if lang and ui.split("-")[0] != lang:  # e.g. the newer office, without l10n packages
                self.skipTest("%s has no %s interface (libreoffice-l10n-%s), it runs in %s"
                              % (o.product, lang, lang, ui))
            doc = open_visible(o)
            narrow = None
            try:
                doc.getCurrentController().getFrame().getContainerWindow().setPosSize(
                    0, 0, 1400, 900, 15)
                sh = doc.Sheets.getByIndex(0)
                sh.getCellRangeByName("A1:B3").setDataArray(
                    ((TYPED[lang][0][0], "Name"), ("K0001", "Ștefan Țară SRL"),
                     ("K0002", "Bērziņš un dēli")))
                p = Panel(doc)
                ctrl = doc.getCurrentController()
                ctrl.select(sh.getCellRangeByName("A2"))
                p.idle()
                p.press("new")
                fill_profile(p)
                p.press("save")
                self.assertEqual(p.status(), po_text(lang, "msg|saved").replace("%s", "K0001"))
                narrow = NarrowPanels(o, doc, NARROW)
                ctrl.select(sh.getCellRangeByName("B1"))  # away and back: both panels follow
                p.idle()
                ctrl.select(sh.getCellRangeByName("A2"))
                p.idle()
                self.check_widths(p, narrow, "K0001",
                                  po_text(lang, "msg|profile_shown").replace("%s", "K0001"))
                self.shoot(display, lang)
                ctrl.select(sh.getCellRangeByName("A3"))
                p.idle()
                missing = po_text(lang, "msg|no_profile").replace("%s", "K0002")
                self.assertEqual(p.status(), missing)
                self.check_widths(p, narrow, "", missing)
            finally:
                if narrow:
                    narrow.dispose()
                office.close(doc)

    def check_widths(self, p, narrow, client, state):
        """Both panels fit in the sidebar at the width the deck gives, and the narrow ones
        in NARROW, the dossier showing client ("" none) and the status line state."""
        narrow.layout()
        p.idle()
        review = review_panel(p.doc, p).getDialog()
        deck = p.window.getPosSize().Width
        self.assertGreater(deck, NARROW, "the default sidebar is already narrow")
        for form in (p.window, review):
            self.assert_inside(form, deck, "%s, default width" % state)
        form, small_review = narrow.forms()
        self.assertEqual(form.getControl("f_id").getText(), client, state)
        self.assertEqual(form.getControl("status").getModel().Label, state)
        for f in (form, small_review):
            self.assertEqual(f.getPosSize().Width, NARROW, state)
            self.assert_inside(f, NARROW, "%s, %d px" % (state, NARROW))

    def assert_inside(self, form, width, what):
        """Every visible control of form lies within x = 0..width, has a width, and
        overlaps no other."""
        boxes = []
        for c in form.getControls():
            if not c.isVisible():
                continue
            r, name = c.getPosSize(), c.getModel().Name
            self.assertGreaterEqual(r.X, 0, "%s: %s" % (what, name))
            self.assertLessEqual(r.X + r.Width, width, "%s: %s sticks out on the right (%d > %d)"
                                 % (what, name, r.X + r.Width, width))
            self.assertGreater(r.Width, 0, "%s: %s" % (what, name))
            boxes.append((name, r))
        self.assertGreaterEqual(len(boxes), 6, what)  # Review: 3 buttons and their texts
        for i, (a, ra) in enumerate(boxes):
            for b, rb in boxes[i + 1:]:
                apart = (ra.X + ra.Width <= rb.X or rb.X + rb.Width <= ra.X
                         or ra.Y + ra.Height <= rb.Y or rb.Y + rb.Height <= ra.Y)
                self.assertTrue(apart, "%s: %s overlaps %s" % (what, a, b))

    def shoot(self, display, lang):
        """build/sidebar-narrow[-lang].png: the document window with the narrow panels."""
        shot = os.path.join(office.BUILD, "sidebar-narrow%s.png" % ("-" + lang if lang else ""))
        subprocess.run(["import", "-display", display, "-window", "root", shot], check=True,
                       timeout=60)


def po_text(lang, ctx):
    """The text of place ctx in language lang ("" English), as the office shows it: the
    .po's translation where it is current, else English; %s for the C format's %s."""
    english = po_tool.template()[ctx].msgid
    got = po_tool.catalog(lang).get(ctx) if lang in po_tool.linguas() else None
    return got[1] if got and got[0] == english else english


# ---- the review sheets of the sample: their charts and heat maps are drawn ----

SAMPLE = os.path.join(office.ROOT, "examples", "keyaccount-sample.ods")
REVIEW_SHOTS = {"SalesReview": os.path.join(office.BUILD, "sales-review.png"),
                "ChurnReview": os.path.join(office.BUILD, "churn-review.png")}
ROLE_TABLE = 58  # com.sun.star.accessibility.AccessibleRole.TABLE
ROLE_EMBEDDED_OBJECT = 14  # .EMBEDDED_OBJECT: an OLE object such as a chart


class Screen:
    """A grab of the whole screen (also written to path, a PNG): its RGB bytes."""

    def __init__(self, display, path):
        subprocess.run(["import", "-display", display, "-window", "root", path], check=True,
                       timeout=60)
        self.width, self.height = (int(v) for v in subprocess.run(
            ["identify", "-format", "%w %h", path], check=True, capture_output=True, text=True,
            timeout=60).stdout.split())
        self.rgb = subprocess.run(["convert", path, "-depth", "8", "rgb:-"], check=True,
                                  capture_output=True, timeout=60).stdout

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])

    def count(self, box, kind):
        """How many pixels inside box (x, y, width, height) are of kind."""
        x0, y0, w, h = box
        x0, x1 = max(0, x0), min(self.width, x0 + w)
        n = 0
        for y in range(max(0, y0), min(self.height, y0 + h)):
            row = self.rgb[(y * self.width + x0) * 3:(y * self.width + x1) * 3]
            n += sum(kind(row[i:i + 3]) for i in range(0, len(row), 3))
        return n


def screen_box(ctx):
    """(x, y, width, height) of an accessible on the screen."""
    p, s = ctx.getLocationOnScreen(), ctx.getSize()
    return p.X, p.Y, s.Width, s.Height


def find_accessibles(ctx, role, depth=0):
    """The accessibles of role under ctx; a table's cells are not walked."""
    out = []
    for i in range(ctx.getAccessibleChildCount()):
        child = ctx.getAccessibleChild(i).getAccessibleContext()
        r = child.getAccessibleRole()
        if r == role:
            out.append(child)
        if r != ROLE_TABLE and depth < 12:
            out += find_accessibles(child, role, depth + 1)
    return out


def blue(p):
    """A chart's first series (LibreOffice's palette: 004586), also where thin
    columns are blended with the background."""
    return p[2] > p[0] + 40 and p[2] > p[1] + 15


def orange(p):
    """Its second series (FF420E): the Pareto line, the expected clients."""
    return p[0] > 200 and 30 < p[1] < 140 and p[2] < 90


class ReviewScreenshots(unittest.TestCase):
    """The sample's two review sheets in a real window under Xvfb: the Pareto
    chart and the model check chart are drawn (their columns' and line's
    colours fill part of the chart's rectangle on the screen, not an empty
    frame), and the heat maps (the ABC-XYZ matrix, the P(alive) grid) show
    at least three distinct fill colours.  The README's pictures,
    build/sales-review.png and build/churn-review.png (`make
    screenshot-reviews` copies them to docs/)."""

    def test_review_charts_and_heat_maps_are_drawn(self):
        display = free_display()
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten",
                                 "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        o = None
        try:
            for _ in range(50):
                if os.path.exists("/tmp/.X11-unix/X%s" % display[1:]):
                    break
                time.sleep(0.1)
            o = office.Office(office.profile_path("review-screenshot-profile"),
                              env={"DISPLAY": display, "SAL_USE_VCLPLUGIN": "gen",
                                   "KA_VISIBLE": "1"}).start()
            path = office.out_path("screenshot-" + os.path.basename(SAMPLE))
            import shutil
            shutil.copyfile(SAMPLE, path)
            doc = open_visible(o, path)
            frame = doc.getCurrentController().getFrame()
            frame.getContainerWindow().setPosSize(0, 0, 1920, 1080, 15)
            self.sales_review(doc, display)
            self.churn_review(doc, display)
            office.close(doc)
        finally:
            if o:
                o.stop()
            xvfb.terminate()
            try:
                xvfb.wait(timeout=10)
            except subprocess.TimeoutExpired:
                xvfb.kill()

    def show(self, doc, command, column, row, zoom=70):
        """Shows the review sheet of command at zoom, from column and row on (of the
        pane beside and under the frozen headings)."""
        ctrl = doc.getCurrentController()
        sheet = doc.NamedRanges.getByName("KeyAccounts_" + command).getReferredCells().Spreadsheet
        ctrl.setActiveSheet(sheet)
        ctrl.ZoomValue = zoom
        # a selected cell out of view would scroll back to it: the title, or the first shown
        ctrl.select(sheet.getCellByPosition(0, 0) if row < 10 else
                    sheet.getCellByPosition(column, row))
        ctrl.setFirstVisibleColumn(column)
        ctrl.setFirstVisibleRow(row)
        return sheet

    def chart_boxes(self, doc):
        """The on-screen rectangles of the charts in view, from the accessibility tree."""
        win = doc.getCurrentController().getFrame().getContainerWindow()
        return [screen_box(c) for c in find_accessibles(win.getAccessibleContext(),
                                                        ROLE_EMBEDDED_OBJECT)]

    def cell_colours(self, doc, pixels, cells):
        """The distinct fill colours of the cells ((column, row) pairs) on the screen: a
        pixel near the left edge, where the right-aligned numbers leave the fill alone."""
        win = doc.getCurrentController().getFrame().getContainerWindow()
        tables = find_accessibles(win.getAccessibleContext(), ROLE_TABLE)
        out = set()
        for col, row in cells:
            for t in tables:
                try:
                    cell = t.getAccessibleCellAt(row, col).getAccessibleContext()
                except Exception:  # this pane does not show the cell
                    continue
                x, y, w, h = screen_box(cell)
                if w > 8 and h > 4 and 0 <= x + 3 < pixels.width \
                        and 0 <= y + h // 2 < pixels.height:
                    out.add(pixels.pixel(x + 3, y + h // 2))
                    break
        return out

    def drawn(self, doc, display, shot, check, seconds=30):
        """Grabs the screen until check(pixels) holds (the window has painted), at
        most seconds; the last grab is shot."""
        end = time.time() + seconds
        while True:
            pixels = Screen(display, shot)
            why = check(pixels)
            if not why or time.time() > end:
                return why
            time.sleep(0.5)

    def sales_review(self, doc, display):
        self.show(doc, "SalesReview", 1, 4)  # the whole width: clients, summaries, charts
        matrix = [(c, r) for c in range(11, 14) for r in range(13, 16)]  # L14:N16

        def check(pixels):
            boxes = [b for b in self.chart_boxes(doc) if b[2] > 100 and b[3] > 100]
            if not boxes:
                return "no chart in view"
            pareto = min(boxes, key=lambda b: b[1])  # the upper one
            columns, line = pixels.count(pareto, blue), pixels.count(pareto, orange)
            if columns < 300 or line < 300:
                return "the Pareto chart %s shows %d column and %d line pixels" % (
                    pareto, columns, line)
            colours = self.cell_colours(doc, pixels, matrix)
            if len(colours) < 3:
                return "the ABC-XYZ heat map shows the colours %s" % colours
            return None
        self.assertIsNone(self.drawn(doc, display, REVIEW_SHOTS["SalesReview"], check))

    def churn_review(self, doc, display):
        sheet = self.show(doc, "ChurnReview", 12, 120)  # the P(alive) grid from M122
        grid = [(c, r) for c in range(13, 24) for r in range(124, 145)]

        def check_grid(pixels):
            colours = self.cell_colours(doc, pixels, grid)
            return None if len(colours) >= 3 else "the P(alive) grid shows %s" % colours
        self.assertIsNone(self.drawn(doc, display, REVIEW_SHOTS["ChurnReview"] + ".grid.png",
                                     check_grid))
        self.assertGreater(sheet.Charts.Count, 1)
        self.show(doc, "ChurnReview", 1, 5)  # the top: clients, settings, model, model check

        def check_chart(pixels):
            boxes = [b for b in self.chart_boxes(doc) if b[2] > 100 and b[3] > 100]
            if not boxes:
                return "no chart in view"
            chart = min(boxes, key=lambda b: b[1])
            actual, expected = pixels.count(chart, blue), pixels.count(chart, orange)
            if actual < 300 or expected < 300:
                return "the model check %s shows %d and %d column pixels" % (chart, actual,
                                                                            expected)
            return None
        self.assertIsNone(self.drawn(doc, display, REVIEW_SHOTS["ChurnReview"], check_chart))


if __name__ == "__main__":
    unittest.main()
