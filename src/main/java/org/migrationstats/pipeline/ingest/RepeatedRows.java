package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.Measure;

/**
 * Finds, in a wide table, two rows that give the same country's same measure for the same
 * years: the run would keep the first and reject the second, so a file that holds one row
 * per criterion, sex or flow type (a UN flows table) and a job file that does not tell
 * them apart would give the first row's figures under the wrong name. Validation refuses
 * such a file, naming the columns in which the two rows differ, where filters or a series
 * column would tell them apart.
 * <p>
 * Memory stays bounded whatever the file: per country and measure (a few thousand at
 * most, as only known countries are kept) the first row giving each year (in a table
 * split over rows by years, a row per span), with the years it gives and a hash of each
 * of its cells outside the value columns.
 */
public final class RepeatedRows {

	private final String place;

	private final Header header;

	private final boolean[] valueColumn;

	private final Map<String, List<FirstRow>> firsts = new HashMap<>();

	/**
	 * @param file the file (and sheet) as messages name it
	 * @param header the table's header
	 * @param valueColumns the columns that hold values, left out of the comparison
	 */
	public RepeatedRows(String file, Header header, int[] valueColumns) {
		this.place = file;
		this.header = header;
		int width = header.size();
		for (int column : valueColumns) {
			width = Math.max(width, column + 1);
		}
		this.valueColumn = new boolean[width];
		for (int column : valueColumns) {
			this.valueColumn[column] = true;
		}
	}

	/**
	 * @param source a data row
	 * @param mapped the row as mapped
	 * @throws SourceFormatException if an earlier row gave the same country's same
	 * measure for one of the same years
	 */
	public void check(SourceRow source, MappedRow mapped) {
		if (!(mapped instanceof MappedRow.CountryRow row) || row.observations().isEmpty()) {
			return;
		}
		Measure measure = row.observations().get(0).measure();
		BitSet years = new BitSet();
		for (Observation observation : row.observations()) {
			years.set(observation.year() - YearHeader.FIRST);
		}
		int[] cells = labelHashes(source.values());
		List<FirstRow> earlier = this.firsts.computeIfAbsent(row.country().key() + ' ' + measure.name(),
				(key) -> new ArrayList<>(1));
		FirstRow first = earlier.stream().filter((e) -> e.years().intersects(years)).findFirst().orElse(null);
		if (first == null) {
			// the first, or the same country's other years in a table split over rows
			earlier.add(new FirstRow(source.row(), years, cells));
			return;
		}
		List<String> differing = new ArrayList<>();
		for (int i = 0; i < Math.max(cells.length, first.cells().length); i++) {
			int a = (i < first.cells().length) ? first.cells()[i] : "".hashCode();
			int b = (i < cells.length) ? cells[i] : "".hashCode();
			if (a != b && !isValueColumn(i)) {
				differing.add("\"" + this.header.display(i) + "\"");
			}
		}
		String both = this.place + ", rows " + first.row() + " and " + source.row() + " both give "
				+ row.country().name() + "'s " + measure.words() + " for " + years(first.years(), years);
		throw new SourceFormatException(both + (differing.isEmpty()
				? "; they differ in no column but the values: remove the repeated row, or add up rows with "
						+ "'sum-records: true'"
				: "; they differ in columns " + String.join(", ", differing)
						+ ": add filters (the value of each column to keep) or a measure column ('series') to the "
						+ "dataset in the job file, so that one row is taken"));
	}

	private int[] labelHashes(List<String> cells) {
		int[] hashes = new int[cells.size()];
		for (int i = 0; i < hashes.length; i++) {
			hashes[i] = isValueColumn(i) ? 0 : Header.clean(cells.get(i)).hashCode();
		}
		return hashes;
	}

	private boolean isValueColumn(int column) {
		return column < this.valueColumn.length && this.valueColumn[column];
	}

	private static String years(BitSet first, BitSet second) {
		BitSet both = (BitSet) first.clone();
		both.and(second);
		List<String> years = both.stream().limit(4).mapToObj((y) -> Integer.toString(y + YearHeader.FIRST)).toList();
		int more = both.cardinality() - years.size();
		return String.join(", ", years) + ((more > 0) ? " and " + more + " more year" + ((more > 1) ? "s" : "") : "");
	}

	/** The first row of a country and measure, as far as it is kept. */
	private record FirstRow(long row, BitSet years, int[] cells) {
	}

}
