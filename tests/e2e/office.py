"""The one fixture of the end-to-end tests: a real headless LibreOffice with
the built extension installed into a throwaway profile under build/.

Never touches the user's own profile: every office started here gets
-env:UserInstallation pointing into build/.  The extension is installed from
inside the running office through the ExtensionManager API (unopkg refuses
to run as root), after the profile's first start, then the office restarts.

Run with Debian's /usr/bin/python3 (python3-uno)."""

import os
import shutil
import signal
import subprocess
import threading
import time
import uuid


def _client_types():
    """The type libraries of this Python client: the office's own (or those
    UNO_TYPES already names, e.g. a newer office's) plus the extension's,
    so that objects of the extension (the add-in, its factories) can be
    handed to the tests: the bridge must decode every interface their
    getTypes lists, org.keyaccount.calc.XKeyAccount included."""
    program = "file:///usr/lib/libreoffice/program"
    base = os.environ.get("UNO_TYPES") or " ".join(
        "%s/%s" % (program, t) for t in ("types.rdb", "types/offapi.rdb", "types/oovbaapi.rdb"))
    rdb = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "oxt",
                       "keyaccount.rdb")
    if os.path.exists(rdb):
        base += " file://" + os.path.abspath(rdb)
    return base


os.environ["UNO_TYPES"] = _client_types()  # read once, when uno is first imported
import uno  # noqa: E402
import unohelper  # noqa: E402
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.task import XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment, XProgressHandler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, "build")
# KA_TEST_OXT / KA_TEST_PROFILE select another build of the extension and its
# profile (`make check-asan` runs the end-to-end tests against a sanitizer
# build, with KA_SOFFICE_PRELOAD naming the sanitizer runtime for soffice).
# KA_SOFFICE names another LibreOffice's soffice.bin (e.g. a newer release
# unpacked into a directory of its own; use a profile of its own with it).
OXT = os.path.abspath(os.environ.get("KA_TEST_OXT", os.path.join(BUILD, "keyaccount.oxt")))
SOFFICE = os.environ.get("KA_SOFFICE", "/usr/lib/libreoffice/program/soffice.bin")
EXTENSION_ID = "org.keyaccount.calc"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class _Approve(unohelper.Base, XInteractionHandler):
    """Approves the extension manager's questions, as a user clicking OK
    (the API call without a handler aborts where unopkg would ask)."""

    def handle(self, request):
        approve = uno.getTypeByName("com.sun.star.task.XInteractionApprove")
        for c in request.getContinuations():
            if c.queryInterface(approve):
                c.select()
                return


class _Quiet(unohelper.Base, XProgressHandler):
    def push(self, status):
        pass

    def update(self, status):
        pass

    def pop(self):
        pass


class _CommandEnv(unohelper.Base, XCommandEnvironment):
    def getInteractionHandler(self):
        return _Approve()

    def getProgressHandler(self):
        return _Quiet()


