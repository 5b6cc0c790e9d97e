#!/usr/bin/python3
"""The dossier section of the benchmark (`run_bench.py dossier`): what 100
client profiles of about 50 KB each cost a workbook.

1. Opening and saving: a workbook of 2,000 data rows with a column of client
   ids K0001..K0100 is saved as .ods and .xlsx without profiles and with the
   100 profiles (user-defined document properties "KeyAccountDossier:<id>",
   as the panel stores them).  Timed, best of 3 each: storeToURL of the
   loaded workbook, and loadComponentFromURL (visible, in a frame of its own,
   as a user opens it) through processEventsToIdle, so that whatever the
   office or the extension does after loading is included.  Target: the
   profiles add at most 2 s.
2. The Key accounts panel following the cursor: in the workbook with the
   100 profiles, with the panel open, the cell of a client id is selected
   (controller.select) and events are processed to idle; the time runs until
   the panel's f_id field shows the new id.  Target: under 100 ms.
3. The panel's states with 200 profiles (issue 9): the same for a profiled
   client, for a client without a profile (until the status line says "No
   profile for ...") and for a DOSSIER() cell showing Err:502 (until it says
   why), 20 moves each.  Target: under 100 ms, median and max.

The profiles are generated (seeded, so every run uses the same ones) to be
realistic and valid: many history entries, a decision-making unit of a
dozen people with notes in Latvian, Romanian, Ukrainian, Slovenian, Serbian
and Filipino, competitors and a plan.  They are checked against
src/ka_dossier.rng with xmllint, and in the office: DOSSIER() gives their
names and the panel's client list marks none of them "[damaged]".

Runs its own office with its own profile (build/bench-dossier-profile).
Alone: /usr/bin/python3 bench/bench_dossier.py
"""
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from xml.sax.saxutils import escape

import benchlib
from benchlib import BUILD, ROOT, fmt_s, log, row, yes
import office as e2e  # tests/e2e/office.py: benchlib puts it on the path
from office import Office, Panel, prop, save_as, set_user_property, url

PROFILE = os.path.join(BUILD, "bench-dossier-profile")
WORKDIR = os.path.join(BUILD, "bench-dossier")
SCHEMA = os.path.join(ROOT, "src", "ka_dossier.rng")
PREFIX = "KeyAccountDossier:"
NS = "urn:keyaccount:dossier:1"

CLIENTS = 100
ROWS_OF_DATA = 2000
PROFILE_BYTES = 50 * 1024
RUNS = 3
CURSOR_MOVES = 20

# ---- realistic profiles ----

PLACES = ["Ķegums", "Jūrmala", "Pļaviņas", "Brașov", "Țăndărei", "Київ", "Львів", "Šmarje",
          "Čačak", "Niš", "Parañaque", "Quezon City", "Rīga", "Cluj-Napoca", "Ljubljana"]
FIRST = ["Jānis", "Ilze", "Ștefan", "Ioana", "Григорій", "Оксана", "Janez", "Špela", "Miloš",
         "Jelena", "Maria", "José", "Līga", "Răzvan", "Тарас", "Nataša", "Ligaya", "Andrés"]
LAST = ["Bērziņš", "Kalniņa", "Țară", "Popescu", "Сковорода", "Шевченко", "Šmarje", "Kovačič",
        "Petrović", "Đorđević", "Dela Cruz", "Santos", "Ozola", "Munteanu", "Коваленко",
        "Zupančič", "Bautista", "Reyes"]
NOTES = [
    "Ātra piegāde ir svarīgāka par cenu; vēlas rēķinus latviešu valodā.",
    "Prefers meetings in person; dislikes video calls before 10:00.",
    "Dorește un contract-cadru pe doi ani și livrări lunare la Brașov.",
    "Хоче менше постачальників; цінує довгу дружбу і чесність.",
    "Želi ponudbo v slovenščini do konca meseca; pozna našega direktorja.",
    "Traži rok isporuke kraći od šest nedelja za pogon u Čačku.",
    "Maligayang pagdating! Gusto niya ng mabilis na serbisyo sa Parañaque.",
    "Asked for a second reference customer in the Baltics & a site visit <next quarter>.",
    "Reklamācija par blīvēm atrisināta trīs dienu laikā; klients apmierināts.",
    "A cerut o reducere de 5 % pentru volume mai mari de 200 de bucăți.",
    "Скаржився на затримку документів; просить усе англійською та українською.",
    "Zadovoljen s servisom, vendar pričakuje boljšo dokumentacijo.",
    "Pominje konkurenta iz Brașova koji nudi 10 % nižu cenu.",
    "Nagtanong tungkol sa pagsasanay para sa mga bagong teknisyan.",
]
KINDS = ["delivery", "order", "tender", "meeting", "call", "complaint", "satisfaction", "gift",
         "agreement"]
