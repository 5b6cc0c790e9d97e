"""Calc with the Key accounts sidebar in a real window under Xvfb, a profile
filled in through the panel, and a screenshot of it (build/sidebar.png; the
README shows a copy, docs/sidebar.png, refreshed with `make screenshot`).

KA_SCREENSHOT_LANG (`make screenshot LANG_UI=lv`) takes it in that interface
language instead (the fixture's ui_locale, the l10n package installed), with
the sheet's headings and a few texts of the profile in that language too:
build/sidebar-lv.png, README's docs/sidebar-lv.png."""
import os
import subprocess
import sys
import time
import unittest

import office
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


if __name__ == "__main__":
    unittest.main()
