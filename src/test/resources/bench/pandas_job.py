"""The same work as the pipeline's job on a generated record-level CSV, in pandas, as the
benchmark's outside reference: read the records, join them with the membership file, sum
immigrants and emigrants per country and year, write the sums to an .xlsx file."""
import sys

import pandas as pd

records, membership, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = pd.read_csv(records, dtype={"Office": "string", "ISO3": "string", "Year": "int32",
                                   "Arrivals": "int64", "Departures": "int64"})
members = pd.read_csv(membership)
members = members[members["party_type"] == "STATE"][["party", "status"]].drop_duplicates("party", keep="last")
sums = rows.groupby(["ISO3", "Year"], as_index=False)[["Arrivals", "Departures"]].sum()
sums["NetMigration"] = sums["Arrivals"] - sums["Departures"]
sums = sums.merge(members, how="left", left_on="ISO3", right_on="party").drop(columns=["party"])
sums["status"] = sums["status"].fillna("NON_MEMBER")
sums.to_excel(out, index=False, engine="openpyxl")
print(len(rows), len(sums))