ROLES = ["decision-maker", "influencer", "gatekeeper", "user", "buyer", "initiator"]
TYPES = ["breadwinner", "perspective", "image-maker", "expert", "innovator", "demanding"]


def client_id(i):
    return "K%04d" % i


def el(name, text):
    return "<%s>%s</%s>" % (name, escape(text), name)


def note(rnd, n):
    return " ".join(rnd.choice(NOTES) for _ in range(n))


def date(rnd, lo=2015, hi=2026):
    return "%04d-%02d-%02d" % (rnd.randint(lo, hi), rnd.randint(1, 12), rnd.randint(1, 28))


def person(rnd):
    name = "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST))
    return ("<person>" + el("name", name)
            + el("position", "Direktor nabave, %s" % rnd.choice(PLACES))
            + el("role", rnd.choice(ROLES))
            + el("participation", rnd.choice(["directly-involved", "interested", "obliged"]))
            + el("motives", note(rnd, 3))
            + "".join(el(k, str(rnd.randint(1, 5)))
                      for k in ("openness", "familiarity", "dynamism", "authority"))
            + el("contact", "+371 2%07d\n%s@example.eu" % (rnd.randrange(10 ** 7),
                                                          "c%d" % rnd.randrange(1000)))
            + el("birthday", date(rnd, 1950, 1995))
            + el("dates", "Name day: %s\nAnniversary: %s" % (date(rnd), date(rnd)))
            + el("interests", note(rnd, 1))
            + el("cuisine", rnd.choice(["Latvian (pelēkie zirņi)", "Ukrainian (борщ, вареники)",
                                        "Romanian (sarmale)", "Filipino (adobo)", "Serbian"]))
            + el("goal", "Test the idea of a framework agreement")
            + el("notes", note(rnd, 4)) + "</person>")


def entry(rnd):
    kind = rnd.choice(KINDS)
    out = el("date", date(rnd)) + el("kind", kind)
    if kind == "tender":
        out += el("outcome", rnd.choice(["won", "lost", "pending"]))
    elif kind == "complaint":
        out += el("outcome", rnd.choice(["resolved", "unresolved"]))
    if kind in ("order", "tender", "delivery", "agreement"):
        out += '<amount currency="%s">%d.%02d</amount>' % (
            rnd.choice(["EUR", "RON", "UAH", "PHP", "RSD"]), rnd.randint(100, 500000),
            rnd.randrange(100))
    if kind == "satisfaction":
        out += el("score", str(rnd.randint(1, 10)))
    return "<entry>" + out + el("note", note(rnd, rnd.randint(1, 3))) + "</entry>"


def make_profile(i, size=PROFILE_BYTES):
    """A valid dossier of about `size` bytes of UTF-8 for client K<i>."""
    rnd = random.Random(i)
    cid = client_id(i)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<dossier xmlns="%s" version="1">' % NS
            + "<identity>" + el("id", cid)
            + el("name", "SIA %s Enerģija %d" % (rnd.choice(PLACES), i))
            + el("industry", "Hydro-power equipment and maintenance")
            + el("employees", str(rnd.randint(20, 20000)))
            + el("website", "https://%s.example.eu" % cid.lower())
            + el("address", "Jomas iela %d\n%s, LV-2015\nLatvija" % (i, rnd.choice(PLACES)))
            + el("description", note(rnd, 6)) + el("development", note(rnd, 6))
            + "</identity><classification>"
            + "".join(el("type", t) for t in rnd.sample(TYPES, 2))
            + el("stage", rnd.choice(["butterfly", "partnership"]))
            + "".join(el(k, rnd.choice(["yes", "no", "unknown"]))
                      for k in ("need", "solvency", "authority"))
            + el("manager", "Ștefan Țară (Brașov office)") + el("next-review", date(rnd, 2025, 2027))
            + "</classification><people>" + "".join(person(rnd) for _ in range(12)) + "</people>")
    tail = ("<competitors>" + "".join(
        "<competitor>" + el("name", "%s Tehnic %d" % (rnd.choice(PLACES), k))
        + el("offer", note(rnd, 2)) + el("notes", note(rnd, 2)) + "</competitor>"
        for k in range(4)) + "</competitors><plan>"
        + "".join(el(k, note(rnd, 3)) for k in ("opportunities", "client-gains", "our-gains",
                                                 "their-clients-gain", "values", "goals"))
        + "</plan></dossier>\n")
    entries = []
    used = len((head + tail).encode("utf-8")) + len("<history></history>")
    while used < size:
        e = entry(rnd)
        entries.append(e)
        used += len(e.encode("utf-8"))
    return head + "<history>" + "".join(entries) + "</history>" + tail


