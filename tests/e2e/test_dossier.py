"""The dossier in a real office: the Key accounts sidebar driven through its
controls, the XML in the document property, DOSSIER() in formulas, .ods and
.xlsx round trips, a re-save without the extension, and hostile workbooks."""
import os
import socket
import sys
import threading
import unittest
import xml.etree.ElementTree as ET

import office
import uno
from office import Panel, open_visible, set_user_property, user_properties

sys.path.insert(0, os.path.join(office.ROOT, "tools"))
import po_tool  # noqa: E402

NS = {"d": "urn:keyaccount:dossier:1"}
PREFIX = "KeyAccountDossier:"
E502 = ("error", 502)

# Names in the languages the issue names, and some more of their letters.
NAME = "Ķegums un Jūrmala SIA"
MANAGER = "Ștefan Țară"
PERSON = "Григорій Сковорода"
POSITION = "Direktor nabave, Čačak in Šmarje"
NOTE = "Maligayang pagdating sa Parañaque; Brașov; Київ; ĀāČčĒēĢģĪīĶķĻļŅņŠšŪūŽž ЄєІіЇїҐґ"


def choice(section, field, code):
    """Where choice code stands in its field's drop-down list, in every language: after the
    empty item (none), in the order of the field table (that of the .pot)."""
    prefix = "field|%s|%s|value|" % (section, field)
    return 1 + [c for c in po_tool.template() if c.startswith(prefix)].index(prefix + code)


def fill_profile(p):
    """Fills a complete profile into the panel as a user does, typing, ticking and
    picking (the form already has the id)."""
    p.type("f_name", NAME)
    p.type("f_industry", "Retail")
    p.type("f_employees", "420")
    p.type("f_description", NOTE)
    p.check("f_type.breadwinner")
    p.check("f_type.image-maker")
    p.pick("f_stage", choice("classification", "stage", "partnership"))
    p.type("f_manager", MANAGER)
    p.type("f_next_review", "2020-01-31")  # in the past: flagged overdue
    p.press("add_people")
    p.type("f_people_name", PERSON)
    p.type("f_people_position", POSITION)
    p.pick("f_people_role", choice("people", "role", "decision-maker"))
    p.pick("f_people_openness", 4)  # 1 - closed, 2, 3, 4, 5 - open after the empty item
    p.type("f_people_notes", NOTE)
    p.press("add_history")
    p.type("f_history_date", "2026-03-14")
    p.pick("f_history_kind", choice("history", "kind", "satisfaction"))
    p.pick("f_history_score", 9)  # 1 - very unhappy ... 10 - delighted: 9
    p.type("f_history_note", "Ātra piegāde")
    p.press("add_competitors")
    p.type("f_competitors_name", "Konkurent d.o.o.")
    p.type("f_goals", "Grow the share of wallet to 30%")


def sidebar_view(p):
    """The accessible context of the part of the sidebar that scrolls the form: the
    nearest ancestor of the form with a scroll bar among its children."""
    node = p.window.getPeer().getAccessibleContext()
    for _ in range(12):
        node = node.getAccessibleParent().getAccessibleContext()
        kids = [node.getAccessibleChild(i).getAccessibleContext()
                for i in range(min(node.getAccessibleChildCount(), 8))]
        if any(k.getAccessibleRole() == 50 for k in kids):  # AccessibleRole.SCROLL_BAR
            return node
    raise AssertionError("no scroll bar around the form")


