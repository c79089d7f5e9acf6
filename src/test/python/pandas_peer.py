"""The benchmark job's work in pandas and openpyxl, as a data team would write it.

Reads the generated record-level flows file (Office, ISO3, Year, Arrivals, Departures) and
the population file (ISO3, Year, Population); resolves each country code against the
pipeline's own country reference (src/main/resources/reference: ISO 3166 codes, the
territories and historical states it adds; aggregate codes are set aside); rejects and
counts the rows with an unknown code; sums the records per country and year; takes each
country's membership status on 31 December of each year from the membership file's
records and their dates (from included, to excluded; a year alone is 1 January, a month
its first day); and writes the country-year table (population, immigrants, emigrants,
net migration, population change to the next year), one period table (cumulative net
migration, years with data, population change first to last year, status at the period's
end), membership counts at each year end, the rejected rows and the unknown codes, as
sheets of one .xlsx workbook and as one CSV file each.

Usage: pandas_peer.py FLOWS POPULATION MEMBERSHIP REFERENCE_DIR OUT_DIR FIRST_YEAR LAST_YEAR

Run with Debian's python3-pandas and python3-openpyxl (/usr/bin/python3).
"""
import os
import sys

import pandas as pd

flows_path, population_path, membership_path, reference, out, first, last = sys.argv[1:8]
first, last = int(first), int(last)
os.makedirs(out, exist_ok=True)

# the reference: every country key with its name; aggregates apart
codes = pd.read_csv(os.path.join(reference, "country-codes.csv"), dtype=str, keep_default_na=False)
codes = codes[codes["ISO3166-1-Alpha-3"].str.strip() != ""]
name = codes["UNTERM English Short"].where(codes["UNTERM English Short"].str.strip() != "",
                                           codes["CLDR display name"])
name = name.where(name.str.strip() != "", codes["official_name_en"]).str.replace(r"\s*\(the\)$", "", regex=True)
countries = pd.DataFrame({"key": codes["ISO3166-1-Alpha-3"].str.strip(), "Country": name.str.strip()})
for extra in ("territories.csv", "historical.csv"):
    more = pd.read_csv(os.path.join(reference, extra), dtype=str, keep_default_na=False)
    countries = pd.concat([countries, pd.DataFrame({"key": more["key"], "Country": more["name"]})])
countries = countries.drop_duplicates("key").set_index("key")
aggregates = set(pd.read_csv(os.path.join(reference, "aggregates.csv"), dtype=str, keep_default_na=False)["code"])

# the records: unknown codes rejected and counted, aggregates set aside
rows = pd.read_csv(flows_path, dtype={"Office": "string", "ISO3": "string", "Year": "int32",
                                      "Arrivals": "int64", "Departures": "int64"}, engine="c")
rows["Row"] = rows.index + 2
known = rows["ISO3"].isin(countries.index)
aggregate = rows["ISO3"].isin(aggregates)
rejected = rows[~known & ~aggregate]
rows = rows[known]
rejects = pd.DataFrame({"Row": rejected["Row"], "Column": "ISO3", "Value as written": rejected["ISO3"],
                        "Reason": "unknown country '" + rejected["ISO3"] + "'"})
unmatched = rejected.groupby("ISO3", as_index=False).agg(Rows=("Row", "size"), **{"First row": ("Row", "min")})
unmatched = unmatched.rename(columns={"ISO3": "As written"})

sums = rows.groupby(["ISO3", "Year"], as_index=False)[["Arrivals", "Departures"]].sum()
sums = sums.rename(columns={"ISO3": "Country code", "Arrivals": "Immigrants", "Departures": "Emigrants"})
sums["Net migration"] = sums["Immigrants"] - sums["Emigrants"]

population = pd.read_csv(population_path, dtype={"ISO3": "string", "Year": "int32", "Population": "int64"})
population = population[population["ISO3"].isin(countries.index)]
population = population.rename(columns={"ISO3": "Country code"})
nxt = population.assign(Year=population["Year"] - 1).rename(columns={"Population": "Next"})
population = population.merge(nxt, on=["Country code", "Year"], how="left")
population["Population change"] = (population["Next"] - population["Population"]).astype("Int64")
table = sums.merge(population[["Country code", "Year", "Population", "Population change"]],
                   on=["Country code", "Year"], how="outer")

