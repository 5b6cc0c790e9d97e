"""Runs every end-to-end test module (tests/e2e/test_*.py) against one shared
headless office, and stops it whatever happens: a run leaves no soffice
behind.  Usage: /usr/bin/python3 tests/e2e/run.py [pattern | module.Class[.test]]...
(a file pattern such as test_churn.py, or dotted test names)."""
import os
import signal
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import office  # noqa: E402


def main():
    names = sys.argv[1:] or ["test_*.py"]
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
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
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
