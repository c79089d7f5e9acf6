package org.migrationstats.pipeline.ingest.sdmx;

import java.util.Locale;

import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

/**
 * Eurostat's bulk download TSV as a wide table. Its first heading joins the dimensions'
 * names with commas and ends with the time dimension after a backslash
 * ({@code freq,unit,sex,age,geo\TIME_PERIOD}, or {@code geo\time} in older files); the
 * other headings are periods, with trailing spaces ({@code 2019 }, {@code 2019M01 },
 * {@code 2019-Q1 }). Each row's first cell joins its dimension codes with commas in the
 * same order ({@code A,NR,T,TOTAL,AT}); the other cells are values with their flags
 * ({@code 1234 p}, {@code :}, {@code : c}), read by the mapping.
 * <p>
 * The rows handed out have one cell per dimension, named as in the header, then one per
 * period, headed by the period without its spaces: {@code freq, unit, sex, age, geo,
 * 2019, 2020}. A row whose key has another number of codes than the header names is
 * handed out as it splits, and rejected by the mapping for its width.
 */
public final class EurostatTsvSource implements RowSource {

	private final RowSource rows;

	private final String name;

	private int dimensions = -1;

	/**
	 * @param rows the file's rows, split at tabs
	 * @param name the file as shown to users
	 */
	public EurostatTsvSource(RowSource rows, String name) {
		this.rows = rows;
		this.name = name;
	}

	@Override
	public String sheet() {
		return "";
	}

	@Override
	public SourceRow next() {
		SourceRow row = this.rows.next();
		if (row == null) {
			return null;
		}
		return (this.dimensions < 0) ? header(row) : data(row);
	}

	private SourceRow header(SourceRow row) {
		String first = row.values().isEmpty() ? "" : row.values().get(0);
		int slash = first.indexOf('\\');
		if (slash < 0) {
			throw new SourceFormatException(this.name + ", row " + row.row() + ": not a Eurostat bulk download file: "
					+ "its first heading should name the dimensions and the time, such as "
					+ "freq,unit,geo\\TIME_PERIOD, found \"" + first + "\"");
		}
		String[] names = first.substring(0, slash).split(",", -1);
		this.dimensions = names.length;
		String[] cells = new String[names.length + row.values().size() - 1];
		for (int i = 0; i < names.length; i++) {
			cells[i] = names[i].strip();
		}
		for (int i = 1; i < row.values().size(); i++) {
			cells[names.length + i - 1] = row.values().get(i).strip().toUpperCase(Locale.ROOT);
		}
		return SourceRow.owning(row.row(), cells);
	}

	private SourceRow data(SourceRow row) {
		int size = row.values().size();
		if (size == 0) {
			return row;
		}
		String key = row.values().get(0);
		int codes = 1;
		for (int i = 0; i < key.length(); i++) {
			if (key.charAt(i) == ',') {
				codes++;
			}
		}
		String[] cells = new String[codes + size - 1];
		int start = 0;
		for (int i = 0; i < codes; i++) {
			int comma = key.indexOf(',', start);
			int end = (comma < 0) ? key.length() : comma;
			cells[i] = key.substring(start, end);
			start = end + 1;
		}
		for (int i = 1; i < size; i++) {
			cells[codes + i - 1] = row.values().get(i);
		}
		return SourceRow.owning(row.row(), cells);
	}

	@Override
	public void close() {
		this.rows.close();
	}

}
