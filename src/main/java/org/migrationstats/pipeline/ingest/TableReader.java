package org.migrationstats.pipeline.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the table in a stream of rows: skips the title block above the header, combines
 * multi-row headers, and hands out the data rows, leaving out blank rows and the
 * footnotes and source lines below the data.
 * <p>
 * The header is the row the job file names ({@code header-row}), or else the first row
 * that names one of the dataset's country columns; failing that, the first non-blank row
 * (whose missing columns are then reported). Below the data, a row with a single filled
 * cell is a note when it follows a blank row or starts like one ({@code Source:},
 * {@code Note}, {@code *}, {@code (a)}, {@code ©}); so is a row whose first cell starts
 * with a label such as {@code Source:} or {@code Note:}, however many cells its commas
 * split it into.
 */
public final class TableReader implements AutoCloseable {

	/** How far down the header is looked for when the job file does not say. */
	public static final int SEARCH_ROWS = 60;

	/**
	 * How many characters of rows are held while the header is looked for: sixty rows as
	 * long as a row may be would not fit in memory.
	 */
	static final long SEARCH_CHARS = 4L * 1024 * 1024;

	private static final Pattern NOTE = Pattern.compile(
			"(?is)^(source|sources|note|notes|footnote|footnotes|data source|last updated|\\*|\\(\\w{1,2}\\)|\\[\\w{1,3}\\]|\u00a9|copyright)\\b?.*");

	private static final Pattern LABELLED_NOTE = Pattern
		.compile("(?is)^(source|sources|note|notes|footnote|footnotes|data source|data sources)\\s*:.*");

	private final RowSource source;

	private final String name;

	private final Header header;

	private final Deque<SourceRow> pending = new ArrayDeque<>();

	private boolean afterBlank;

	private boolean dataSeen;

	private long notes;

	/**
	 * Reads down to the end of the header.
	 * @param source the rows
	 * @param name the file as shown to users
	 * @param headerRow the header's row, or 0 to find it
	 * @param headerRows how many rows make up the header, ending at the header row
	 * @param countryColumns the names of the country columns, to find the header by
	 * @throws SourceFormatException if the file has no header or no data rows
	 */
	public TableReader(RowSource source, String name, int headerRow, int headerRows, List<String> countryColumns) {
		this.source = source;
		this.name = name + (source.sheet().isEmpty() ? "" : ", sheet \"" + source.sheet() + "\"");
		List<SourceRow> above = new ArrayList<>();
		SourceRow found = null;
		SourceRow firstFilled = null;
		SourceRow row;
		long held = 0;
		while ((row = source.next()) != null) {
			if (headerRow > 0) {
				if (row.row() == headerRow) {
					found = row;
					break;
				}
				if (row.row() > headerRow) {
					this.pending.add(row);
					break;
				}
				if (above.size() >= headerRows) {
					// only the rows just above the header are part of it
					above.remove(0);
				}
			}
			else {
				if (firstFilled == null && !blank(row)) {
					firstFilled = row;
				}
				if (names(row, countryColumns)) {
					found = row;
					break;
				}
				if (above.size() >= SEARCH_ROWS || held > SEARCH_CHARS) {
					break;
				}
				held += characters(row);
			}
			above.add(row);
			if (headerRow == 0 && above.size() > SEARCH_ROWS) {
				break;
			}
		}
		if (found == null && headerRow > 0) {
			throw new SourceFormatException(
					this.name + ": no row " + headerRow + ((above.isEmpty() && this.pending.isEmpty())
							? " (the file has no rows)" : " (header-row in the job file)"));
		}
		if (found == null) {
			if (firstFilled == null) {
				throw new SourceFormatException(this.name + ": the file is empty (no header row)");
			}
			// the first filled row stands as the header; its missing columns are named by
			// the mapper. The rows read after it are data.
			found = firstFilled;
			int at = above.indexOf(firstFilled);
			if (at >= 0) {
				this.pending.addAll(above.subList(at + 1, above.size()));
				if (row != null) {
					// the row that ended the search
					this.pending.add(row);
				}
				above = above.subList(0, at);
			}
			// else the first filled row ended the search, below blank rows
		}
		List<List<String>> rows = new ArrayList<>();
		long top = found.row() - headerRows + 1;
		for (SourceRow r : above) {
			if (r.row() >= top) {
				rows.add(r.values());
			}
		}
		while (rows.size() < headerRows - 1) {
			rows.add(0, List.of());
		}
		rows.add(trimTrailingBlanks(found.values()));
		this.header = Header.combine(rows, found.row());
		SourceRow first = next();
		if (first == null) {
			throw new SourceFormatException(this.name + ": a header row (row " + found.row() + ") and no data rows");
		}
		this.pending.addFirst(first);
		this.dataSeen = false;
	}

	/**
	 * Reads on in the middle of a table whose header is known: the rows of a byte range
	 * of a file after its first, which starts right after a data row.
	 * @param source the rows of the range
	 * @param name the file as shown to users
	 * @param header the table's header, read from the file's start
	 */
	private TableReader(RowSource source, String name, Header header) {
		this.source = source;
		this.name = name;
		this.header = header;
		this.dataSeen = true;
	}

