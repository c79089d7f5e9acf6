package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * The year columns of a wide table's header: each column whose header names a year (or,
 * where the job file says which year a period counts in, a period), under the group
 * heading the job file names; and the columns left out because their year lies outside
 * the years accepted, each listed once as a rejection of the header row, as the long
 * layout rejects such a year in every row.
 *
 * @param columns the 0-based columns, in header order
 * @param years each column's year
 * @param periods each column's period: its year, or a month or quarter of it where the
 * dataset sums those to the year
 * @param leftOut a rejection per column whose header is a year outside the range
 */
record YearColumns(int[] columns, int[] years, Period[] periods, List<Rejection> leftOut) {

	YearColumns {
		leftOut = List.copyOf(leftOut);
	}

	/**
	 * @param dataset the wide dataset
	 * @param header the table's header
	 * @param file the file as shown to users
	 * @param sheet the sheet, empty for a text file
	 * @return the year columns
	 * @throws SourceFormatException if the header has no year column, has period columns
	 * the job file does not say how to read, or heads two columns with one year
	 */
	static YearColumns of(DatasetSpec dataset, Header header, String file, String sheet) {
		String place = file + (sheet.isEmpty() ? "" : ", sheet \"" + sheet + "\"");
		TableSpec table = dataset.table();
		String group = Header.clean(table.headerGroup());
		Map<String, List<String>> seen = new TreeMap<>();
		List<int[]> found = new ArrayList<>();
		List<Period> periods = new ArrayList<>();
		List<Rejection> leftOut = new ArrayList<>();
		String period = null;
		String partOfYear = null;
		for (int i = 0; i < header.size(); i++) {
			String name = header.names().get(i);
			OptionalInt year = YearHeader.parse(name);
			Period part = null;
			if (year.isEmpty()) {
				part = Period.parse(name).filter(Period::isPartOfYear).orElse(null);
				if (part != null && !table.sumToYear()) {
					partOfYear = (partOfYear != null) ? partOfYear : name;
					part = null;
				}
			}
			if (part != null) {
				if (group.isEmpty() || Header.clean(header.groups().get(i)).contains(group)) {
					found.add(new int[] { i, part.year() });
					periods.add(part);
					seen.computeIfAbsent(part.toString(), (y) -> new ArrayList<>()).add(header.display(i));
				}
				continue;
			}
			if (year.isEmpty()) {
				OptionalInt periodYear = YearHeader.periodYear(name, table.periodYear());
				if (periodYear.isEmpty() && period == null && YearHeader.isPeriod(name)) {
					period = name;
				}
				year = periodYear;
			}
			if (!group.isEmpty() && !Header.clean(header.groups().get(i)).contains(group)) {
				continue;
			}
			if (year.isPresent()) {
				found.add(new int[] { i, year.getAsInt() });
				periods.add(Period.ofYear(year.getAsInt()));
				seen.computeIfAbsent(String.valueOf(year.getAsInt()), (y) -> new ArrayList<>()).add(header.display(i));
				continue;
			}
			String outside = outsideRange(name, table.periodYear());
			if (outside != null) {
				leftOut.add(new Rejection(dataset.id(), file, sheet, header.row(), header.display(i), name, outside
						+ " is outside " + YearHeader.FIRST + "\u2013" + YearHeader.LAST + ": the column is left out"));
			}
		}
		if (found.isEmpty() && period != null) {
			throw new SourceFormatException(place + ": the header has period columns such as \"" + period
					+ "\": set period-year (start or end) in the job file to say which year a period's figure counts in");
		}
		if (found.isEmpty() && partOfYear != null) {
			throw new SourceFormatException(place + ": the header has columns of months or quarters such as \""
					+ partOfYear.strip() + "\": set sum-to-year: true in the job file to sum them to years");
		}
		if (found.isEmpty()) {
			throw new SourceFormatException(place + ": no year columns in the header"
					+ (group.isEmpty() ? "" : " under a group heading containing \"" + table.headerGroup() + "\"")
					+ " (a wide table needs headers such as 1995, '1995' or 1995 [YR1995]); found " + header.names());
		}
		for (Map.Entry<String, List<String>> entry : seen.entrySet()) {
			if (entry.getValue().size() > 1) {
				throw new SourceFormatException(place + ": " + ((entry.getKey().length() == 4) ? "year " : "period ")
						+ entry.getKey() + " heads " + entry.getValue().size() + " columns ("
						+ String.join("; ", entry.getValue())
						+ "): set header-rows and header-group in the job file to pick one group");
			}
		}
		return new YearColumns(found.stream().mapToInt((c) -> c[0]).toArray(),
				found.stream().mapToInt((c) -> c[1]).toArray(), periods.toArray(Period[]::new), leftOut);
	}

	/**
	 * @return how a header that is a year or a period outside the accepted years is named
	 * in its rejection ({@code year 1700}), or {@code null} when it is neither
	 */
	private static String outsideRange(String name, TableSpec.PeriodYear periodYear) {
		OptionalInt year = YearHeader.outsideRange(name);
		if (year.isPresent()) {
			return "year " + year.getAsInt();
		}
		if (periodYear != TableSpec.PeriodYear.NONE && YearHeader.isPeriodOutsideRange(name)) {
			return "period " + name.strip();
		}
		return null;
	}

}
