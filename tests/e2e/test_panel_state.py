"""The dossier panel in the right state at all times, in a real office with an
English interface: dates in the locale's format, a client without a profile
("No profile for ..." and Create), New prefilled from the row, unsaved edits
said and asked about before they are left, and why a toolkit formula shows
Err:502 (the add-in's reason, which Calc drops)."""
import unittest
import xml.etree.ElementTree as ET

import office
from office import Panel, open_visible, user_properties
from test_dossier import choice

NS = {"d": "urn:keyaccount:dossier:1"}
PREFIX = "KeyAccountDossier:"


def stored(doc, cid, path):
    """The text of element path of client cid's stored profile."""
    el = ET.fromstring(user_properties(doc)[PREFIX + cid]).find(path, NS)
    return None if el is None else el.text


class PanelState(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()

    def setUp(self):
        self.doc = open_visible(self.office)
        self.sh = self.doc.Sheets.getByIndex(0)
        rows = [("Client", "Name", "Manager"), ("K0001", "Acme SIA", "Anna"),
                ("K0002", "Beta Ltd", "Boris"), ("K0003", "Gamma AS", "")]
        for r, values in enumerate(rows, start=1):
            for c, v in enumerate(values):
                self.sh.getCellByPosition(c, r - 1).setString(v)
        self.p = Panel(self.doc)

    def tearDown(self):
        office.close(self.doc)

    def select(self, name):
        self.doc.getCurrentController().select(self.sh.getCellRangeByName(name))
        self.p.idle()

    def create(self, cell):
        """A profile for the client of cell's row, as New prefills it."""
        self.select(cell)
        self.p.press("new")
        self.p.press("save")
        self.assertIn("Saved", self.p.status())

    def test_dates_in_the_locale_format(self):
        locale = self.office.config("/org.openoffice.Setup/L10N", "ooSetupSystemLocale") or \
            self.office.config("/org.openoffice.Setup/L10N", "ooLocale")
        if locale != "en-US":
            self.skipTest("the office's locale is %s, not en-US" % locale)
        p = self.p
        self.select("A2")
        p.press("new")
        p.type("f_next_review", "03/15/2026")  # en-US: month first
        p.press("add_history")
        p.type("f_history_date", "2026-03-14")  # ISO 8601 in every locale
        p.pick("f_history_kind", choice("history", "kind", "satisfaction"))
        p.press("save")
        self.assertEqual(p.status(), "Saved the profile of K0001.")
        self.assertEqual(stored(self.doc, "K0001", "d:classification/d:next-review"), "2026-03-15")
        self.assertEqual(stored(self.doc, "K0001", "d:history/d:entry/d:date"), "2026-03-14")
        cell = self.sh.getCellRangeByName("D2")
        cell.setFormula('=DOSSIER(A2;"next_review")')
        self.doc.calculateAll()
        self.assertEqual(cell.getString(), "2026-03-15")  # what DOSSIER() returns stays ISO
        # shown in the locale's format when the profile is shown again
        self.select("A3")
        self.select("A2")
        self.assertEqual(p.text("f_next_review"), "03/15/2026")
        self.assertEqual(p.text("f_history_date"), "03/14/2026")
        # the day first is no en-US date: refused, naming the field and the format
        xml = user_properties(self.doc)[PREFIX + "K0001"]
        p.type("f_next_review", "15/03/2026")
        p.press("save")
        self.assertEqual(p.status(), "Not saved: Next review: must be a date such as 03/15/2026 "
                                     "or 2026-03-15")
        self.assertEqual(user_properties(self.doc)[PREFIX + "K0001"], xml)

    def test_no_profile_shows_create_and_new_prefills_the_row(self):
        p = self.p
        self.create("A2")
        self.assertEqual(stored(self.doc, "K0001", "d:identity/d:name"), "Acme SIA")  # B2
        self.select("C2")
        self.assertEqual(p.text("f_id"), "K0001")
        self.assertEqual(p.control("new").getModel().Label, "New")
        # a client without a profile: never the previous client's form
        self.select("A3")
        self.assertEqual(p.status(), "No profile for K0002. Press Create to make one.")
        self.assertEqual((p.text("f_id"), p.text("f_name")), ("", ""))
        self.assertEqual(p.control("new").getModel().Label, "Create")
        self.assertEqual(p.control("clients").getSelectedItemPos(), -1)
        self.select("C3")  # the same row: nothing changes
        self.assertEqual(p.text("f_id"), "")
        p.press("new")
        self.assertEqual(p.status(), "New profile: check the name, fill in the rest, then Save.")
        self.assertEqual((p.text("f_id"), p.text("f_name")), ("K0002", "Beta Ltd"))
        self.assertEqual(p.control("new").getModel().Label, "New")
        p.type("f_name", "Beta Limited")  # editable
        p.press("save")
        self.assertEqual(stored(self.doc, "K0002", "d:identity/d:name"), "Beta Limited")
        # the heading row itself is no client
        self.select("B1")
        self.assertEqual(p.text("f_id"), "K0002")
        # without headings: the cursor's own cell, the name right of it
        sh2 = self.doc.Sheets
        sh2.insertNewByName("Other", 1)
        other = sh2.getByName("Other")
        other.getCellRangeByName("D10").setString("K0007")
        other.getCellRangeByName("E10").setString("Delta GmbH")
        self.doc.getCurrentController().select(other.getCellRangeByName("D10"))
        p.idle()
        p.press("new")
        self.assertEqual((p.text("f_id"), p.text("f_name")), ("K0007", "Delta GmbH"))
        # headings in another of the toolkit's languages count too
        for c, v in enumerate(("Klients", "Piezīmes", "Nosaukums")):
            other.getCellByPosition(c, 0).setString(v)
        other.getCellRangeByName("A5").setString("K0008")
        other.getCellRangeByName("B5").setString("not the name")
        other.getCellRangeByName("C5").setString("Epsilon SIA")
        self.doc.getCurrentController().select(other.getCellRangeByName("B5"))
        p.idle()
        self.assertEqual(p.status(), "No profile for K0008. Press Create to make one.")
        p.press("new")
        self.assertEqual((p.text("f_id"), p.text("f_name")), ("K0008", "Epsilon SIA"))

    def test_unsaved_changes_are_said_and_asked_about(self):
        p = self.p
        self.create("A2")
        self.create("A3")
        self.select("A2")
        self.assertEqual(p.status(), "Profile of K0001.")
        p.type("f_manager", "Anna Ozola")
        self.assertEqual(p.status(), "Unsaved changes in the profile of K0001.")
        # leaving asks first; the form keeps the edits
        self.select("A3")
        self.assertEqual(p.status(), "Unsaved changes: press Save to keep them, or go to K0002 "
                                     "again to discard them.")
        self.assertEqual((p.text("f_id"), p.text("f_manager")), ("K0001", "Anna Ozola"))
        # going there again discards them
        self.select("C2")
        self.select("B3")
        self.assertEqual(p.status(), "Profile of K0002.")
        self.assertIsNone(stored(self.doc, "K0001", "d:classification/d:manager"))
        # Save keeps them
        p.type("f_manager", "Boris Bērziņš")
        self.select("A2")
        self.assertEqual(p.text("f_id"), "K0002")
        p.press("save")
        self.assertEqual(stored(self.doc, "K0002", "d:classification/d:manager"), "Boris Bērziņš")
        self.select("C2")
        self.assertEqual(p.status(), "Profile of K0001.")
        # a client without a profile and New ask as well
        p.type("f_manager", "Anna Ozola")
        self.select("A4")
        self.assertIn("go to K0003 again", p.status())
        p.press("new")
        self.assertEqual(p.status(), "Unsaved changes: press Save to keep them, or press New "
                                     "again to discard them.")
        self.assertEqual(p.text("f_manager"), "Anna Ozola")
        p.press("new")  # again: the edits are gone, New is for the cursor's row
        self.assertEqual((p.text("f_id"), p.text("f_name"), p.text("f_manager")),
                         ("K0003", "Gamma AS", ""))
        self.assertIsNone(stored(self.doc, "K0001", "d:classification/d:manager"))
        # picking another client in the list asks too; the list keeps the client in the form
        self.select("C2")  # the prefilled new form has no edits: left without a question
        self.assertEqual(p.status(), "Profile of K0001.")
        p.type("f_manager", "Anna Ozola")
        p.pick_client("K0002")
        self.assertIn("go to K0002 again", p.status())
        self.assertEqual(p.text("f_id"), "K0001")
        self.assertTrue(p.items()[p.control("clients").getSelectedItemPos()].startswith("K0001"))
        p.pick_client("K0002")
        self.assertEqual(p.text("f_id"), "K0002")
        # an added record is an edit
        p.press("add_people")
        self.assertEqual(p.status(), "Unsaved changes in the profile of K0002.")

    def test_why_a_formula_fails(self):
        p = self.p
        cells = {
            "H10": "=CHURNRISK(2;30;40)",  # one client without Params
            "H11": "=ABCCLASS(I11;I11:I14;0.9;0.8)",  # LimitA > LimitB
            "H12": '=DOSSIER("K0009";"manager")',  # a client without a profile
            "H13": '=DOSSIER(A4;"manager")',  # another client: its own reason
            "H14": '=DOSSIER(A2;"shoe_size")',
        }
        for i, v in enumerate((5, 3, 2, 1), start=11):
            self.sh.getCellRangeByName("I%d" % i).setValue(v)
        for name, f in cells.items():
            self.sh.getCellRangeByName(name).setFormula(f)
        self.doc.calculateAll()
        want = {
            "H10": "CHURNRISK in this cell gives Err:502: for one client, Params is needed "
                   "(the 4 or 5 cells of BGNBDFIT)",
            "H11": "ABCCLASS in this cell gives Err:502: limits need 0 < LimitA < LimitB <= 1",
            "H12": "DOSSIER in this cell gives Err:502: no profile for client 'K0009'",
            "H13": "DOSSIER in this cell gives Err:502: no profile for client 'K0003'",
            "H14": "DOSSIER in this cell gives Err:502: unknown field name 'shoe_size' (the "
                   "list is in docs/dossier-format.md)",
        }
        for name in ("H10", "H11", "H12", "H13", "H14", "H12"):
            self.select(name)
            self.assertEqual(p.status(), want[name], name)
        # a cell without an error, or without the toolkit, says nothing of the kind
        self.select("I11")
        self.assertNotIn("gives", p.status())
        self.sh.getCellRangeByName("H15").setFormula("=1/0")
        self.select("H15")
        self.assertNotIn("gives", p.status())


if __name__ == "__main__":
    unittest.main()
