"""The toolkit in the users' languages, in a real office: the Function Wizard's
texts and the sidebar in a Latvian and a Ukrainian interface, every language
through the add-in's own XAddIn with setLocale, and the language option
(Filipino in an English interface).

What a text must read is taken from the .po files (tools/po_tool.py): a text
translated there must be shown translated, one that is not must be shown in
English.  The completeness test (AllLanguages) waits for the translators: a
language not in po/LINGUAS, or one whose .po is not complete yet, is skipped
with the number of texts it still lacks."""
import json
import os
import sys
import unittest
import xml.etree.ElementTree as ET

import office

sys.path.insert(0, os.path.join(office.ROOT, "tools"))
import po_tool  # noqa: E402
from test_dossier import choice  # noqa: E402

FUNCTIONS = json.load(open(os.path.join(office.BUILD, "functions.json")))
POT = po_tool.template()
OPTION = ("/org.keyaccount.calc.Settings/General", "Language")
PREFIX_K9 = "KeyAccountDossier:K9"
NS = {"d": "urn:keyaccount:dossier:1"}
# Texts that stay English in every language: terms of art (po/terms-of-art.txt)
TERMS = set()
with open(os.path.join(office.ROOT, "po", "terms-of-art.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            TERMS.add(line)


def translator(lang):
    """tr(context, english): what the toolkit must show in lang."""
    cat = po_tool.catalog(lang) if lang in po_tool.linguas() else {}

    def tr(context, english):
        got = cat.get(context)
        return got[1] if got and got[0] == english else english
    return tr


def wizard_texts(off):
    """{name: (description, [(arg name, arg description)])} of the toolkit's
    functions as Calc's FunctionDescriptions lists them."""
    descs = off.service("com.sun.star.sheet.FunctionDescriptions")
    names = {fn["name"] for fn in FUNCTIONS}
    out = {}
    for i in range(descs.getCount()):
        props = {p.Name: p.Value for p in descs.getByIndex(i)}
        if props["Name"] in names:
            out[props["Name"]] = (props["Description"],
                                  [(a.Name, a.Description) for a in props["Arguments"]])
    return out


def expected_texts(lang):
    tr = translator(lang)
    out = {}
    for fn in FUNCTIONS:
        name = fn["name"]
        desc = tr(name + "|summary", fn["summary"])
        args = [(tr("%s|arg|%s|name" % (name, a["name"]), a["name"]),
                 tr("%s|arg|%s|help" % (name, a["name"]), a["help"]))
                for a in fn["args"] if not a["hidden"]]
        out[name] = (desc, args)
    return out


def panel_labels(doc):
    """The sidebar's texts: {place: shown text} for a few controls of each kind."""
    p = office.Panel(doc)
    return {
        "ui|filter|label": p.control("l_filter").getText(),
        "ui|new|label": p.control("new").getModel().Label,
        "ui|save|label": p.control("save").getModel().Label,
        "ui|delete|label": p.control("delete").getModel().Label,
        "ui|filter|help": p.control("filter").getModel().HelpText,
        "section|identity|label": p.control("s_identity").getModel().Label,
        "field|identity|name|label": p.control("l_name").getText(),
        "field|classification|stage|value|butterfly": p.control("f_stage").getItems()[1],
        "msg|ready": p.status(),
    }, p


def expect_panel(lang):
    tr = translator(lang)
    return {ctx: tr(ctx, POT[ctx].msgid) for ctx in (
        "ui|filter|label", "ui|new|label", "ui|save|label", "ui|delete|label", "ui|filter|help",
        "section|identity|label", "field|identity|name|label",
        "field|classification|stage|value|butterfly", "msg|ready")}


class Interface:
    """An office whose interface is in LANG (its own profile)."""
    LANG = None

    @classmethod
    def setUpClass(cls):
        if cls.LANG not in po_tool.linguas():
            raise unittest.SkipTest("%s is not in po/LINGUAS" % cls.LANG)
        cls.off = office.Office(office.profile_path("test-profile-" + cls.LANG),
                                ui_locale=cls.LANG).start()
        ui = cls.off.config("/org.openoffice.Setup/L10N", "ooLocale")
        if ui.split("-")[0] != cls.LANG:  # e.g. the newer office, unpacked without l10n packages
            cls.off.stop()
            raise unittest.SkipTest("%s has no %s interface (libreoffice-l10n-%s), it runs in %s"
                                    % (cls.off.product, cls.LANG, cls.LANG, ui))

    @classmethod
    def tearDownClass(cls):
        cls.off.stop()

    def test_function_wizard_texts(self):
        got, want = wizard_texts(self.off), expected_texts(self.LANG)
        for name, (desc, args) in want.items():
            self.assertIn(name, got)
            self.assertEqual(got[name][0], desc, name)
            self.assertEqual(got[name][1], args, name)
        # the display name is the programmatic one in every language
        self.assertIn("ABCCLASS", got)
        # translated, not English (the .po translates ABCCLASS)
        self.assertNotEqual(got["ABCCLASS"], expected_texts("en")["ABCCLASS"])

    def test_sidebar_labels(self):
        doc = office.open_visible(self.off)
        try:
            got, p = panel_labels(doc)
            self.assertEqual(got, expect_panel(self.LANG))
            # a choice picked by its displayed name is stored as its code
            p.type("f_id", "K1")
            p.type("f_name", "Klients")
            p.pick("f_stage", 1)
            p.press("save")
            cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
            cell.setFormula('=DOSSIER("K1";"stage")')
            doc.calculateAll()
            self.assertEqual(cell.getString(), "butterfly")
        finally:
            doc.setModified(False)
            doc.close(True)


    def test_refused_save_speaks_the_language(self):
        """The reasons of a refused save come from the core in the panel's
        language: fields by their labels, the values as typed, no English."""
        tr = translator(self.LANG)

        def fmt(ctx, *args):
            c_format = tr(ctx, POT[ctx].msgid).replace("%zu", "%d").replace("%ld", "%d")
            return c_format % args

        def label(ctx):
            return tr(ctx, POT[ctx].msgid)
        doc = office.open_visible(self.off)
        try:
            p = office.Panel(doc)
            p.press("new")
            p.type("f_id", "K9")
            p.type("f_name", "Klients")
            p.type("f_employees", "daudz")
            p.type("f_next_review", "31.02.2027")  # no such day
            p.press("save")
            status = p.status()
            self.assertEqual(status, fmt("msg|not_saved", "; ".join((
                fmt("reason|field", label("field|identity|employees|label"),
                    fmt("reason|integer", 0, 100000000)),
                fmt("reason|field", label("field|classification|next_review|label"),
                    fmt("reason|local_date", "15.03.2026", "2026-03-15"))))))
            english = set()
            for ctx, e in POT.items():
                if ctx.startswith("reason|") or ctx == "msg|not_saved":
                    english.update(w.lower() for w in e.msgid.replace("'", " ").split()
                                   if w.isalpha() and len(w) > 2)
            english -= {"yyyy"}  # the date format the field stores, in every language
            words = {w.strip(".,:;()").lower() for w in status.split()}
            self.assertEqual(words & english, set(), status)
            self.assertNotIn(PREFIX_K9, office.user_properties(doc))
        finally:
            doc.setModified(False)
            doc.close(True)


    def test_dates_as_people_write_them(self):
        """Both interface languages write dates day first with dots: typed so,
        stored as ISO 8601, shown so again."""
        doc = office.open_visible(self.off)
        try:
            p = office.Panel(doc)
            p.press("new")
            p.type("f_id", "K9")
            p.type("f_name", "Klients")
            p.type("f_next_review", "15.03.2026")
            p.press("add_history")
            p.type("f_history_date", "2026-03-14")
            p.pick("f_history_kind", choice("history", "kind", "satisfaction"))
            p.press("save")
            self.assertIn(PREFIX_K9, office.user_properties(doc), p.status())
            root = ET.fromstring(office.user_properties(doc)[PREFIX_K9])
            self.assertEqual(root.find("d:classification/d:next-review", NS).text, "2026-03-15")
            self.assertEqual(root.find("d:history/d:entry/d:date", NS).text, "2026-03-14")
            p.press("new")
            p.pick_client("K9")
            self.assertEqual(p.text("f_next_review"), "15.03.2026")
            self.assertEqual(p.text("f_history_date"), "14.03.2026")
        finally:
            doc.setModified(False)
            doc.close(True)

    def test_why_a_formula_fails_speaks_the_language(self):
        """Three typical mistakes explained in the deck in the interface's
        language: the function and Calc's error as they are, the reason
        translated."""
        tr = translator(self.LANG)

        def fmt(ctx, *args):
            return tr(ctx, POT[ctx].msgid) % args
        doc = office.open_visible(self.off)
        try:
            sh = doc.Sheets.getByIndex(0)
            p = office.Panel(doc)
            for i, v in enumerate((5, 3, 2, 1), start=1):
                sh.getCellByPosition(8, i).setValue(v)
            cells = {
                "H2": ("=CHURNRISK(2;30;40)", "CHURNRISK", "why|params_one_client", ()),
                "H3": ("=ABCCLASS(I2;I2:I5;0.9;0.8)", "ABCCLASS", "why|abc_limits", ()),
                "H4": ('=DOSSIER("K0009";"manager")', "DOSSIER", "why|no_profile", ("K0009",)),
            }
            for name, (formula, _, _, _) in cells.items():
                sh.getCellRangeByName(name).setFormula(formula)
            doc.calculateAll()
            for name, (_, fn, ctx, args) in cells.items():
                doc.getCurrentController().select(sh.getCellRangeByName(name))
                p.idle()
                why = fmt(ctx, *args)
                self.assertNotEqual(why, POT[ctx].msgid % args)  # translated, not English
                shown = sh.getCellRangeByName(name).getString()  # Calc's words: Kļūda:502
                self.assertTrue(shown.endswith(":502"), shown)
                self.assertEqual(p.status(), fmt("msg|why_failed", fn, shown, why), name)
        finally:
            doc.setModified(False)
            doc.close(True)


class Latvian(Interface, unittest.TestCase):
    LANG = "lv"


class Ukrainian(Interface, unittest.TestCase):
    LANG = "uk"


class AllLanguages(unittest.TestCase):
    """Every language through the add-in's own XAddIn with setLocale: every
    function and argument has a text, and only terms of art are English."""

    def check(self, lang, tag):
        if lang not in po_tool.linguas():
            self.skipTest("%s is not in po/LINGUAS (waiting for the translators)" % lang)
        missing = len(POT) - len(po_tool.catalog(lang))
        if missing:
            self.skipTest("po/%s.po lacks %d of %d texts (waiting for the translators)"
                          % (lang, missing, len(POT)))
        from com.sun.star.lang import Locale
        addin = office.shared_office().service("org.keyaccount.calc.KeyAccount")
        language, _, country = tag.partition("-")
        addin.setLocale(Locale(language, country, ""))
        same = []
        for fn in FUNCTIONS:
            name = fn["name"]
            self.assertEqual(addin.getDisplayFunctionName(name), name)
            desc = addin.getFunctionDescription(name)
            self.assertTrue(desc, name)
            if desc == fn["summary"]:
                same.append(name)
            for i, a in enumerate(fn["args"]):
                if a["hidden"]:
                    continue
                for text, english in ((addin.getDisplayArgumentName(name, i), a["name"]),
                                      (addin.getArgumentDescription(name, i), a["help"])):
                    self.assertTrue(text, (name, a["name"]))
                    if text == english and text not in TERMS:
                        same.append("%s %s: %s" % (name, a["name"], text))
        self.assertEqual(same, [], "left in English in %s" % lang)

    def test_latvian(self):
        self.check("lv", "lv-LV")

    def test_ukrainian(self):
        self.check("uk", "uk-UA")

    def test_slovenian(self):
        self.check("sl", "sl-SI")

    def test_romanian(self):
        self.check("ro", "ro-RO")

    def test_filipino(self):
        self.check("tl", "fil-PH")

    def test_english_is_the_table(self):
        from com.sun.star.lang import Locale
        addin = office.shared_office().service("org.keyaccount.calc.KeyAccount")
        addin.setLocale(Locale("de", "DE", ""))  # a language the toolkit does not speak
        fn = FUNCTIONS[0]
        self.assertEqual(addin.getFunctionDescription(fn["name"]), fn["summary"])


def options_page(off, doc):
    """The options page in doc's window with its handler: (handler, page)."""
    handler = off.service("org.keyaccount.calc.OptionsHandler")
    parent = doc.getCurrentController().getFrame().getContainerWindow()
    provider = off.service("com.sun.star.awt.ContainerWindowProvider")
    page = provider.createContainerWindow(
        "vnd.sun.star.extension://org.keyaccount.calc/OptionsPage.xdl", "", parent, handler)
    return handler, page


def choose_language(off, native):
    """Chooses a language on the options page as a user does: the page
    shown, an entry picked by its name (None: follow the interface), OK."""
    doc = office.open_visible(off)
    try:
        handler, page = options_page(off, doc)
        handler.callHandlerMethod(page, "initialize", "external_event")
        lst = page.getControl("language")
        lst.selectItemPos(list(lst.getItems()).index(native) if native else 0, True)
        assert handler.callHandlerMethod(page, "ok", "external_event")
        page.dispose()
    finally:
        doc.close(True)


class Option(unittest.TestCase):
    """The language option: Filipino in an English interface."""

    @classmethod
    def setUpClass(cls):
        if "tl" not in po_tool.linguas():
            raise unittest.SkipTest("tl is not in po/LINGUAS")
        cls.off = office.Office(office.profile_path("test-profile-option")).start()

    @classmethod
    def tearDownClass(cls):
        cls.off.set_config(*OPTION, "")
        cls.off.stop()

    def panel(self):
        doc = office.open_visible(self.off)
        try:
            return panel_labels(doc)[0]
        finally:
            doc.close(True)

    def test_filipino_in_an_english_interface(self):
        self.off.set_config(*OPTION, "")
        self.assertEqual(self.off.config("/org.openoffice.Setup/L10N", "ooLocale"), "en-US")
        english, filipino = expected_texts("en")["ABCCLASS"], expected_texts("tl")["ABCCLASS"]
        self.assertNotEqual(english, filipino)
        self.assertEqual(self.panel(), expect_panel("en"))
        self.assertEqual(wizard_texts(self.off)["ABCCLASS"], english)
        choose_language(self.off, "Filipino")
        self.assertEqual(self.off.config(*OPTION), "tl")
        # the sidebar at its next creation, the Function Wizard's texts at
        # once: no restart
        self.assertEqual(self.panel(), expect_panel("tl"))
        self.assertEqual(wizard_texts(self.off)["ABCCLASS"], filipino)
        # kept in the profile
        self.off.stop()
        self.off.start()
        self.assertEqual(wizard_texts(self.off)["ABCCLASS"], filipino)
        self.assertEqual(self.panel(), expect_panel("tl"))
        # and back to following the interface
        choose_language(self.off, None)
        self.assertEqual(self.off.config(*OPTION), "")
        self.assertEqual(wizard_texts(self.off)["ABCCLASS"], english)
        # Calc's add-in list is left as it was
        addins = self.off.service("com.sun.star.configuration.ConfigurationProvider") \
            .createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                         (office.prop("nodepath",
                                                      "/org.openoffice.Office.CalcAddIns/AddInInfo"),))
        self.assertNotIn("org.keyaccount.calc.LanguageChanged", addins.getElementNames())


class OptionsPage(unittest.TestCase):
    """The options page: listed in Tools > Options and behind the Extension
    Manager's Options button, and its handler shows and stores the option."""

    NODE = "/org.openoffice.Office.OptionsDialog/Nodes/org.keyaccount.calc.Options/Leaves/" \
           "org.keyaccount.calc.Language"

    def test_page_shows_and_stores_the_option(self):
        off = office.shared_office()
        self.assertEqual(off.config(self.NODE, "Id"), "org.keyaccount.calc")
        self.assertEqual(off.config(self.NODE, "EventHandlerService"),
                         "org.keyaccount.calc.OptionsHandler")
        doc = office.open_visible(off)
        try:
            handler, page = options_page(off, doc)
            self.assertEqual(list(handler.getSupportedMethodNames()), ["external_event"])
            off.set_config(*OPTION, "")
            self.assertTrue(handler.callHandlerMethod(page, "initialize", "external_event"))
            lst = page.getControl("language")
            items = list(lst.getItems())
            self.assertEqual(items[0], POT["options|language|follow"].msgid)
            self.assertEqual(len(items), 7)  # follow, then the six languages
            self.assertEqual(lst.getSelectedItemPos(), 0)
            lst.selectItemPos(items.index("Filipino"), True)
            self.assertTrue(handler.callHandlerMethod(page, "ok", "external_event"))
            self.assertEqual(off.config(*OPTION), "tl")
            # shown again, in Filipino where tl.po translates the page
            handler.callHandlerMethod(page, "initialize", "external_event")
            self.assertEqual(lst.getSelectedItem(), "Filipino")
            self.assertEqual(page.getControl("l_language").getText(),
                             translator("tl")("options|language|label",
                                              POT["options|language|label"].msgid))
            lst.selectItemPos(0, True)
            handler.callHandlerMethod(page, "ok", "external_event")
            self.assertEqual(off.config(*OPTION), "")
            page.dispose()
        finally:
            off.set_config(*OPTION, "")
            doc.close(True)