# membership: the status on 31 December of each year, from the records' dates
def day(text):
    text = str(text).strip()
    if text in ("", "nan"):
        return pd.NaT
    if len(text) == 4:
        return pd.Timestamp(int(text), 1, 1)
    if len(text) == 7:
        return pd.Timestamp(int(text[:4]), int(text[5:7]), 1)
    return pd.Timestamp(text)


members = pd.read_csv(membership_path, dtype=str, keep_default_na=False)
members["from_day"] = members["from"].map(day)
members["to_day"] = members["to"].map(day)
labels = {"MEMBER": "Member", "OBSERVER": "Observer"}
# every year of the table, the period's and the years with population after it
ends = pd.DataFrame({"Year": range(min(first, int(table["Year"].min())), int(table["Year"].max()) + 1)})
ends["end"] = pd.to_datetime(ends["Year"].astype(str) + "-12-31")
held = members.merge(ends, how="cross")
held = held[(held["from_day"] <= held["end"]) & (held["to_day"].isna() | (held["end"] < held["to_day"]))]
status = held[["party", "Year", "status", "party_type"]].rename(columns={"party": "Country code"})
for column in ("Immigrants", "Emigrants", "Net migration", "Population"):
    table[column] = table[column].astype("Int64")
table = table.merge(status[["Country code", "Year", "status"]], on=["Country code", "Year"], how="left")
table["Status at year end"] = table["status"].map(labels).fillna("Not a member")
table = table.join(countries, on="Country code")
table = table.sort_values(["Country code", "Year"])
country_year = table[["Country code", "Country", "Year", "Status at year end", "Population", "Immigrants",
                      "Emigrants", "Net migration", "Population change"]]

counts = held[held["party_type"] == "STATE"].groupby(["Year", "status"]).size().unstack(fill_value=0)
counts = counts.reindex(index=ends["Year"], columns=["MEMBER", "OBSERVER"], fill_value=0)
membership = pd.DataFrame({"Date": [f"{y}-12-31" for y in counts.index],
                           "Member states": counts["MEMBER"].values, "Observer states": counts["OBSERVER"].values})

# one period: sums over its years, population change first to last year, status at its end
span = country_year[(country_year["Year"] >= first) & (country_year["Year"] <= last)]
period = span.groupby(["Country code", "Country"], as_index=False).agg(
    **{"Cumulative net migration": ("Net migration", "sum"),
       "Net migration, calendar years with data": ("Net migration", "count")})
pop = population.set_index(["Country code", "Year"])["Population"]
period["Cumulative net migration"] = period["Cumulative net migration"].astype("Int64")
period["Population change"] = [
    (pop.get((c, last)) - pop.get((c, first))) if (c, last) in pop.index and (c, first) in pop.index else None
    for c in period["Country code"]]
period = period.merge(status[status["Year"] == last][["Country code", "status"]], on="Country code", how="left")
period["Status at period end"] = period["status"].map(labels).fillna("Not a member")
period.insert(0, "Period", f"{first}-{last}")
period = period[["Period", "Country code", "Country", "Status at period end", "Cumulative net migration",
                 "Net migration, calendar years with data", "Population change"]].sort_values("Country code")

tables = {"Country-year": ("country_year.csv", country_year), "Periods": ("periods.csv", period),
          "Membership": ("membership.csv", membership), "Rejects": ("rejects.csv", rejects),
          "Unmatched names": ("unmatched_names.csv", unmatched)}
for sheet, (csv, frame) in tables.items():
    frame.to_csv(os.path.join(out, csv), index=False)
with pd.ExcelWriter(os.path.join(out, "report.xlsx"), engine="openpyxl") as workbook:
    for sheet, (csv, frame) in tables.items():
        frame.to_excel(workbook, sheet_name=sheet, index=False)
print(len(rows) + len(rejected), len(rejected), len(country_year))
