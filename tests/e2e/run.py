"""Runs every end-to-end test module (tests/e2e/test_*.py) against one shared
headless office, and stops it whatever happens: a run leaves no soffice
behind.  Usage: /usr/bin/python3 tests/e2e/run.py [pattern | module.Class[.test]]...
(a file pattern such as test_churn.py, or dotted test names).

Ends with one summary line naming the office the tests ran against, as the
office itself reports it, e.g. "e2e LibreOffice 7.4.7.2: 29 passed"; it is
also written to the file KA_E2E_SUMMARY names, if set (`make check` prints
the lines of both offices at the end)."""
import os
import signal
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import office  # noqa: E402


def summary(result):
    """"e2e <office>: N passed[, N failed, N errors, N skipped]" for a run."""
    bad = [(len(result.failures), "failed"), (len(result.errors), "errors"),
           (len(result.skipped), "skipped"), (len(result.expectedFailures), "expected failures"),
           (len(result.unexpectedSuccesses), "unexpected successes")]
    passed = result.testsRun - sum(n for n, _ in bad)
    counts = ["%d passed" % passed] + ["%d %s" % (n, what) for n, what in bad if n]
    return "e2e %s: %s" % (", ".join(office.products()) or "(no office started)", ", ".join(counts))


def main():
    names = sys.argv[1:] or ["test_*.py"]
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    out = os.environ.get("KA_E2E_SUMMARY")
    if out and os.path.exists(out):
        os.remove(out)
    try:
        loader = unittest.defaultTestLoader
        suite = unittest.TestSuite()
        for name in names:
            if name.endswith(".py"):
                suite.addTests(loader.discover(HERE, pattern=name, top_level_dir=HERE))
            else:
                suite.addTests(loader.loadTestsFromName(name))
        result = unittest.TextTestRunner(verbosity=2).run(suite)
    finally:
        office.stop_shared_office()
        office.stop_all()
    line = summary(result)
    print(line, flush=True)
    if out:
        with open(out, "w") as f:
            f.write(line + "\n")
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