def check_schema(profiles):
    """xmllint --relaxng over the profiles; returns the number that fail."""
    if not shutil.which("xmllint"):
        return None
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for cid, xml in profiles.items():
            p = os.path.join(tmp, cid + ".xml")
            with open(p, "w", encoding="utf-8") as f:
                f.write(xml)
            paths.append(p)
        r = subprocess.run(["xmllint", "--noout", "--relaxng", SCHEMA] + paths,
                           capture_output=True, text=True)
        bad = sum(1 for line in r.stderr.splitlines() if line.endswith("fails to validate"))
    return bad


# ---- the workbooks ----

def data_rows(n=ROWS_OF_DATA):
    rnd = random.Random(7)
    head = ("Client", "Date", "Product", "Quantity", "Price", "Amount", "Region")
    rows = [head]
    for r in range(n):
        q, price = rnd.randint(1, 200), round(rnd.uniform(5, 900), 2)
        rows.append((client_id(r % CLIENTS + 1), 45000.0 + rnd.randrange(730),
                     "P-%03d" % rnd.randrange(300), float(q), price, round(q * price, 2),
                     rnd.choice(PLACES)))
    return tuple(rows)


def build_workbooks(off, profiles):
    """Writes plain.ods/.xlsx and dossiers.ods/.xlsx into WORKDIR."""
    os.makedirs(WORKDIR, exist_ok=True)
    doc = off.new_calc()
    try:
        sh = doc.Sheets.getByIndex(0)
        rows = data_rows()
        sh.getCellRangeByName("A1:G%d" % len(rows)).setDataArray(rows)
        sh.getCellRangeByName("I1").setString("Clients")
        sh.getCellRangeByName("I2:I%d" % (CLIENTS + 1)).setDataArray(
            tuple((client_id(i),) for i in range(1, CLIENTS + 1)))
        sh.getCellRangeByName("J2").setFormula("=SUMIF(A$2:A$%d;I2;F$2:F$%d)"
                                               % (ROWS_OF_DATA + 1, ROWS_OF_DATA + 1))
        sh.getCellRangeByName("J2:J%d" % (CLIENTS + 1)).fillAuto(
            e2e.uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM"), 1)
        paths = {}
        for ext in (".ods", ".xlsx"):
            paths[("plain", ext)] = os.path.join(WORKDIR, "plain" + ext)
            save_as(doc, paths[("plain", ext)])
        for cid, xml in profiles.items():
            set_user_property(doc, PREFIX + cid, xml)
        for ext in (".ods", ".xlsx"):
            paths[("dossiers", ext)] = os.path.join(WORKDIR, "dossiers" + ext)
            save_as(doc, paths[("dossiers", ext)])
    finally:
        e2e.close(doc)
    return paths


def stored_profiles(doc):
    up = e2e.user_properties(doc)
    return {k[len(PREFIX):]: v for k, v in up.items() if k.startswith(PREFIX)}


# ---- 1. open and save ----

def open_doc(off, toolkit, path):
    """Seconds from loadComponentFromURL (visible) to idle, and the document."""
    t0 = time.perf_counter()
    doc = off.desktop.loadComponentFromURL(url(path), "_blank", 0, ())
    toolkit.processEventsToIdle()
    t = time.perf_counter() - t0
    if doc is None:
        raise RuntimeError("could not load " + path)
    return t, doc


def time_save(doc, ext, runs=RUNS):
    target = os.path.join(WORKDIR, "resave" + ext)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        doc.storeToURL(url(target), (prop("FilterName", e2e.FILTERS[ext]),))
        times.append(time.perf_counter() - t0)
    return min(times), os.path.getsize(target)


def remember_deck(off, toolkit, path, deck):
    """Makes `deck` the sidebar deck new Calc windows open with (the office
    remembers the last one activated, across restarts)."""
    t, doc = open_doc(off, toolkit, path)
    try:
        sb = doc.getCurrentController().getSidebar()
        sb.setVisible(True)
        sb.getDecks().getByName(deck).activate(True)
        toolkit.processEventsToIdle()
    finally:
        e2e.close(doc)


def time_loads(off, toolkit, paths, ext, runs=RUNS):
    """Best-of-runs load times of plain and dossiers, alternating so that
    drift hits both alike."""
    loads = {"plain": [], "dossiers": []}
    for _ in range(runs):
        for kind in ("plain", "dossiers"):
            t, doc = open_doc(off, toolkit, paths[(kind, ext)])
            loads[kind].append(t)
            e2e.close(doc)
    return min(loads["plain"]), min(loads["dossiers"])


def bench_open_save(off, toolkit, paths, profiles, log):
    """Best-of-RUNS load and save times per (kind, ext), with the sidebar
    showing Calc's default Properties deck."""
    res = {}
    remember_deck(off, toolkit, paths[("plain", ".ods")], "PropertyDeck")
    for ext in (".ods", ".xlsx"):
        loads = dict(zip(("plain", "dossiers"), time_loads(off, toolkit, paths, ext)))
        for kind in ("plain", "dossiers"):
            t, doc = open_doc(off, toolkit, paths[(kind, ext)])  # one more, for the save
            try:
                if kind == "dossiers":
                    got = stored_profiles(doc)
                    same = sum(1 for cid, xml in profiles.items() if got.get(cid) == xml)
                    log("  %s: %d of %d profiles came back unchanged after the save and load"
                        % (ext, same, len(profiles)))
                save, size = time_save(doc, ext)
            finally:
                e2e.close(doc)
            res[(kind, ext)] = (loads[kind], save, size,
                                os.path.getsize(paths[(kind, ext)]))
    return res


# ---- 2. the panel following the cursor ----

def bench_cursor(off, toolkit, path, profiles, log):
    doc = e2e.open_visible(off, path)
    try:
        ctrl = doc.getCurrentController()
        sh = doc.Sheets.getByIndex(0)
        # correctness: DOSSIER() reads a few of the profiles by id
        probe = [1, 2, 37, 64, 100]
        for k, i in enumerate(probe):
            sh.getCellRangeByName("L%d" % (k + 2)).setFormula('=DOSSIER("%s";"name")'
                                                              % client_id(i))
        doc.calculateAll()
        names = [e2e.cell_value(sh.getCellRangeByName("L%d" % (k + 2))) for k in range(len(probe))]
        want = [profiles[client_id(i)].split("<name>", 1)[1].split("<", 1)[0] for i in probe]
        dossier_ok = names == want
        log("  DOSSIER(id;\"name\") for %s: %s" % (", ".join(client_id(i) for i in probe),
                                                    "as stored" if dossier_ok else names))
        p = Panel(doc)
        items = p.items()
        damaged = [i for i in items if "[damaged]" in i]
        log("  panel list: %d clients, %d marked [damaged]" % (len(items), len(damaged)))
        # ~20 different rows of the id column I (rows 2..101 hold K0001..K0100)
        rnd = random.Random(11)
        picks = rnd.sample(range(1, CLIENTS + 1), CURSOR_MOVES + 1)
        ctrl.select(sh.getCellRangeByName("I%d" % (picks[0] + 1)))  # start somewhere
        p.idle()
        t_sel, t_total, wrong = [], [], []
        for i in picks[1:]:
            cell = sh.getCellRangeByName("I%d" % (i + 1))
            t0 = time.perf_counter()
            ctrl.select(cell)
            t1 = time.perf_counter()
            p.idle(1)  # one pass of the event loop, as the user's own UI does
            shown = p.text("f_id")
            t2 = time.perf_counter()
            t_sel.append(t1 - t0)
            t_total.append(t2 - t0)
            if shown != client_id(i):
                wrong.append((client_id(i), shown))
        # the same moves between cells without a profiled client (rows past the list)
        t_empty = []
        for r in range(CURSOR_MOVES):
            t0 = time.perf_counter()
            ctrl.select(sh.getCellRangeByName("I%d" % (CLIENTS + 10 + r)))
            p.idle(1)
            p.text("f_id")
            t_empty.append(time.perf_counter() - t0)
        return {"select": t_sel, "total": t_total, "wrong": wrong, "empty": t_empty,
                "dossier_ok": dossier_ok, "damaged": len(damaged), "items": len(items)}
    finally:
        e2e.close(doc)


# ---- 3. the panel's states with 200 profiles (issue 9) ----

STATE_CLIENTS = 200


def timed_moves(ctrl, p, cells, done):
    """Selects each cell in turn; the time of each move until done(p) holds
    (the panel shows what it should), and the moves after which it did not."""
    times, wrong = [], []
    for cell in cells:
        t0 = time.perf_counter()
        ctrl.select(cell)
        p.idle(1)
        ok = done(p)
        times.append(time.perf_counter() - t0)
        if not ok:
            wrong.append(p.status())
    return times, wrong


def bench_states(off, log):
    """A workbook with 200 profiles: the cursor to a profiled client, to a
    client without a profile (the "No profile" state) and to a toolkit
    formula's Err:502 (the deck says why), 20 moves each."""
    profiles = {client_id(i): make_profile(i) for i in range(1, STATE_CLIENTS + 1)}
    doc = e2e.open_visible(off)  # the sidebar needs a frame of its own
    try:
        sh = doc.Sheets.getByIndex(0)
        n = STATE_CLIENTS + CURSOR_MOVES
        sh.getCellRangeByName("A1:B1").setDataArray((("Client", "Name"),))
        sh.getCellRangeByName("A2:B%d" % (n + 1)).setDataArray(
            tuple((client_id(i), "Client %d" % i) for i in range(1, n + 1)))
        for cid, xml in profiles.items():
            set_user_property(doc, PREFIX + cid, xml)
        # K0201..K0220 have no profile; their DOSSIER() cells give Err:502
        first = STATE_CLIENTS + 2
        sh.getCellRangeByName("C%d" % first).setFormula('=DOSSIER(A%d;"manager")' % first)
        sh.getCellRangeByName("C%d:C%d" % (first, n + 1)).fillAuto(
            e2e.uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM"), 1)
        doc.calculateAll()
        ctrl = doc.getCurrentController()
        p = Panel(doc)
        rnd = random.Random(13)
        picks = rnd.sample(range(1, STATE_CLIENTS + 1), CURSOR_MOVES + 1)
        ctrl.select(sh.getCellRangeByName("A%d" % (picks[0] + 1)))
        p.idle()
        cells = [sh.getCellRangeByName("A%d" % (i + 1)) for i in picks[1:]]
        want = iter([client_id(i) for i in picks[1:]])
        profiled = timed_moves(ctrl, p, cells, lambda q: q.text("f_id") == next(want))
        missing_rows = range(STATE_CLIENTS + 1, n + 1)
        want_missing = iter(missing_rows)
        missing = timed_moves(
            ctrl, p, [sh.getCellRangeByName("A%d" % (i + 1)) for i in missing_rows],
            lambda q: q.status().startswith("No profile for %s" % client_id(next(want_missing))))
        want_why = iter(missing_rows)
        why = timed_moves(
            ctrl, p, [sh.getCellRangeByName("C%d" % (i + 1)) for i in missing_rows],
            lambda q: q.status().endswith("no profile for client '%s'" % client_id(next(want_why))))
        items = len(p.items())  # read at the first cursor move
    finally:
        e2e.close(doc)
    log("  %d profiles (%d listed): cursor to a profiled client median %s max %s; to a client "
        "without a profile median %s max %s; to an Err:502 cell median %s max %s; wrong: %s; "
        "load average %.1f (the machine's other work shows in the maxima)"
        % (STATE_CLIENTS, items, fmt_s(statistics.median(profiled[0])), fmt_s(max(profiled[0])),
           fmt_s(statistics.median(missing[0])), fmt_s(max(missing[0])),
           fmt_s(statistics.median(why[0])), fmt_s(max(why[0])),
           (profiled[1] + missing[1] + why[1])[:3] or "none", os.getloadavg()[0]))
    return {"profiled": profiled, "missing": missing, "why": why, "items": items}


# ---- the section ----

def bench():
    """Runs both measurements and adds their rows to the benchmark's table."""
    profiles = {client_id(i): make_profile(i) for i in range(1, CLIENTS + 1)}
    sizes = [len(x.encode("utf-8")) for x in profiles.values()]
    bad = check_schema(profiles)
    log("Dossier: %d profiles of %d-%d bytes (%.1f MB in all); against src/ka_dossier.rng: %s"
        % (len(sizes), min(sizes), max(sizes), sum(sizes) / 1e6,
           "xmllint not found" if bad is None else "%d invalid" % bad))
    off = Office(PROFILE)
    try:
        off.start()
        toolkit = off.service("com.sun.star.awt.Toolkit")
        paths = build_workbooks(off, profiles)
        warm = e2e.open_visible(off, paths[("plain", ".ods")])  # first load: Calc, filters
        e2e.close(warm)
        res = bench_open_save(off, toolkit, paths, profiles, log)
        cur = bench_cursor(off, toolkit, paths[("dossiers", ".ods")], profiles, log)
        states = bench_states(off, log)
        # the Key accounts panel remembered as the open deck: it is built,
        # and lists the 100 profiles, while the workbook opens
        remember_deck(off, toolkit, paths[("plain", ".ods")], "KeyAccountDeck")
        panel_open = time_loads(off, toolkit, paths, ".ods")
        remember_deck(off, toolkit, paths[("plain", ".ods")], "PropertyDeck")
    finally:
        off.stop()
    log("  best of %d, seconds:   load plain  load dossiers  save plain  save dossiers  "
        "file plain  file dossiers" % RUNS)
    for ext in (".ods", ".xlsx"):
        lp, sp, _, fp = res[("plain", ext)]
        ld, sd, _, fd = res[("dossiers", ext)]
        log("  %-22s %-11s %-14s %-11s %-14s %-11s %s"
            % (ext, fmt_s(lp), fmt_s(ld), fmt_s(sp), fmt_s(sd), "%.0f KB" % (fp / 1024),
               "%.0f KB" % (fd / 1024)))
    log("  .ods with the Key accounts panel open on load: load plain %s, load dossiers %s"
        % (fmt_s(panel_open[0]), fmt_s(panel_open[1])))
    med, mx = statistics.median(cur["total"]), max(cur["total"])
    log("  cursor to panel, %d moves: median %s, max %s (select() alone: median %s); "
        "f_id wrong after %d moves%s; moves to rows without a client: median %s"
        % (len(cur["total"]), fmt_s(med), fmt_s(mx), fmt_s(statistics.median(cur["select"])),
           len(cur["wrong"]), (" e.g. %s" % cur["wrong"][:3]) if cur["wrong"] else "",
           fmt_s(statistics.median(cur["empty"]))))
    valid = (bad in (0, None)) and cur["dossier_ok"] and cur["damaged"] == 0
    for ext in (".ods", ".xlsx"):
        for what, k in (("open", 0), ("save", 1)):
            base, with_ = res[("plain", ext)][k], res[("dossiers", ext)][k]
            added = with_ - base
            row("dossier: %s %s, 100 profiles x 50 KB" % (what, ext), with_, base,
                "+%.2f s" % added, "<= +2 s", yes(added <= 2))
    added = panel_open[1] - panel_open[0]
    row("dossier: open .ods, Key accounts panel open", panel_open[1], panel_open[0],
        "+%.2f s" % added, "<= +2 s", yes(added <= 2))
    ok = mx < 0.1 and not cur["wrong"]
    row("dossier: cursor to panel, median of %d" % len(cur["total"]), med, None, "-",
        "< 100 ms", yes(med < 0.1 and not cur["wrong"]))
    row("dossier: cursor to panel, max", mx, None, "-", "< 100 ms", yes(ok))
    for key, what in (("profiled", "cursor to a profile"), ("missing", "cursor to no profile"),
                      ("why", "cursor to Err:502, why")):
        times, wrong = states[key]
        med, mx = statistics.median(times), max(times)
        right = not wrong and states["items"] == STATE_CLIENTS
        row("dossier: %s, %d profiles, median of %d" % (what, STATE_CLIENTS, len(times)), med,
            None, "-", "< 100 ms", yes(med < 0.1 and right))
        row("dossier: %s, %d profiles, max" % (what, STATE_CLIENTS), mx, None, "-", "< 100 ms",
            yes(mx < 0.1 and right))
    if not valid:
        row("  dossier: profiles valid (schema, DOSSIER, panel)", None, None, "-", "all valid", "NO")


if __name__ == "__main__":
    bench()
    print()
    print(benchlib.table_text())