class Office:
    """A headless soffice on a private pipe, with a profile of its own.
    ui_locale (e.g. "lv") sets the profile's interface language (the
    office needs that language's l10n package, e.g. libreoffice-l10n-lv);
    None leaves the profile's own, English in a new profile."""

    def __init__(self, profile, extension=True, env=None, ui_locale=None):
        self.profile = os.path.abspath(profile)
        self.extension = extension
        self.ui_locale = ui_locale
        self.extra_env = env or {}
        self.proc = None
        self.ctx = None
        self.desktop = None
        self.pipe = None
        self.log = None
        self.product = None  # e.g. "LibreOffice 7.4.7.2", once started

    # ---- process ----
    def _spawn(self):
        for _ in range(3):
            if self._spawn_once():
                return
        raise RuntimeError("soffice kept asking for a restart")

    def _spawn_once(self):
        """Starts soffice.bin and connects; False when it exited with 81, its
        'restart me' code after initialising a new profile."""
        self.pipe = "ka_test_" + uuid.uuid4().hex[:12]
        env = dict(os.environ)
        # UNO_TYPES is the Python client's (_client_types): the office finds its
        # own types and the installed extension's itself
        env.pop("UNO_TYPES", None)
        env.update(self.extra_env)
        if env.get("KA_SOFFICE_PRELOAD") and self.extension:
            env["LD_PRELOAD"] = env["KA_SOFFICE_PRELOAD"]
        env.setdefault("SAL_USE_VCLPLUGIN", "svp")
        os.makedirs(self.profile, exist_ok=True)
        self.log = open(os.path.join(self.profile, "soffice.log"), "ab")
        args = [SOFFICE, "--headless", "--invisible", "--nologo", "--norestore",
                "--nodefault", "--nolockcheck", "--nofirststartwizard",
                "-env:UserInstallation=" + url(self.profile),
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe]
        if env.get("DISPLAY") and self.extra_env.get("KA_VISIBLE"):
            args = [a for a in args if a not in ("--headless", "--invisible")]
        self.proc = subprocess.Popen(args, env=env, stdout=self.log, stderr=self.log,
                                     start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                self.ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except Exception:
                if self.proc.poll() == 81:
                    return False
                if self.proc.poll() is not None:
                    raise RuntimeError("soffice exited with %s (log: %s/soffice.log)"
                                       % (self.proc.returncode, self.profile))
                if time.time() > deadline:
                    self._kill()
                    raise RuntimeError("soffice did not answer within 90 s")
                time.sleep(0.2)
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.ctx)
        return True

    def _kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)

    def stop(self):
        if not self.proc:
            return
        try:
            if self.desktop is not None:
                for c in list(self.desktop.Components):
                    try:
                        c.setModified(False)
                        c.close(True)
                    except Exception:
                        pass
                self.desktop.terminate()
        except Exception:
            pass  # the bridge goes down while terminating
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._kill()
        self._kill()
        self.proc = None
        self.ctx = self.desktop = None
        if self.log:
            self.log.close()
            self.log = None

    def start(self):
        """Starts the office; on a new profile, first initialises it and
        installs the extension (when wanted), then restarts."""
        stamp = os.path.join(self.profile, "ka-installed")
        want = os.path.getmtime(OXT) if self.extension else 0
        have = None
        if os.path.exists(stamp):
            with open(stamp) as f:
                have = float(f.read().strip() or 0)
        if have != want:
            shutil.rmtree(self.profile, ignore_errors=True)
            self._spawn()
            if self.extension:
                self._install()
            self.stop()
            with open(stamp, "w") as f:
                f.write(repr(want))
        self._spawn()
        if self.ui_locale is not None and self.config("/org.openoffice.Office.Linguistic/General",
                                                      "UILocale") != self.ui_locale:
            self.set_config("/org.openoffice.Office.Linguistic/General", "UILocale",
                            self.ui_locale)
            self.stop()  # the interface language is read at start
            self._spawn()
        _started.append(self)
        self.product = self._product()
        if self.extension and not self.extension_registered():
            raise RuntimeError("the extension is not registered in %s" % self.profile)
        return self

    def config(self, nodepath, name):
        """A value of the office's configuration (the profile's, else the default)."""
        provider = self.service("com.sun.star.configuration.ConfigurationProvider")
        node = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess", (prop("nodepath", nodepath),))
        return node.getByName(name)

    def set_config(self, nodepath, name, value):
        """Writes a value into the profile's configuration (registrymodifications.xcu)."""
        provider = self.service("com.sun.star.configuration.ConfigurationProvider")
        node = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", nodepath),))
        node.replaceByName(name, value)
        node.commitChanges()

    def _product(self):
        """The office's name and version as its About box shows them,
        e.g. "LibreOffice 7.4.7.2" (read from the office's configuration)."""
        provider = self.service("com.sun.star.configuration.ConfigurationProvider")
        node = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess",
            (prop("nodepath", "/org.openoffice.Setup/Product"),))
        return "%s %s" % (node.getByName("ooName"), node.getByName("ooSetupVersionAboutBox"))

    def _install(self):
        em = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        em.addExtension(url(OXT), (), "user", em.createAbortChannel(), _CommandEnv())

    def extension_registered(self):
        em = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        for ext in em.getDeployedExtensions("user", em.createAbortChannel(), None):
            if ext.getIdentifier().Value == EXTENSION_ID:
                reg = ext.isRegistered(em.createAbortChannel(), None)
                return bool(reg.IsPresent and reg.Value.Value)
        return False

    # ---- documents ----
    def new_calc(self):
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                 (prop("Hidden", True),))

    def load(self, path):
        doc = self.desktop.loadComponentFromURL(url(path), "_blank", 0,
                                                (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("could not load " + path)
        return doc

    def service(self, name):
        return self.ctx.ServiceManager.createInstanceWithContext(name, self.ctx)


def error_cells(doc):
    """["Sheet: A1:B2 ...", ...] for the formula cells of doc whose result is an error."""
    err = uno.getConstantByName("com.sun.star.sheet.FormulaResult.ERROR")
    bad = []
    for i in range(doc.Sheets.Count):
        sh = doc.Sheets.getByIndex(i)
        ranges = sh.queryFormulaCells(err)
        if ranges.getCount():
            bad.append("%s: %s" % (sh.Name, ranges.getRangeAddressesAsString()))
    return bad


def out_path(name):
    """A path under build/e2e-out for a file a test writes; any earlier copy
    and its lock file (left by an interrupted run) are removed first."""
    d = os.path.join(BUILD, "e2e-out")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name)
    for p in (path, os.path.join(d, ".~lock.%s#" % name)):
        if os.path.exists(p):
            os.remove(p)
    return path


FILTERS = {".ods": "calc8", ".xlsx": "Calc Office Open XML", ".pdf": "calc_pdf_Export"}


def save_as(doc, path):
    ext = os.path.splitext(path)[1]
    doc.storeToURL(url(path), (prop("FilterName", FILTERS[ext]),))


def close(doc):
    try:
        doc.setModified(False)
    except Exception:
        pass
    doc.close(True)


def cell_value(cell):
    """What a user sees in a cell, as a Python value: a number, a string, or
    ('error', code) for an error (Err:502 -> ('error', 502))."""
    from com.sun.star.table.CellContentType import FORMULA, TEXT, EMPTY
    t = cell.getType()
    if t == EMPTY:
        return None
    if t == TEXT:
        return cell.getString()
    if t == FORMULA:
        err = cell.getError()
        if err:
            return ("error", err)
        if cell.FormulaResultType2 == uno.getConstantByName(
                "com.sun.star.sheet.FormulaResult.STRING"):
            return cell.getString()
        return cell.getValue()
    return cell.getValue()


_office = None
_started = []


def stop_all():
    """Stops every office this process started (the run's safety net)."""
    for o in _started:
        o.stop()


def products():
    """The names and versions of the offices this process started, sorted
    (one entry when they all ran the same soffice)."""
    return sorted({o.product for o in _started if o.product})


def profile_path(name="test-profile"):
    """Where a test office keeps its profile: build/<name>, or, when
    KA_TEST_PROFILE names the shared office's profile, a sibling of it
    (<KA_TEST_PROFILE>-<name>), so that a run against another build or
    another office never shares a profile with the default run."""
    base = os.environ.get("KA_TEST_PROFILE")
    if not base:
        return os.path.join(BUILD, name)
    return base if name == "test-profile" else "%s-%s" % (base, name)


def shared_office():
    """The office shared by every test module (started on first use)."""
    global _office
    if _office is None:
        _office = Office(profile_path()).start()
    return _office


def stop_shared_office():
    global _office
    if _office is not None:
        _office.stop()
        _office = None


def within(off, seconds, fn, *args):
    """Calls fn(*args), a call into office off, and returns its result; when
    the office does not answer within seconds (it hangs), kills it and
    raises AssertionError, so that a hang fails the test instead of blocking
    the run.  The next shared_office() then starts a fresh office."""
    global _office
    result = {}

    def run():
        try:
            result["value"] = fn(*args)
        except BaseException as e:  # handed to the caller's thread
            result["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        off._kill()
        if off is _office:
            _office = None
        raise AssertionError("the office did not answer within %g s: it hangs" % seconds)
    if "error" in result:
        raise result["error"]
    return result.get("value")


class Sheet:
    """A fresh Calc document for a test, with helpers to type data and
    formulas the way a user does and read back what the cells show."""

    def __init__(self, off=None):
        self.office = off or shared_office()
        self.doc = self.office.new_calc()
        self.sheet = self.doc.Sheets.getByIndex(0)

    def close(self):
        close(self.doc)

    def cell(self, name):
        return self.sheet.getCellRangeByName(name)

    def put(self, top_left, rows):
        """Types a block of values (numbers, strings, None for empty) or
        formulas (strings starting with '=') starting at top_left."""
        start = self.cell(top_left).getCellAddress()
        for i, row in enumerate(rows):
            if not isinstance(row, (list, tuple)):
                row = [row]
            for j, v in enumerate(row):
                c = self.sheet.getCellByPosition(start.Column + j, start.Row + i)
                if v is None:
                    c.setString("")
                elif isinstance(v, str):
                    c.setFormula(v)
                else:
                    c.setValue(v)

    def column(self, top_left, values):
        self.put(top_left, [[v] for v in values])

    def formula(self, name, text):
        self.cell(name).setFormula(text)
        self.doc.calculateAll()
        return cell_value(self.cell(name))

    def array(self, range_name, text):
        """Enters text as an array formula over range_name (Ctrl+Shift+Enter)
        and returns the cells' values row by row."""
        self.cell(range_name).setArrayFormula(text)
        self.doc.calculateAll()
        return self.values(range_name)

    def values(self, range_name):
        r = self.cell(range_name)
        return [[cell_value(r.getCellByPosition(j, i)) for j in range(r.Columns.Count)]
                for i in range(r.Rows.Count)]

    def flat(self, range_name):
        return [v for row in self.values(range_name) for v in row]


class Panel:
    """The Key accounts deck of a document's window, driven through UNO as a
    user would: typing into fields, pressing buttons (accessible actions),
    picking list entries."""

    DECK, PANEL = "KeyAccountDeck", "KeyAccountPanel"

    def __init__(self, doc):
        self.doc = doc
        controller = doc.getCurrentController()
        self.toolkit = controller.getFrame().getContainerWindow().getToolkit()
        sidebar = controller.getSidebar()
        sidebar.setVisible(True)
        # The sidebar learns that this is a Calc document asynchronously; the
        # deck is listed once that context has arrived.
        for _ in range(100):
            self.idle()
            if sidebar.getDecks().hasByName(self.DECK):
                break
            time.sleep(0.05)
        deck = sidebar.getDecks().getByName(self.DECK)
        deck.activate(True)
        sidebar.showDecks(True)
        panel = deck.getPanels().getByName(self.PANEL)
        panel.expand(True)
        self.window = panel.getDialog()
        if self.window is None:
            raise RuntimeError("the dossier panel has no window")
        self.idle()

    def idle(self, rounds=3):
        """Lets the office handle the events an action caused, as it would
        before the user's next action.  VCL delivers some of them later (a
        click reaches the panel's handler through posted events), so this
        runs the event loop a few times with a short pause."""
        for i in range(rounds):
            if i:
                time.sleep(0.02)
            self.toolkit.processEventsToIdle()

    def wait_status_change(self, before, timeout=5.0):
        """Waits until the panel's status line changes (the action is done)."""
        end = time.time() + timeout
        while self.status() == before and time.time() < end:
            self.idle(1)

    def control(self, name):
        c = self.window.getControl(name)
        if c is None:
            raise KeyError(name)
        return c

    def press(self, name):
        """Clicks a button; for New, Save and Delete, which always report in
        the status line, waits for that report."""
        before = self.status()
        self.control(name).getPeer().getAccessibleContext().doAccessibleAction(0)
        self.idle()
        if name in ("new", "save", "delete"):
            self.wait_status_change(before)

    def type(self, name, text):
        self.control(name).setText(text)
        self.idle()

    def text(self, name):
        return self.control(name).getText()

    def status(self):
        return self.control("status").getModel().Label

    def items(self, name="clients"):
        return list(self.control(name).getItems())

    def pick(self, name, pos):
        self.control(name).selectItemPos(pos, True)
        self.idle()

    def check(self, name, on=True):
        """Ticks (or clears) a check box, as a click would."""
        self.control(name).setState(1 if on else 0)
        self.idle()

    def checked(self, name):
        return self.control(name).getState() == 1

    def picked(self, name):
        """The position of the item picked in a drop-down list (0: the empty one)."""
        return self.control(name).getSelectedItemPos()

    def pick_client(self, client_id):
        for i, item in enumerate(self.items()):
            if item.split("  ")[0] == client_id:
                self.pick("clients", i)
                return
        raise KeyError(client_id)


def open_visible(off, path=None):
    """A document in a frame of its own (the sidebar needs one)."""
    target = url(path) if path else "private:factory/scalc"
    return off.desktop.loadComponentFromURL(target, "_blank", 0, ())


def user_properties(doc):
    up = doc.getDocumentProperties().getUserDefinedProperties()
    return {p.Name: up.getPropertyValue(p.Name) for p in up.getPropertySetInfo().getProperties()}


def set_user_property(doc, name, value):
    up = doc.getDocumentProperties().getUserDefinedProperties()
    if up.getPropertySetInfo().hasPropertyByName(name):
        up.setPropertyValue(name, value)
    else:
        up.addProperty(name, 128, value)
