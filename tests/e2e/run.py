"""Runs every end-to-end test module (tests/e2e/test_*.py) against one shared
headless office, and stops it whatever happens: a run leaves no soffice
behind.  Usage: /usr/bin/python3 tests/e2e/run.py [pattern]"""
import os
import signal
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import office  # noqa: E402


def main():
    pattern = sys.argv[1] if len(sys.argv) > 1 else "test_*.py"
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    try:
        suite = unittest.defaultTestLoader.discover(HERE, pattern=pattern, top_level_dir=HERE)
        result = unittest.TextTestRunner(verbosity=2).run(suite)
    finally:
        office.stop_shared_office()
        office.stop_all()
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
