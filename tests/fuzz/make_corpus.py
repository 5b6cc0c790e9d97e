#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer harnesses (tests/fuzz/corpus/<harness>/) and the
dictionary of the dossier harness (tests/fuzz/fuzz_dossier.dict).

Run from the repository root: python3 tests/fuzz/make_corpus.py.  The numeric
seeds are encoded the way tests/fuzz/ka_fuzz.h and each harness decode their
bytes, so that each seed starts the fuzzer at a case that matters: real data,
the edges that once broke the contract, and invalid arguments.  The dossier
seeds are the complete example of docs/dossier-format.md, small documents
that use each construct of the format and two setter scripts; the dictionary is taken from the schema
(src/ka_dossier.rng: element and attribute names, enumerated values), so the
fuzzer writes tags the parser knows.
"""
import os
import re
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

# ka_fuzz_double's special values, by index (selector byte % 15, below 48).
SPECIALS = ["nan", "inf", "-inf", "0", "-0", "denorm", "dbl_min", "dbl_max", "1e308", "-1e308",
            "1e270", "-1e270", "2^53", "1e-300", "1e9"]


def dbl(v):
    """Bytes that ka_fuzz_double decodes to v (a float or a SPECIALS name)."""
    if isinstance(v, str):
        return bytes([SPECIALS.index(v)])
    if v == int(v) and -16 <= v <= 239:
        return bytes([48, int(v) + 16])
    if v * 16 == int(v * 16) and 1 <= v * 16 <= 256:
        return bytes([144, int(v * 16) - 1])
    return bytes([192]) + struct.pack(">d", v)


def write(harness, name, data):
    d = os.path.join(ROOT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- fuzz_segment: limits a, b, x, y; flags; [4 dependency limits]; seed; values ----
def segment(values, limits=(0.8, 0.95, 0.1, 0.25), flags=0, dep=None, seed=7):
    out = b"".join(dbl(v) for v in limits) + bytes([flags | (16 if dep else 0)])
    if dep:
        out += b"".join(dbl(v) for v in dep)
    return out + bytes([seed]) + b"".join(dbl(v) for v in values)


def make_segment():
    write("fuzz_segment", "pareto", segment([40, 20, 20, 10, 10]))
    write("fuzz_segment", "abc-inclusive", segment([85, 10, 5], flags=1))
    write("fuzz_segment", "xyz-months", segment([90, 110, 90, 110, 100, 95, 105, 100, 98, 102, 99, 101]))
    write("fuzz_segment", "xyz-sample", segment([100, 100, 100, 100], flags=4))
    # this order and shuffle once gave another XYZCOEF in the last bit
    write("fuzz_segment", "xyz-extremes", segment(["1e308", 10, 10, 2, 2, 0.25, "-1e308"], seed=235))
    write("fuzz_segment", "huge", segment(["dbl_max", "dbl_max", "1e308", 1]))
    write("fuzz_segment", "tiny", segment(["denorm", "dbl_min", "1e-300", "denorm"]))
    write("fuzz_segment", "zeros", segment(["0", "-0", "0", -5, "-0"]))
    write("fuzz_segment", "nan", segment([1, "nan", 2]))
    write("fuzz_segment", "inf", segment([1, 2, "inf"]))
    write("fuzz_segment", "dependency", segment([45, 30, 25], dep=[0.1, 0.2, 0.4, 0.5]))
    write("fuzz_segment", "bad-limits", segment([3, 2, 1], limits=(0.95, 0.8, "nan", 0.1),
                                                 dep=[0.5, 0.4, "inf", 0.1]))


# ---- fuzz_summary: flags; [AsOf]; [Unit]; [From, To]; seed; clients; (key, date[, amount]) lines ----
def num_key(i):
    return bytes([96 + i])          # the number i (0..7)


def text_key(i):
    return bytes([i])               # TEXTS[i]: "", "a", "b", "A", "ab", "1", "0", "e-acute"


def day(offset, frac=0):
    return bytes([offset, frac])    # 35000 + offset + frac / 256


def amount(v):
    """Bytes that decode_amount decodes to v (a quarter in -16..39.75, or any ka_fuzz_double)."""
    if not isinstance(v, str) and v * 4 == int(v * 4) and -16 <= v < 40:
        return bytes([int(v * 4) + 64])
    return bytes([224]) + dbl(v)


def summary(clients, lines, as_of=None, unit=None, seed=3, window=None):
    """lines: (key, date) or, with a window (From, To as day offsets), (key, date, amount)."""
    flags = 8 if window else 0
    out = b""
    if as_of is None:
        flags |= 1
    else:
        flags |= 2 if isinstance(as_of, int) else 0
        out += day(as_of) if isinstance(as_of, int) else dbl(as_of)
    if isinstance(unit, int):
        flags |= 4 | ((unit - 1) << 4)
    else:
        out += dbl(unit)
    if window:
        out += day(window[0]) + day(window[1])
    return bytes([flags]) + out + bytes([seed, len(clients)]) + b"".join(clients) + \
        b"".join(b"".join(parts) for parts in lines)


def make_summary():
    log = [(num_key(1), day(0, 10)), (num_key(1), day(0, 200)), (num_key(1), day(5)),
           (num_key(2), day(3)), (text_key(1), day(7)), (text_key(1), day(30)),
           (num_key(3), day(39))]
    clients = [num_key(1), num_key(2), text_key(1), num_key(4), num_key(1)]
    write("fuzz_summary", "days", summary(clients, log, unit=1))
    write("fuzz_summary", "weeks-asof", summary(clients, log, as_of=20, unit=7))
    write("fuzz_summary", "latest", summary(clients, log, unit=7))
    write("fuzz_summary", "text-keys", summary([text_key(i) for i in range(8)],
                                               [(text_key(i % 8), day(i)) for i in range(16)], unit=1))
    write("fuzz_summary", "unit-denormal", summary(clients, log, unit="denorm"))
    write("fuzz_summary", "unit-dbl-min", summary(clients, log, unit="dbl_min"))
    write("fuzz_summary", "asof-1e308", summary(clients, log, as_of="1e308", unit=1))
    write("fuzz_summary", "asof-dbl-max", summary(clients, log, as_of="dbl_max", unit=0.5))
    write("fuzz_summary", "asof-nan-empty", summary(clients, [], unit=1))
    write("fuzz_summary", "date-limits", summary(clients, [(num_key(1), bytes([204])),
                                                           (num_key(1), bytes([205])),
                                                           (num_key(2), bytes([206]))], unit=1))
    write("fuzz_summary", "date-inf", summary(clients, [(num_key(1), bytes([203]) + dbl("inf"))], unit=1))
    write("fuzz_summary", "nan-key", summary([bytes([224]) + dbl("nan")], log, unit=1))
    write("fuzz_summary", "zero-keys", summary([bytes([224]) + dbl("-0"), num_key(0)],
                                               [(num_key(0), day(1)), (bytes([224]) + dbl("-0"), day(2))],
                                               unit=1))
    spend = [(k, d, amount(a)) for (k, d), a in zip(log, [10, 5, -4, 0, 7.25, 3, 39.75])]
    write("fuzz_summary", "amounts", summary(clients, spend, unit=7, window=(2, 30)))
    write("fuzz_summary", "amounts-same-day", summary(clients, [(num_key(1), day(4, i * 30), amount(i - 3))
                                                                for i in range(8)], unit=1, window=(3, 4)))
    write("fuzz_summary", "amounts-specials", summary(clients, [(num_key(1), day(0), amount("nan")),
                                                                (num_key(1), day(1), amount("1e308")),
                                                                (num_key(2), day(2), amount("-0"))],
                                                      unit=1, window=(0, 39)))
    write("fuzz_summary", "window-reversed", summary(clients, spend, as_of=20, unit=1, window=(30, 2)))


# ---- fuzz_bgnbd: model; r, alpha, a, b; horizon; seed; clients (x, T, frac[, t_x]) ----
def param(v):
    if not isinstance(v, str) and v * 32 == int(v * 32) and 1 <= v * 32 <= 160:
        return bytes([int(v * 32) - 1])
    return bytes([160]) + dbl(v)


def client(x, T, frac=128):
    """x: a small count or a SPECIALS/raw value; T: 0..63 in 1/64 steps, or another value."""
    xb = bytes([x]) if isinstance(x, int) and x < 24 else bytes([200]) + dbl(x)
    if isinstance(T, str) or T >= 64 or T * 64 != int(T * 64):
        tb = bytes([128]) + dbl(T)
    else:
        tb = bytes([int(T)]) + bytes([int((T - int(T)) * 64)])
    return xb + tb + bytes([frac])


def bgnbd(params, horizon, clients, model=0, seed=5):
    return bytes([model]) + b"".join(param(v) for v in params) + param(horizon) + \
        bytes([seed]) + b"".join(clients)


CDNOW = (0.25, 4.5, 0.75, 2.5)


def make_bgnbd():
    typical = [client(2, 38.75, 200), client(0, 38.5), client(5, 30, 250), client(1, 12, 30),
               client(0, 20), client(3, 36, 100)]
    write("fuzz_bgnbd", "typical", bgnbd(CDNOW, 1.25, typical))
    write("fuzz_bgnbd", "typical-mbg", bgnbd(CDNOW, 1.25, typical, model=1))
    write("fuzz_bgnbd", "nobody-repeats", bgnbd(CDNOW, 2, [client(0, 10), client(0, 20)]))
    write("fuzz_bgnbd", "one-client", bgnbd(CDNOW, 2, [client(4, 30, 90)]))
    write("fuzz_bgnbd", "mbg-1e308", bgnbd(("1e308",) * 4, "1e308",
                                           [client("1e308", "1e308", 255)], model=1))
    write("fuzz_bgnbd", "huge-r-b", bgnbd(("dbl_max", 1, 1, "dbl_max"), 1, typical))
    write("fuzz_bgnbd", "age-denormal", bgnbd(CDNOW, 1, [client(1, "denorm", 255), client(0, "denorm")]))
    write("fuzz_bgnbd", "x-1e270", bgnbd(CDNOW, 1, [client(3, 3285, 36), client(0, 4),
                                                    client(8e268, 10, 0), client(0, 600)]))
    write("fuzz_bgnbd", "long-horizon", bgnbd(CDNOW, "1e308", typical))
    write("fuzz_bgnbd", "horizon-1e270", bgnbd((0.5, 0.125, 0.5, 0.5), "1e270", typical, model=1))
    write("fuzz_bgnbd", "a-near-1", bgnbd((0.25, 4.5, 1.0, 0.125), 3, typical))
    write("fuzz_bgnbd", "invalid", bgnbd(CDNOW, "nan", [client(1, 15, 0) + dbl(99.0)], model=7))
    # Pareto/NBD (model 2: r, alpha, s, beta): typical, x = T = 10,000 either side of alpha = beta,
    # alpha and beta too far apart for the series, every value 1e308
    write("fuzz_bgnbd", "typical-pnbd", bgnbd((0.5, 4.5, 0.625, 5.0), 1.25, typical, model=2))
    large = [client(10000.0, 10000.0, 128), client(10000.0, 10000.0, 255), client(10000.0, 10000.0, 0)]
    write("fuzz_bgnbd", "pnbd-large-x", bgnbd((0.5, 4.5, 0.625, 5.0), 39, large, model=2))
    write("fuzz_bgnbd", "pnbd-alpha-beta", bgnbd((0.5, 5.0, 0.625, 4.5), 39, large, model=2))
    write("fuzz_bgnbd", "pnbd-apart", bgnbd((0.5, 1.0, 0.625, 1e-5), 1, typical, model=2))
    write("fuzz_bgnbd", "pnbd-1e308", bgnbd(("1e308",) * 4, "1e308",
                                            [client("1e308", "1e308", 255)], model=2))
    # one age of 1e308 among small ones: the fit wandered for seconds through long series (a timeout)
    write("fuzz_bgnbd", "pnbd-age-1e308", bgnbd((0.03125, 0.25, 4.5, 0.75), 4.5,
                                                [client(7, "1e308", 5), client(2, 38.75, 200),
                                                 client(0, 38.5), client(5, 30, 128),
                                                 client(3, 3.90625, 1), client(12, 0.46875, 0)],
                                                model=2))


# ---- fuzz_spend: p, q, v; seed; clients (x, m) ----
def spender(x, m):
    """x: a count below 12 or another value; m: k / 4 + 0.5 for k < 160, or another value."""
    xb = bytes([x]) if isinstance(x, int) and x < 12 else bytes([200]) + dbl(x)
    k = None if isinstance(m, str) else (m - 0.5) * 4
    mb = bytes([int(k)]) if k is not None and k == int(k) and 0 <= k < 160 else bytes([160]) + dbl(m)
    return xb + mb


def spend(params, clients, seed=5):
    return b"".join(param(v) for v in params) + bytes([seed]) + b"".join(clients)


CDNOW_GG = (6.25, 3.75, 15.5)


def make_spend():
    typical = [spender(2, 22.25), spender(1, 11.75), spender(0, 0.5), spender(5, 30.5),
               spender(3, 14.5), spender(7, 40)]
    write("fuzz_spend", "typical", spend(CDNOW_GG, typical))
    write("fuzz_spend", "nobody-repeats", spend(CDNOW_GG, [spender(0, 0.5), spender(0, "nan")]))
    write("fuzz_spend", "one-client", spend(CDNOW_GG, [spender(4, 25)]))
    write("fuzz_spend", "all-alike", spend(CDNOW_GG, [spender(2, 10)] * 4))
    write("fuzz_spend", "q-near-1", spend((2, 1.03125, "1e308"), typical))
    write("fuzz_spend", "huge", spend(("dbl_max", 2, "dbl_max"),
                                      [spender("1e308", "1e308"), spender(3, "denorm"),
                                       spender(1e15, "1e-300"), spender(1, 5)]))
    write("fuzz_spend", "invalid", spend((1, 0.5, "nan"), [spender(2, "-0"), spender(-1.0, 5)]))


# ---- fuzz_dossier: documents ----
HEAD = '<dossier xmlns="urn:keyaccount:dossier:1" version="1">'
IDENTITY = "<identity><id>1</id><name>A</name></identity>"


def make_dossier():
    doc = os.path.join(os.path.dirname(ROOT), "..", "..", "docs", "dossier-format.md")
    with open(doc, encoding="utf-8") as f:
        example = re.search(r"```xml\n(.*?)```", f.read(), re.S).group(1)
    write("fuzz_dossier", "docs-example.xml", example.encode())
    docs = {
        "minimal.xml": HEAD + IDENTITY + "</dossier>",
        "prefix.xml": '<k:dossier xmlns:k="urn:keyaccount:dossier:1" version="1"><k:identity>'
                      "<k:id>7</k:id><k:name>B</k:name></k:identity></k:dossier>",
        "bom.xml": "\ufeff" + '<?xml version="1.0" encoding="UTF-8"?>' + HEAD + IDENTITY + "</dossier>",
        "classification.xml": HEAD + IDENTITY + "<classification><type>breadwinner</type>"
                              "<type>image-maker</type><stage>partnership</stage><need>yes</need>"
                              "<next-review>2025-03-01</next-review></classification></dossier>",
        "type-newline.xml": HEAD + IDENTITY + "<classification><type>breadwinner\n</type>"
                            "<type> image-maker </type></classification></dossier>",
        "people.xml": HEAD + IDENTITY + "<people><person><name>X</name><openness>4</openness>"
                      "<birthday>1972-12-03</birthday></person><person><name>Y</name></person>"
                      "</people></dossier>",
        "history.xml": HEAD + IDENTITY + '<history><entry><date>2023-04-12</date><kind>tender</kind>'
                       '<outcome>won</outcome><amount currency="EUR">-125000.5</amount></entry>'
                       "<entry><date>2024-02-10</date><kind>satisfaction</kind><score>8</score>"
                       "</entry></history></dossier>",
        "competitors-plan.xml": HEAD + IDENTITY + "<competitors><competitor><name>C</name>"
                                "<offer>o</offer></competitor></competitors><plan><goals>g</goals>"
                                "</plan></dossier>",
        "text-escapes.xml": HEAD + "<identity><id> 1 </id><name>&#13;A&amp;&lt;<![CDATA[]]>"
                            "<!-- c --><?pi x?>\t</name><address>l1\nl2</address></identity></dossier>",
        "empty-fields.xml": HEAD + "<identity><id>1</id><name>A</name><industry/><employees></employees>"
                            "</identity><people/></dossier>",
        "dtd.xml": '<!DOCTYPE d [<!ENTITY e "x">]>' + HEAD + IDENTITY + "</dossier>",
        "wrong-version.xml": '<dossier xmlns="urn:keyaccount:dossier:1" version="2">' + IDENTITY + "</dossier>",
        "deep.xml": HEAD + "<identity><id>1</id><name>" + "<a>" * 20 + "</a>" * 20 + "</name></identity></dossier>",
    }
    for name, text in docs.items():
        write("fuzz_dossier", name, text.encode())
    # a leading NUL makes the harness build a dossier from setter calls instead
    write("fuzz_dossier", "api-minimal", b"\0")
    write("fuzz_dossier", "api-script", b"\0" + bytes((i * 37 + 11) % 256 for i in range(240)))


def make_dossier_dict():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "src", "ka_dossier.rng"), encoding="utf-8") as f:
        rng = f.read()
    tokens = ['xmlns="urn:keyaccount:dossier:1"', 'version="1"', 'currency="EUR"', "<?xml ",
              'encoding="UTF-8"?>', "<!--", "-->", "<![CDATA[", "]]>", "&#13;", "&amp;", "&lt;",
              "<!DOCTYPE", "2024-02-10", "-125000.5", "\n"]
    for name in sorted(set(re.findall(r'<element name="([^"]+)"', rng))):
        tokens += ["<%s>" % name, "</%s>" % name]
    tokens += sorted(set(re.findall(r"<value>([^<]+)</value>", rng)))
    with open(os.path.join(here, "fuzz_dossier.dict"), "w", encoding="ascii") as f:
        f.write("# libFuzzer dictionary of fuzz_dossier, written by make_corpus.py from "
                "src/ka_dossier.rng\n")
        for t in tokens:
            esc = "".join("\\x%02X" % ord(c) if ord(c) < 32 else "\\" + c if c in '"\\' else c
                          for c in t)
            f.write('"%s"\n' % esc)



# ---- fuzz_periods: function; then per function its flags, arguments and rows ----
def serial_day(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


def period_line(key, date_sel, frac=0, amount_q=None):
    """A log line: key number (0..5), the date 35000 + 3 * date_sel + frac / 256, an amount
    (a quarter in -15..44.75, or a ka_fuzz_double after 240)."""
    a = bytes([60 + int(amount_q * 4)]) if not isinstance(amount_q, str) and amount_q is not None \
        else bytes([240]) + dbl(amount_q) if amount_q is not None else bytes([60])
    return bytes([key, date_sel, frac]) + a


def periods(lines, start, count, unit=0, days=None, amounts=True, clients=(1, 2, 3), seed=9):
    """unit: 0 month, 1 week, 2 quarter, 3 year, 4 days; start a serial day (as a double);
    days a number of days (1..40 as a byte, else a ka_fuzz_double)."""
    flags = (1 if amounts else 0) | unit << 1 | 32
    out = b""
    if days is None or (not isinstance(days, str) and days == int(days) and 1 <= days <= 40):
        out += bytes([int(days or 1) - 1])
    else:
        flags |= 16
        out += dbl(days)
    out += dbl(start)
    return bytes([0, flags]) + out + bytes([count, seed, len(clients)]) + bytes(clients) + \
        b"".join(lines)


def make_periods():
    log = [period_line(1, 10, 0, 10), period_line(1, 10, 200, 20), period_line(1, 20, 0, 5),
           period_line(2, 11, 0, -2.5), period_line(3, 60, 0, 44.75), period_line(4, 30, 0, 1)]
    start = 35000 + 3 * 5
    write("fuzz_periods", "months", periods(log, start, 12))
    write("fuzz_periods", "counts", periods(log, start, 12, amounts=False))
    write("fuzz_periods", "month-ends", periods(log, serial_day(1996, 1, 31), 14))
    write("fuzz_periods", "weeks", periods(log, start, 30, unit=1))
    write("fuzz_periods", "quarters", periods(log, start, 4, unit=2))
    write("fuzz_periods", "years-29feb", periods(log, serial_day(1996, 2, 29), 3, unit=3))
    write("fuzz_periods", "days", periods(log, start, 40, unit=4, days=10))
    write("fuzz_periods", "days-fraction", periods(log, start, 4, unit=4, days=1.5))
    write("fuzz_periods", "days-zero", periods(log, start, 4, unit=4, days=0))
    write("fuzz_periods", "days-huge", periods(log, start, 4, unit=4, days="1e9"))
    write("fuzz_periods", "no-periods", periods(log, start, 0))
    write("fuzz_periods", "start-nan", periods(log, "nan", 3))
    write("fuzz_periods", "start-limit", periods(log, "1e9", 3))
    write("fuzz_periods", "amount-inf", periods(log + [period_line(1, 12, 0, "inf")], start, 3))
    write("fuzz_periods", "amount-huge", periods(log + [period_line(1, 12, 0, "1e270")], start, 3))


def migration_row(a, b, w=0):
    """Labels by index of "A", "B", "C", "AX", "a", "", e-acute, 7 = no class; a weight in eighths."""
    return bytes([a, b]) + (bytes([60 + int(w * 8)]) if not isinstance(w, str) else bytes([240]) + dbl(w))


def make_migration():
    rows = [migration_row(0, 0, 1), migration_row(0, 1, 2.5), migration_row(1, 7, 3),
            migration_row(7, 2, -1), migration_row(2, 0, 0.125), migration_row(7, 7, 0),
            migration_row(3, 6, 4), migration_row(5, 4, 1)]
    write("fuzz_periods", "migration-counts", bytes([1, 0, 4]) + b"".join(rows))
    write("fuzz_periods", "migration-weights", bytes([1, 1, 4]) + b"".join(rows))
    write("fuzz_periods", "migration-nan-weight", bytes([1, 1, 4]) + b"".join(rows) +
          migration_row(0, 1, "nan"))
    write("fuzz_periods", "migration-nan-weight-empty-row", bytes([1, 1, 4]) + b"".join(rows) +
          migration_row(7, 7, "nan"))
    write("fuzz_periods", "migration-huge", bytes([1, 1, 4]) + migration_row(0, 0, "1e308") +
          migration_row(0, 0, "-1e270"))


def rfm(bins, rows, seed=3):
    out = b""
    for row in rows:
        for k, v in enumerate(row):
            out += bytes([240]) + dbl(v) if isinstance(v, str) else bytes([v + (4 if k == 2 else 0)])
    return bytes([2, bins, seed]) + out


def make_rfm():
    pop = [(1, 5, 4), (3, 2, 1), (6, 1, 0), (0, 8, 4), (8, 1, -4), (3, 2, 1)]
    write("fuzz_periods", "rfm-bins5", rfm(5, pop))
    write("fuzz_periods", "rfm-bins2", rfm(2, pop))
    write("fuzz_periods", "rfm-bins9", rfm(9, pop))
    write("fuzz_periods", "rfm-ties", rfm(5, [(2, 2, 2)] * 7))
    write("fuzz_periods", "rfm-one", rfm(5, [(2, 2, 2)]))
    write("fuzz_periods", "rfm-bins1", rfm(1, pop))
    write("fuzz_periods", "rfm-bins10", rfm(10, pop))
    write("fuzz_periods", "rfm-nan", rfm(5, pop + [(1, "nan", 1)]))
    write("fuzz_periods", "rfm-negative", rfm(5, pop + [("-1e308", 1, 1)]))
    write("fuzz_periods", "rfm-huge-monetary", rfm(5, pop + [(1, 1, "1e308"), (1, 1, "-1e308")]))

make_segment()
make_summary()
make_bgnbd()
make_spend()
make_periods()
make_migration()
make_rfm()
make_dossier()
make_dossier_dict()