class Dossier(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.shared_office()

    def new_doc_with_ids(self):
        doc = open_visible(self.office)
        sh = doc.Sheets.getByIndex(0)
        for row, cid in enumerate(["Client", "K0001", "K0002", "K0003"], start=1):
            sh.getCellRangeByName("A%d" % row).setString(cid)
        return doc, sh

    def select(self, doc, sh, name):
        doc.getCurrentController().select(sh.getCellRangeByName(name))
        doc.getCurrentController().getFrame().getContainerWindow().getToolkit().processEventsToIdle()

    def make_profile(self, doc, sh, p, cell="A2"):
        self.select(doc, sh, cell)
        p.press("new")
        fill_profile(p)
        p.press("save")

    def test_edit_save_and_use_in_formulas(self):
        doc, sh = self.new_doc_with_ids()
        try:
            sh.getCellRangeByName("B2").setFormula('=DOSSIER(A2;"manager")')
            p = Panel(doc)
            self.select(doc, sh, "A2")
            p.press("new")
            self.assertEqual(p.text("f_id"), "K0001")  # prefilled from the cell
            fill_profile(p)
            p.press("save")
            self.assertIn("Saved", p.status())
            self.assertTrue(doc.isModified())
            xml = user_properties(doc)[PREFIX + "K0001"]
            root = ET.fromstring(xml)
            self.assertEqual(root.get("version"), "1")
            self.assertEqual(root.find("d:identity/d:name", NS).text, NAME)
            self.assertIn(PERSON, xml)
            self.assertIn(POSITION, xml)
            self.assertIn(NOTE, xml)
            # the DOSSIER cell shows the new value without a manual recalculation
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B2")), MANAGER)
            for field, want in [("name", NAME), ("stage", "partnership"), ("employees", 420.0),
                                ("next_review", "2020-01-31"), ("type", "breadwinner, image-maker")]:
                sh.getCellRangeByName("C2").setFormula('=DOSSIER("K0001";"%s")' % field)
                doc.calculateAll()
                self.assertEqual(office.cell_value(sh.getCellRangeByName("C2")), want, field)
            sh.getCellRangeByName("C3").setFormula('=DOSSIER("%s";"manager")' % NAME)  # by name
            sh.getCellRangeByName("C4").setFormula('=DOSSIER("K0002";"manager")')     # unknown
            sh.getCellRangeByName("C5").setFormula('=DOSSIER("K0001";"shoe_size")')   # unknown field
            sh.getCellRangeByName("C6").setFormula('=DOSSIER("K0001";"website")')     # unset
            doc.calculateAll()
            self.assertEqual(office.cell_value(sh.getCellRangeByName("C3")), MANAGER)
            self.assertEqual(office.cell_value(sh.getCellRangeByName("C4")), E502)
            self.assertEqual(office.cell_value(sh.getCellRangeByName("C5")), E502)
            self.assertEqual(office.cell_value(sh.getCellRangeByName("C6")), "")
            # a change to a saved profile reaches the DOSSIER cells and what depends on them
            # (a live result: no recalculation of the workbook is needed)
            sh.getCellRangeByName("E2").setFormula("=UPPER(B2)")
            doc.calculateAll()
            p.type("f_manager", "Jānis Bērziņš")
            p.press("save")
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B2")), "Jānis Bērziņš")
            self.assertEqual(office.cell_value(sh.getCellRangeByName("E2")), "JĀNIS BĒRZIŅŠ")
            p.type("f_manager", MANAGER)
            p.press("save")
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B2")), MANAGER)
            # overdue review flagged in the client list
            self.assertTrue(any("K0001" in i and "[review overdue]" in i for i in p.items()))
            # key accounts per manager with ordinary formulas
            sh.getCellRangeByName("D1").setFormula('=COUNTIF(B2:B2;"%s")' % MANAGER)
            doc.calculateAll()
            self.assertEqual(office.cell_value(sh.getCellRangeByName("D1")), 1.0)
            # an invalid value is refused with a reason, nothing is written
            p.type("f_employees", "many")
            p.press("save")
            self.assertIn("Not saved", p.status())
            self.assertEqual(user_properties(doc)[PREFIX + "K0001"], xml)
        finally:
            office.close(doc)

    def test_choices_are_stored_as_codes(self):
        """Check boxes, drop-down lists and scales store the codes of the dossier format,
        show them again, and a record's line follows what is typed into it."""
        doc, sh = self.new_doc_with_ids()
        try:
            p = Panel(doc)
            self.make_profile(doc, sh, p, "A2")
            root = ET.fromstring(user_properties(doc)[PREFIX + "K0001"])
            cls = root.find("d:classification", NS)
            self.assertEqual([t.text for t in cls.findall("d:type", NS)],
                             ["breadwinner", "image-maker"])
            self.assertEqual(cls.find("d:stage", NS).text, "partnership")
            person = root.find("d:people/d:person", NS)
            self.assertEqual(person.find("d:role", NS).text, "decision-maker")
            self.assertEqual(person.find("d:openness", NS).text, "4")
            entry = root.find("d:history/d:entry", NS)
            self.assertEqual(entry.find("d:kind", NS).text, "satisfaction")
            self.assertEqual(entry.find("d:score", NS).text, "9")
            # shown again from the profile
            self.select(doc, sh, "D1")
            p.pick_client("K0001")
            self.assertTrue(p.checked("f_type.image-maker"))
            self.assertFalse(p.checked("f_type.expert"))
            self.assertEqual(p.picked("f_stage"), choice("classification", "stage", "partnership"))
            self.assertEqual(p.picked("f_people_openness"), 4)
            # untick one, tick another, clear a choice and a scale: the codes follow
            p.check("f_type.breadwinner", False)
            p.check("f_type.demanding")
            p.pick("f_stage", 0)
            p.pick("f_people_openness", 0)
            p.pick("f_people_authority", 5)
            p.press("save")
            self.assertIn("Saved", p.status())
            root = ET.fromstring(user_properties(doc)[PREFIX + "K0001"])
            cls = root.find("d:classification", NS)
            self.assertEqual([t.text for t in cls.findall("d:type", NS)],
                             ["image-maker", "demanding"])
            self.assertIsNone(cls.find("d:stage", NS))
            person = root.find("d:people/d:person", NS)
            self.assertIsNone(person.find("d:openness", NS))
            self.assertEqual(person.find("d:authority", NS).text, "5")
            for formula, want in (('=DOSSIER(A2;"people.1.authority")', 5.0),
                                  ('=DOSSIER(A2;"people.1.name")', PERSON),
                                  ('=DOSSIER(A2;"history.1.kind")', "satisfaction"),
                                  ('=DOSSIER(A2;"people.2.name")', "")):
                sh.getCellRangeByName("C2").setFormula(formula)
                doc.calculateAll()
                self.assertEqual(office.cell_value(sh.getCellRangeByName("C2")), want, formula)
            # a new person is listed under the name being typed, not as "(Decision-making
            # unit 2)" (setText reports a change only from the second field on, typing each)
            p.press("add_people")
            p.type("f_people_name", "Eva Novak")
            p.type("f_people_position", "Buyer")
            self.assertEqual(p.items("r_people")[-1], "Eva Novak - Buyer")
            self.assertEqual(p.picked("r_people"), 1)
            # a refusal is shown under its field, which gets the focus
            p.type("f_employees", "many")
            p.press("save")
            self.assertIn("Not saved", p.status())
            message, field = p.control("message"), p.control("f_employees")
            self.assertTrue(message.isVisible())
            self.assertIn(message.getText(), p.status())
            m, f = message.getPosSize(), field.getPosSize()
            self.assertEqual((m.X, m.Width), (f.X, f.Width))
            self.assertGreaterEqual(m.Y, f.Y + f.Height)
            p.type("f_employees", "420")
            # far down the form, the refused field is scrolled into the sidebar's view
            p.press("add_history")
            p.type("f_history_date", "2026-01-01")
            p.pick("f_history_kind", choice("history", "kind", "order"))
            p.type("f_history_amount", "lots")
            p.type("f_history_currency", "EUR")
            p.press("save")
            self.assertIn("Not saved", p.status())
            view = sidebar_view(p)
            where = p.control("f_history_amount").getPeer().getAccessibleContext()
            top, size = view.getLocationOnScreen(), view.getSize()
            y = where.getLocationOnScreen().Y
            self.assertTrue(top.Y <= y <= top.Y + size.Height - where.getSize().Height,
                            (y, top.Y, size.Height))
            bar = [view.getAccessibleChild(i).getAccessibleContext()
                   for i in range(view.getAccessibleChildCount())
                   if view.getAccessibleChild(i).getAccessibleContext().getAccessibleRole() == 50][0]
            self.assertGreater(uno.invoke(bar, "getCurrentValue", ()), 0)  # it had to scroll
            p.type("f_history_amount", "1250")
            p.press("save")
            self.assertIn("Saved", p.status())
            self.assertFalse(message.isVisible())
        finally:
            office.close(doc)

    def test_cursor_filter_and_delete(self):
        doc, sh = self.new_doc_with_ids()
        try:
            p = Panel(doc)
            self.make_profile(doc, sh, p, "A2")
            self.select(doc, sh, "A3")
            p.press("new")
            p.type("f_name", "Second client")
            p.press("save")
            self.assertEqual(len(p.items()), 2)
            # the cursor on a row with a profiled client shows that profile
            self.select(doc, sh, "D2")
            self.assertEqual(p.text("f_id"), "K0001")
            self.assertEqual(p.text("f_name"), NAME)
            self.select(doc, sh, "C3")
            self.assertEqual(p.text("f_name"), "Second client")
            # filtering by typing
            p.type("filter", "jūrm")
            self.assertEqual([i.split("  ")[0] for i in p.items()], ["K0001"])
            p.type("filter", "")
            self.assertEqual(len(p.items()), 2)
            # picking from the list
            p.pick_client("K0001")
            self.assertEqual(p.text("f_name"), NAME)
            self.assertEqual(p.items("r_people"), [PERSON + " - " + POSITION])
            # delete asks for confirmation: the first press only arms it
            p.press("delete")
            self.assertIn("again", p.status())
            self.assertIn(PREFIX + "K0001", user_properties(doc))
            p.press("delete")
            self.assertNotIn(PREFIX + "K0001", user_properties(doc))
            self.assertEqual([i.split("  ")[0] for i in p.items()], ["K0002"])
        finally:
            office.close(doc)

    def test_if_missing_fills_a_client_list(self):
        doc, sh = self.new_doc_with_ids()
        try:
            cells = lambda names: [office.cell_value(sh.getCellRangeByName(n)) for n in names]
            for row in (2, 3, 4):
                sh.getCellRangeByName("B%d" % row).setFormula('=DOSSIER(A%d;"manager";"")' % row)
            sh.getCellRangeByName("C2:C4").setArrayFormula('=DOSSIER(A2:A4;"name";"none")')
            formulas = {
                "D2": '=DOSSIER(A2;"manager")',          # without IfMissing: the documented error
                "D3": '=DOSSIER("K0009";"employees";0)',  # a number
                "D4": '=DOSSIER(A2;"shoe_size";"")',     # an unknown field stays an error
                "D5": '=DOSSIER(A2;"manager";{1;2})',    # IfMissing is one value
                "D6": '=DOSSIER(A6;"manager";"-")',      # an empty Client cell
            }
            for name, f in formulas.items():
                sh.getCellRangeByName(name).setFormula(f)
            doc.calculateAll()
            self.assertEqual(cells(["B2", "B3", "B4"]), ["", "", ""])
            self.assertEqual(cells(["C2", "C3", "C4"]), ["none", "none", "none"])
            self.assertEqual(cells(["D2", "D3", "D4", "D5", "D6"]), [E502, 0.0, E502, E502, "-"])
            # a profile saved later reaches the filled-down cells and the array in place
            p = Panel(doc)
            self.make_profile(doc, sh, p, "A2")
            self.assertEqual(cells(["B2", "B3", "B4"]), [MANAGER, "", ""])
            self.assertEqual(cells(["C2", "C3", "C4"]), [NAME, "none", "none"])
            # a damaged profile is not a missing one: Err:502 with IfMissing too
            set_user_property(doc, PREFIX + "K0003", "<dossier")
            doc.calculateAll()
            self.assertEqual(cells(["B2", "B3", "B4"]), [MANAGER, "", E502])
            self.assertEqual(cells(["D2"]), [MANAGER])
        finally:
            office.close(doc)

    def test_no_check_yet_is_not_overdue(self):
        doc, sh = self.new_doc_with_ids()
        try:
            p = Panel(doc)
            self.select(doc, sh, "A3")
            p.press("new")
            p.type("f_name", "New client")
            p.press("save")
            self.assertIn("Saved", p.status())
            line = [i for i in p.items() if i.startswith("K0002 ")]
            self.assertEqual(line, ["K0002  New client [no check yet]"])
            sh.getCellRangeByName("B3").setFormula('=DOSSIER(A3;"overdue")')
            doc.calculateAll()
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B3")), "no-check-yet")
            # a check more than a year ago is overdue; a review date passed as well
            p.press("add_history")
            p.type("f_history_date", "2020-01-31")
            p.pick("f_history_kind", choice("history", "kind", "satisfaction"))
            p.type("f_next_review", "2021-01-31")
            p.press("save")
            self.assertIn("Saved", p.status())
            line = [i for i in p.items() if i.startswith("K0002 ")]
            self.assertEqual(line, ["K0002  New client [review overdue] [check overdue]"])
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B3")),
                             "review, satisfaction")
        finally:
            office.close(doc)

    def test_round_trip_ods_xlsx_and_without_extension(self):
        doc, sh = self.new_doc_with_ids()
        paths = {ext: office.out_path("e2e-dossier" + ext) for ext in (".ods", ".xlsx")}
        try:
            p = Panel(doc)
            self.make_profile(doc, sh, p)
            sh.getCellRangeByName("B2").setFormula('=DOSSIER(A2;"manager")')
            doc.calculateAll()
            want = user_properties(doc)[PREFIX + "K0001"]
            for path in paths.values():
                office.save_as(doc, path)
        finally:
            office.close(doc)
        for ext, path in paths.items():
            doc = open_visible(self.office, path)
            try:
                self.assertEqual(user_properties(doc)[PREFIX + "K0001"], want, ext)
                cell = doc.Sheets.getByIndex(0).getCellRangeByName("B2")
                self.assertEqual(office.cell_value(cell), MANAGER, ext)
                doc.calculateAll()
                self.assertEqual(office.cell_value(cell), MANAGER, ext + " recalculated")
                p = Panel(doc)
                p.pick_client("K0001")
                self.assertEqual(p.text("f_name"), NAME, ext)
                self.assertEqual(p.text("f_manager"), MANAGER, ext)
                self.assertEqual(p.text("f_people_name"), PERSON, ext)
                self.assertEqual(p.text("f_description"), NOTE, ext)
            finally:
                office.close(doc)
        # a colleague without the extension opens and re-saves: the profiles stay
        plain = office.Office(office.profile_path("plain-profile"), extension=False).start()
        resaved = {}
        try:
            for ext, path in paths.items():
                doc = plain.load(path)
                sh = doc.Sheets.getByIndex(0)
                # the last value DOSSIER() showed is still there without the extension
                self.assertEqual(office.cell_value(sh.getCellRangeByName("B2")), MANAGER, ext)
                sh.getCellRangeByName("F1").setString("edited without the extension")
                resaved[ext] = office.out_path("e2e-dossier-resaved" + ext)
                office.save_as(doc, resaved[ext])
                office.close(doc)
        finally:
            plain.stop()
        for ext, path in resaved.items():
            doc = self.office.load(path)
            try:
                self.assertEqual(user_properties(doc)[PREFIX + "K0001"], want, ext)
            finally:
                office.close(doc)