	/**
	 * @param source the rows of a byte range of a file, which starts right after a row
	 * for which {@link #continuesData} holds
	 * @param name the file as shown to users
	 * @param header the table's header, read from the file's start
	 * @return a reader of the range's rows, as the whole file's reader would read them
	 */
	public static TableReader continuing(RowSource source, String name, Header header) {
		return new TableReader(source, name, header);
	}

	/**
	 * Whether a row below the header is read as a data row whatever rows came before it:
	 * not blank, and not a note even after a blank row. After such a row the reader is in
	 * the same state wherever it is in the file, so a range of the file may begin there.
	 * @param cells the row's cells
	 * @param header the table's header
	 * @return whether it is surely a data row
	 */
	public static boolean continuesData(List<String> cells, Header header) {
		return switch (Shape.of(cells)) {
			case BLANK, LABELLED_NOTE -> false;
			case CELLS -> true;
			case ONE_CELL -> header.size() < 3;
		};
	}

	/**
	 * @param cells a row's cells
	 * @return its first cell that is not blank, or {@code null}
	 */
	private static String firstFilled(List<String> cells) {
		for (String cell : cells) {
			if (!cell.isBlank()) {
				return cell;
			}
		}
		return null;
	}

	/** What a row's filled cells say of it before its values are read. */
	private enum Shape {

		/** No cell filled. */
		BLANK,

		/**
		 * Several cells, the first a note's label: an unquoted "Source: United Nations,
		 * DESA, 2024" split at its commas (the colon is looked for first, as the data
		 * rows of a large file come this way).
		 */
		LABELLED_NOTE,

		/** One cell filled: a note, unless the table has fewer than three columns. */
		ONE_CELL,

		/** Several cells. */
		CELLS;

		static Shape of(List<String> cells) {
			String first = null;
			int filled = 0;
			for (String cell : cells) {
				if (!cell.isBlank()) {
					first = (first != null) ? first : cell;
					if (++filled > 1) {
						break;
					}
				}
			}
			if (first == null) {
				return BLANK;
			}
			if (filled == 1) {
				return ONE_CELL;
			}
			return (first.indexOf(':') >= 0 && cells.get(0).equals(first) && mayBeLabel(first)
					&& TableReader.LABELLED_NOTE.matcher(first.strip()).matches()) ? LABELLED_NOTE : CELLS;
		}

	}

	private static long characters(SourceRow row) {
		long characters = 0;
		for (String cell : row.values()) {
			characters += cell.length();
		}
		return characters;
	}

	private static List<String> trimTrailingBlanks(List<String> cells) {
		int end = cells.size();
		while (end > 0 && cells.get(end - 1).isBlank()) {
			end--;
		}
		return cells.subList(0, end);
	}

	private static boolean names(SourceRow row, List<String> columns) {
		for (String cell : row.values()) {
			if (cell.isBlank()) {
				continue;
			}
			String cleaned = Header.clean(cell);
			for (String column : columns) {
				if (cleaned.equals(Header.clean(column))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean blank(SourceRow row) {
		for (String cell : row.values()) {
			if (!cell.isBlank()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return the header
	 */
	public Header header() {
		return this.header;
	}

	/**
	 * @return the sheet's name, empty for a text file
	 */
	public String sheet() {
		return this.source.sheet();
	}

	/**
	 * @return how many note rows were left out below the data so far
	 */
	public long notes() {
		return this.notes;
	}

	/**
	 * @return the next data row, or {@code null} after the last
	 * @throws SourceFormatException if the file cannot be read further
	 */
	public SourceRow next() {
		while (true) {
			SourceRow row = this.pending.isEmpty() ? this.source.next() : this.pending.poll();
			if (row == null) {
				return null;
			}
			if (blank(row)) {
				this.afterBlank = this.dataSeen;
				continue;
			}
			if (this.dataSeen && isNote(row)) {
				this.notes++;
				continue;
			}
			this.dataSeen = true;
			this.afterBlank = false;
			return row;
		}
	}

	private boolean isNote(SourceRow row) {
		return switch (Shape.of(row.values())) {
			case BLANK, CELLS -> false;
			case LABELLED_NOTE -> true;
			case ONE_CELL -> this.header.size() >= 3 && (this.afterBlank
					|| NOTE.matcher(firstFilled(row.values()).strip().toLowerCase(Locale.ROOT)).matches());
		};
	}

	/**
	 * Whether a cell may start with a note's label (source, note, footnote, data source):
	 * an SDMX-CSV file's first cell ({@code ESTAT:MIGR_IMM1CTZ(1.0)}) holds a colon on
	 * every row, and this spares those rows the regular expression.
	 */
	private static boolean mayBeLabel(String cell) {
		String text = cell.stripLeading();
		if (text.isEmpty()) {
			return false;
		}
		char c = Character.toLowerCase(text.charAt(0));
		return c == 's' || c == 'n' || c == 'f' || c == 'd';
	}

	@Override
	public void close() {
		this.source.close();
	}

}
