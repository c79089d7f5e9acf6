package org.migrationstats.pipeline.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Where a statistical agency's file keeps what goes with each value: in the value cell
 * itself (Eurostat's bulk TSV: {@code 1234 p}, {@code : c}), or in the attribute columns
 * of its row (SDMX-CSV: {@code OBS_FLAG} with Eurostat's letters, {@code OBS_STATUS} with
 * SDMX's observation status codes, {@code CONF_STATUS} confidentiality, and
 * {@code UNIT_MULT}, the power of ten the values are in: 3 for thousands).
 */
final class AgencyColumns {

	private static final AgencyColumns NONE = new AgencyColumns(false, -1, -1, -1, -1);

	/**
	 * The actions of an SDMX-CSV 2.0 row that give a value: information, append, replace.
	 */
	static final List<String> ACTIONS_KEPT = List.of("I", "A", "R");

	private final boolean inCells;

	private final int flagColumn;

	private final int statusColumn;

	private final int confidentialityColumn;

	private final int multiplierColumn;

	/** The multipliers read so far, by cell text: a file holds one or two. */
	private final Map<String, Integer> multipliers = new HashMap<>();

	/** The flags read so far, by the row's attribute cells. */
	private final Map<String, RowAttributes> attributes = new HashMap<>();

	private AgencyColumns(boolean inCells, int flagColumn, int statusColumn, int confidentialityColumn,
			int multiplierColumn) {
		this.inCells = inCells;
		this.flagColumn = flagColumn;
		this.statusColumn = statusColumn;
		this.confidentialityColumn = confidentialityColumn;
		this.multiplierColumn = multiplierColumn;
	}

	/**
	 * @param format the dataset's format
	 * @param header the table's header
	 * @return where the format keeps flags; for any other format, nowhere
	 */
	static AgencyColumns of(TableSpec.Format format, Header header) {
		return switch (format) {
			case EUROSTAT_TSV -> new AgencyColumns(true, -1, -1, -1, -1);
			case SDMX_CSV -> new AgencyColumns(false, header.indexOf("OBS_FLAG"), header.indexOf("OBS_STATUS"),
					header.indexOf("CONF_STATUS"), header.indexOf("UNIT_MULT"));
			default -> NONE;
		};
	}

	/**
	 * @param dataset the dataset
	 * @param header the table's header
	 * @return the filters the format itself needs beside the dataset's: an SDMX-CSV 2.0
	 * file's rows that delete an observation ({@code ACTION} D) give no value
	 */
	static Map<String, List<String>> implicitFilters(DatasetSpec dataset, Header header) {
		if (dataset.table().format() == TableSpec.Format.SDMX_CSV && header.indexOf("ACTION") >= 0
				&& !dataset.table().filters().containsKey("ACTION")) {
			return Map.of("ACTION", ACTIONS_KEPT);
		}
		return Map.of();
	}

	/**
	 * @return whether values carry their flags in their own cell
	 */
	boolean inCells() {
		return this.inCells;
	}

	/**
	 * @return whether the rows carry their value's flags in attribute columns
	 */
	boolean inColumns() {
		return this != NONE && !this.inCells;
	}

	/**
	 * @param raw an {@code OBS_VALUE} cell
	 * @return whether it holds no value: empty, {@code NaN}, or Eurostat's {@code :}
	 */
	static boolean missingValue(String raw) {
		String text = raw.strip();
		return text.isEmpty() || text.equals("NaN") || text.equals(FlaggedCell.MISSING);
	}

	/**
	 * @param cells a row of an SDMX-CSV file
	 * @param row its row number
	 * @param mapper the mapper, which rejects a row whose attributes cannot be read
	 * @return its value's flags, why it is missing if its status says so, and its unit
	 * multiplier
	 */
	RowAttributes attributes(List<String> cells, long row, RowMapper mapper) {
		String flag = cell(cells, this.flagColumn);
		String status = cell(cells, this.statusColumn);
		String confidentiality = cell(cells, this.confidentialityColumn);
		// most rows have one attribute or none: no key is built for them
		String key = (status.isEmpty() && confidentiality.isEmpty()) ? flag
				: flag + '\u001f' + status + '\u001f' + confidentiality;
		RowAttributes read = this.attributes.get(key);
		if (read == null) {
			read = read(flag, status, confidentiality, row, mapper);
			if (this.attributes.size() < 1_000) {
				this.attributes.put(key, read);
			}
		}
		int multiplier = multiplier(cell(cells, this.multiplierColumn), row, mapper);
		return (multiplier == read.multiplier()) ? read : new RowAttributes(read.flags(), read.missing(), multiplier);
	}

	private RowAttributes read(String flag, String status, String confidentiality, long row, RowMapper mapper) {
		String flags;
		try {
			flags = ValueFlags.merge(ValueFlags.of(flag), ValueFlags.ofObservationStatus(status));
		}
		catch (ValueException ex) {
			int column = flag.isBlank() ? this.statusColumn : this.flagColumn;
			throw mapper.rejectAttribute(row, column, flag.isBlank() ? status : flag, ex.getMessage());
		}
		flags = ValueFlags.merge(flags, ValueFlags.ofConfidentialityStatus(confidentiality));
		String missing = null;
		if (ValueFlags.isMissingStatus(status)) {
			missing = ValueFlags.confidential(flags) ? FlaggedCell.CONFIDENTIAL : FlaggedCell.NOT_AVAILABLE;
		}
		return new RowAttributes(flags, missing, 0);
	}

	private int multiplier(String raw, long row, RowMapper mapper) {
		if (raw.isEmpty()) {
			return 0;
		}
		Integer known = this.multipliers.get(raw);
		if (known != null) {
			return known;
		}
		int multiplier;
		try {
			multiplier = Integer.parseInt(raw.strip());
		}
		catch (NumberFormatException ex) {
			multiplier = Integer.MIN_VALUE;
		}
		if (multiplier < 0 || multiplier > 9) {
			throw mapper.rejectAttribute(row, this.multiplierColumn, raw,
					"\"" + raw.strip() + "\" is not a unit multiplier (a power of ten from 0 to 9: 3 for thousands)");
		}
		this.multipliers.put(raw, multiplier);
		return multiplier;
	}

	private static String cell(List<String> cells, int column) {
		return (column >= 0 && column < cells.size()) ? cells.get(column) : "";
	}

	/**
	 * What an SDMX-CSV row's attribute columns say about its value.
	 *
	 * @param flags the value's flags
	 * @param missing why the value is missing, when its status says it is; else
	 * {@code null}
	 * @param multiplier the power of ten the value is in
	 */
	record RowAttributes(String flags, String missing, int multiplier) {
	}

}