def profile_xml(cid, name, manager):
    return ('<dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>%s</id>'
            '<name>%s</name></identity><classification><manager>%s</manager>'
            '</classification></dossier>' % (cid, name, manager))


HANG = 60  # seconds an answer may take before the office counts as hung


class ChangedElsewhere(unittest.TestCase):
    """A DOSSIER() cell that already shows a value is evaluated again after
    its profile changed by another route than the panel: the document's
    user-defined properties set from Python, as File > Properties > Custom
    Properties or a macro would, then a hard recalculation (calculateAll,
    Ctrl+Shift+F9).  The cell's live result tells Calc's listener of the new
    value from inside that evaluation.  The cell shows the new value and the
    office does not hang (office.within fails the test instead of blocking),
    without and with the Key accounts panel open on that client."""

    def select(self, doc, sh, name):
        doc.getCurrentController().select(sh.getCellRangeByName(name))
        doc.getCurrentController().getFrame().getContainerWindow().getToolkit().processEventsToIdle()

    def test_hard_recalculation_after_an_outside_change(self):
        o = office.shared_office()
        doc = open_visible(o)
        try:
            sh = doc.Sheets.getByIndex(0)
            sh.getCellRangeByName("A2").setString("K0001")
            sh.getCellRangeByName("A3").setString("K0003")
            set_user_property(doc, PREFIX + "K0001", profile_xml("K0001", "First", "Eva Novak"))
            b2, c2, b3 = (sh.getCellRangeByName(n) for n in ("B2", "C2", "B3"))
            b2.setFormula('=DOSSIER(A2;"manager")')
            c2.setFormula("=UPPER(B2)")  # what depends on it follows
            b3.setFormula('=DOSSIER(A3;"manager")')  # no profile yet
            office.within(o, HANG, doc.calculateAll)
            self.assertEqual(office.cell_value(b2), "Eva Novak")
            self.assertEqual(office.cell_value(b3), E502)

            set_user_property(doc, PREFIX + "K0001", profile_xml("K0001", "First", MANAGER))
            set_user_property(doc, PREFIX + "K0003", profile_xml("K0003", "Third", "Eva Novak"))
            office.within(o, HANG, doc.calculateAll)
            self.assertEqual(office.cell_value(b2), MANAGER)
            self.assertEqual(office.cell_value(c2), MANAGER.upper())
            self.assertEqual(office.cell_value(b3), "Eva Novak")

            # again with the panel open, showing that client
            p = office.within(o, HANG, Panel, doc)
            office.within(o, HANG, self.select, doc, sh, "A2")
            self.assertEqual(p.text("f_id"), "K0001")
            self.assertEqual(p.text("f_manager"), MANAGER)
            set_user_property(doc, PREFIX + "K0001", profile_xml("K0001", "First", "Jānis Bērziņš"))
            office.within(o, HANG, doc.calculateAll)
            self.assertEqual(office.cell_value(b2), "Jānis Bērziņš")
            self.assertEqual(office.cell_value(c2), "JĀNIS BĒRZIŅŠ")
            # the panel heard of the outside change: a profile added elsewhere
            # is listed at the next cursor move
            set_user_property(doc, PREFIX + "K0002", profile_xml("K0002", "Second", "Eva Novak"))
            office.within(o, HANG, self.select, doc, sh, "D2")
            self.assertEqual([i.split("  ")[0] for i in p.items()], ["K0001", "K0002", "K0003"])
            office.within(o, HANG, self.select, doc, sh, "A3")
            self.assertEqual(p.text("f_name"), "Third")
            # and a save in the panel still reaches the cell without a recalculation
            office.within(o, HANG, self.select, doc, sh, "A2")
            p.type("f_manager", "Eva Novak")
            office.within(o, HANG, p.press, "save")
            self.assertIn("Saved", p.status())
            self.assertEqual(office.cell_value(b2), "Eva Novak")
            self.assertEqual(office.cell_value(c2), "EVA NOVAK")
        finally:
            office.close(doc)


