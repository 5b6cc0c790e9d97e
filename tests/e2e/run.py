"""Runs every end-to-end test module (tests/e2e/test_*.py) against one shared
headless office, and stops it whatever happens: a run leaves no soffice
behind.  Usage: /usr/bin/python3 tests/e2e/run.py [pattern | module.Class[.test]]...
(a file pattern such as test_churn.py, or dotted test names).

Ends with one summary line naming the office the tests ran against, as the
office itself reports it, e.g. "e2e LibreOffice 7.4.7.2: 29 passed"; it is
also written to the file KA_E2E_SUMMARY names, if set (`make check` prints
the lines of both offices at the end)."""
import faulthandler
import os
import signal
import sys
import threading
import time
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


# A test (or a class's set-up) that runs longer than this is taken to hang:
# the watchdog prints every thread's stack and kills the offices this run
# started, so that the blocked call fails, the test errors and the run goes on
# (the next test starts a fresh shared office) instead of blocking `make check`
# until CI's own limit.  KA_E2E_TEST_LIMIT overrides it (seconds).
TEST_LIMIT = float(os.environ.get("KA_E2E_TEST_LIMIT", "420"))
SLOW = 60  # a test that takes longer is named at the end, with its time


class Watchdog:
    """Watches the time since the run's last step (a test started or
    ended); see TEST_LIMIT."""

    def __init__(self, limit):
        self.limit = limit
        self.step = time.monotonic()
        self.what = "(before the first test)"
        self.fired = []
        self.lock = threading.Lock()
        self.done = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def mark(self, what):
        with self.lock:
            self.step = time.monotonic()
            self.what = what

    def _watch(self):
        while not self.done.wait(5):
            with self.lock:
                late = time.monotonic() - self.step
                what = self.what
            if late < self.limit:
                continue
            print("\nwatchdog: %s has run %.0f s (limit %g s): it hangs; the stacks, then"
                  " the offices are killed" % (what, late, self.limit), file=sys.stderr, flush=True)
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            self.fired.append(what)
            for o in list(office._started):
                o._kill()
            office._office = None
            self.mark(what + " (after the watchdog)")


class Result(unittest.TextTestResult):
    watchdog = None
    times = []

    def startTest(self, test):
        self.watchdog.mark(test.id())
        self._t0 = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        took = time.monotonic() - self._t0
        if took > SLOW:
            self.times.append((took, test.id()))
        self.watchdog.mark("the set-up after " + test.id())


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
        Result.watchdog = Watchdog(TEST_LIMIT)
        result = unittest.TextTestRunner(verbosity=2, resultclass=Result).run(suite)
        Result.watchdog.done.set()
        for took, name in sorted(Result.times, reverse=True):
            print("slow: %s %.0f s" % (name, took), flush=True)
        for what in Result.watchdog.fired:
            print("watchdog: killed the offices during %s" % what, flush=True)
    finally:
        office.stop_shared_office()
        office.stop_all()
    line = summary(result)
    print(line, flush=True)
    if out:
        with open(out, "w") as f:
            f.write(line + "\n")
    sys.exit(0 if result.wasSuccessful() and not Result.watchdog.fired else 1)


if __name__ == "__main__":
    main()
