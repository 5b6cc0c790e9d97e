"""Every example in the function table ("=F(...) returns X", shown in the
Function Wizard and the reference) is typed into Calc and must give X."""
import json
import os
import re
import unittest

import office
from office import Sheet

FUNCTIONS = json.load(open(os.path.join(office.BUILD, "functions.json")))
EXAMPLE = re.compile(r'(=[^;]*?[A-Z]+\(.*?\)) returns ("[^"]*"|-?[0-9]+(?:\.[0-9]+)?)')


def examples():
    for fn in FUNCTIONS:
        for formula, result in EXAMPLE.findall(fn["example"]):
            yield fn["name"], formula, result


class Examples(unittest.TestCase):
    def test_examples_evaluate(self):
        found = list(examples())
        self.assertGreaterEqual(len(found), 10)
        s = Sheet()
        try:
            for name, formula, result in found:
                got = s.formula("A1", formula)
                if result.startswith('"'):
                    self.assertEqual(got, result.strip('"'), formula)
                else:
                    decimals = len(result.split(".")[1]) if "." in result else 0
                    self.assertAlmostEqual(got, float(result), delta=0.6 * 10 ** -decimals,
                                           msg=formula)
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