class _Listener:
    """A TCP listener on 127.0.0.1 that records any connection (a fetch)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while self.running:
            try:
                c, _ = self.sock.accept()
                self.connections += 1
                c.close()
            except OSError:
                pass

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


GOOD = ('<dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>G1</id>'
        '<name>Good client</name></identity><classification><manager>Eva Novak</manager>'
        '</classification></dossier>')
# Valid for the schema (its token type strips white space around each value, and a value may
# repeat), so neither damaged nor offered for replacement.
SPACED = ('<dossier xmlns="urn:keyaccount:dossier:1" version=" 1">\n<identity><id>S1</id>'
          '<name>Spaced client</name></identity>\n<classification>\n  <type>expert\n</type>\n'
          '  <type>\n    demanding\n  </type>\n  <type>expert</type>\n</classification>\n</dossier>')


def hostile_profiles(port):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i else "&lol;") * 10)
                        for i in range(10))
              + ']><dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>H1</id>'
              '<name>&lol9;</name></identity></dossier>')
    return {
        "H1": laughs,
        "H2": ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               '<dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>H2</id>'
               '<name>&xxe;</name></identity></dossier>'),
        "H3": ('<?xml version="1.0"?><!DOCTYPE dossier SYSTEM "http://127.0.0.1:%d/d.dtd">'
               '<dossier xmlns="urn:keyaccount:dossier:1" version="1"><identity><id>H3</id>'
               '<name>x</name></identity></dossier>' % port),
        "H4": GOOD.replace("G1", "H4").replace("Good client", "bad \x01 char \ufffd"),
        "H5": GOOD.replace("G1", "H5").replace("Good client", "x" * (50 * 1024 * 1024)),
        "H6": GOOD.replace("urn:keyaccount:dossier:1", "urn:somebody:else").replace("G1", "H6"),
        "H7": GOOD.replace("G1", "H7")[:120],
    }


class HostileWorkbooks(unittest.TestCase):
    def test_damaged_profiles_are_reported_kept_and_isolated(self):
        o = office.shared_office()
        listener = _Listener()
        doc = open_visible(o)
        try:
            sh = doc.Sheets.getByIndex(0)
            profiles = hostile_profiles(listener.port)
            set_user_property(doc, PREFIX + "G1", GOOD)
            set_user_property(doc, PREFIX + "S1", SPACED)
            for cid, xml in profiles.items():
                set_user_property(doc, PREFIX + cid, xml)
            before = user_properties(doc)
            for row, cid in enumerate(sorted(profiles) + ["G1"], start=1):
                sh.getCellRangeByName("A%d" % row).setString(cid)
                sh.getCellRangeByName("B%d" % row).setFormula('=DOSSIER(A%d;"manager")' % row)
            spaced_row = len(profiles) + 2
            sh.getCellRangeByName("A%d" % spaced_row).setString("S1")
            sh.getCellRangeByName("B%d" % spaced_row).setFormula('=DOSSIER(A%d;"type")' % spaced_row)
            doc.calculateAll()
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B%d" % spaced_row)),
                             "expert, demanding")
            for row, cid in enumerate(sorted(profiles), start=1):
                self.assertEqual(office.cell_value(sh.getCellRangeByName("B%d" % row)), E502, cid)
            self.assertEqual(office.cell_value(sh.getCellRangeByName("B%d" % (len(profiles) + 1))),
                             "Eva Novak")
            p = Panel(doc)
            doc.getCurrentController().select(sh.getCellRangeByName("C1"))  # any cursor move
            p.idle()
            items = p.items()
            for cid in profiles:
                self.assertTrue(any(i.startswith(cid + " ") and "[damaged]" in i for i in items),
                                (cid, items))
            passwd = open("/etc/passwd").read().split(":")[0]  # "root"
            for cid in profiles:
                p.pick_client(cid)
                status = p.status()
                self.assertIn("damaged", status, cid)
                self.assertNotIn(passwd + ":x:", status)
                self.assertNotEqual(p.text("f_name"), passwd)
            p.pick_client("G1")
            self.assertEqual(p.text("f_manager"), "Eva Novak")
            self.assertFalse(any(i.startswith("S1 ") and "[damaged]" in i for i in items), items)
            p.pick_client("S1")
            self.assertNotIn("damaged", p.status())
            self.assertEqual(p.text("f_name"), "Spaced client")
            # nothing was rewritten, nothing was fetched
            self.assertEqual(user_properties(doc), before)
            self.assertEqual(listener.connections, 0)
            # replacing a damaged profile is the user's explicit choice: Save
            p.pick_client("H6")
            p.type("f_name", "Repaired client")
            p.press("save")
            self.assertIn("Repaired client", user_properties(doc)[PREFIX + "H6"])
        finally:
            listener.close()
            office.close(doc)


if __name__ == "__main__":
    unittest.main()
