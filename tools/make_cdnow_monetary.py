"""Writes tests/data/cdnow_customers_monetary.csv from tests/data/CDNOW_sample.txt:
per client number, the frequency (distinct purchase days - 1) and the Monetary
value of the Gamma-Gamma spend model as lifetimes' summary_data_from_transaction_data
computes it: amounts summed per day, then the mean of the day totals after the
first purchase day (0 for a client without a repeat purchase), as of
1997-09-30 (later order lines are ignored).

Usage (from the repository root): python3 tools/make_cdnow_monetary.py"""

import collections
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tests", "data", "CDNOW_sample.txt")
OUT = os.path.join(ROOT, "tests", "data", "cdnow_customers_monetary.csv")
AS_OF = "19970930"


def main():
    days = collections.defaultdict(lambda: collections.defaultdict(float))
    with open(SRC) as f:
        for line in f:
            _, number, date, _, amount = line.split()
            if date <= AS_OF:
                days[int(number)][date] += float(amount)
    with open(OUT, "w") as out:
        out.write("ID,frequency,monetary_value\n")
        for number in sorted(days):
            totals = [days[number][d] for d in sorted(days[number])][1:]
            monetary = sum(totals) / len(totals) if totals else 0.0
            out.write("%d,%d,%.10g\n" % (number, len(totals), monetary))


if __name__ == "__main__":
    main()
