package org.migrationstats.pipeline.ingest.sdmx;

import java.util.Locale;

import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

/**
 * An SDMX-CSV file as a long table: version 1.0 (first column {@code DATAFLOW}) or 2.0
 * ({@code STRUCTURE}, {@code STRUCTURE_ID}, optionally {@code ACTION}), then a column per
 * dimension ({@code FREQ}, {@code REF_AREA}, {@code CITIZEN}, ...), {@code TIME_PERIOD},
 * {@code OBS_VALUE} and the attributes ({@code OBS_STATUS}, {@code OBS_FLAG},
 * {@code UNIT_MULT}, {@code CONF_STATUS}, ...). In the variant with labels, headings and
 * codes carry their label after a colon and a space ({@code REF_AREA: Reference area},
 * {@code AT: Austria}): the rows handed out hold the identifiers and codes alone, so a
 * job file names columns and filter values the same way for both variants.
 */
public final class SdmxCsvSource implements RowSource {

	private final RowSource rows;

	private final String name;

	private boolean headerRead;

	/**
	 * @param rows the file's rows
	 * @param name the file as shown to users
	 */
	public SdmxCsvSource(RowSource rows, String name) {
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
		if (!this.headerRead) {
			this.headerRead = true;
			return header(row);
		}
		String[] cells = null;
		for (int i = 0; i < row.values().size(); i++) {
			String cell = row.values().get(i);
			// the labels variant: "AT: Austria"; a cheap test first, as most files have
			// none
			if (cell.indexOf(": ") > 0) {
				cells = (cells != null) ? cells : row.values().toArray(String[]::new);
				cells[i] = code(cell);
			}
		}
		return (cells != null) ? SourceRow.owning(row.row(), cells) : row;
	}

	private SourceRow header(SourceRow row) {
		String[] cells = new String[row.values().size()];
		for (int i = 0; i < cells.length; i++) {
			String heading = row.values().get(i);
			int colon = heading.indexOf(':');
			cells[i] = ((colon > 0) ? heading.substring(0, colon) : heading).strip();
		}
		String first = (cells.length > 0) ? cells[0].toUpperCase(Locale.ROOT) : "";
		if (!first.equals("DATAFLOW") && !first.equals("STRUCTURE")) {
			throw new SourceFormatException(this.name + ", row " + row.row() + ": not an SDMX-CSV file: its first "
					+ "column should be DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0), found \""
					+ row.values().get(0) + "\"");
		}
		return SourceRow.owning(row.row(), cells);
	}

	/**
	 * @return the code of a labelled cell ({@code AT} of {@code AT: Austria}), or the
	 * cell when what precedes the colon is not a code
	 */
	private static String code(String cell) {
		int colon = cell.indexOf(": ");
		for (int i = 0; i < colon; i++) {
			char c = cell.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@' || c == '$')) {
				return cell;
			}
		}
		return cell.substring(0, colon);
	}

	@Override
	public void close() {
		this.rows.close();
	}

}
