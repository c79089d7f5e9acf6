package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Resolution;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;

/**
 * Maps the rows of one source table to observations, as its dataset's column mapping
 * says, for wide tables (a column per year) and long ones (a year column).
 */
public final class RowMapper {

	private static final int RESOLVED_LIMIT = 10_000;

	private final DatasetSpec dataset;

	private final String file;

	private final Header header;

	/** The file and sheet, as messages name them. */
	private final String place;

	private final String sheet;

	private final int seriesColumn;

	private final Map<String, Measure> series;

	private final CountryReference countries;

	private final NumberParser numbers;

	private final NumberFormatCheck numberFormat;

	/** The scale as a whole number of persons per unit, or 0 when it is not one. */
	private final long wholeScale;

	private final int[] countryColumns;

	private final int yearColumn;

	private final int[] valueColumns;

	private final Measure[] valueMeasures;

	private final int[] valueYears;

	/** A wide table's value columns' periods (years, or months and quarters to sum). */
	private final Period[] valuePeriods;

	/**
	 * How an agency's file gives its values' flags, missing values and unit multiplier.
	 */
	private final AgencyColumns agency;

	private final RowFilters filters;

	/** A wide table's columns left out for a year outside the accepted years. */
	private final List<Rejection> leftOutColumns;

	private final int maxField;

	/**
	 * How each country cell (or, with several country columns, each combination) was
	 * resolved: a file of a million rows names a few hundred countries, and resolving one
	 * strips, matches and folds its text. Bounded, as a file could hold a different name
	 * on every row.
	 */
	private final Map<String, Resolution> resolved = new HashMap<>();

	/**
	 * A mapper for a one-row header of a text file.
	 * @param dataset the dataset the file belongs to
	 * @param file the file's name as shown to users
	 * @param header the header row's cells
	 * @param countries the country reference
	 * @throws SourceFormatException if the header lacks a column the dataset names
	 */
	public RowMapper(DatasetSpec dataset, String file, List<String> header, CountryReference countries) {
		this(dataset, file, "", Header.of(1, header), countries);
	}

	/**
	 * @param dataset the dataset the file belongs to
	 * @param file the file's name as shown to users
	 * @param sheet the sheet's name, empty for a text file
	 * @param header the table's header
	 * @param countries the country reference
	 * @throws SourceFormatException if the header lacks a column the dataset names
	 */
	public RowMapper(DatasetSpec dataset, String file, String sheet, Header header, CountryReference countries) {
		this.dataset = dataset;
		this.file = file;
		this.place = file + (sheet.isEmpty() ? "" : ", sheet \"" + sheet + "\"");
		this.sheet = sheet;
		this.header = header;
		this.countries = countries;
		this.numbers = new NumberParser(dataset.missing(), dataset.table().decimalComma());
		this.numberFormat = new NumberFormatCheck(dataset.id(), this.place, dataset.table().decimalComma(),
				dataset.missing());
		this.wholeScale = wholeScale(dataset.scale());
		this.countryColumns = dataset.columns()
			.country()
			.stream()
			.mapToInt(this::indexOf)
			.filter((i) -> i >= 0)
			.toArray();
		if (this.countryColumns.length == 0) {
			throw missingColumn("country", dataset.columns().country());
		}
		this.filters = new RowFilters(dataset, header, this.place, AgencyColumns.implicitFilters(dataset, header));
		this.maxField = dataset.table().lengths().field();
		this.seriesColumn = dataset.columns().series().isEmpty() ? -1 : required("series", dataset.columns().series());
		this.series = new HashMap<>();
		dataset.table().series().forEach((code, m) -> this.series.put(Header.clean(code), m));
		List<int[]> values = new ArrayList<>();
		List<Measure> measures = new ArrayList<>();
		this.agency = AgencyColumns.of(dataset.table().format(), header);
		if (dataset.layout() == Layout.WIDE) {
			this.yearColumn = -1;
			YearColumns years = YearColumns.of(dataset, header, file, sheet);
			this.valuePeriods = years.periods();
			for (int i = 0; i < years.columns().length; i++) {
				values.add(new int[] { years.columns()[i], years.years()[i] });
				// with a series column, each row's code gives its measure
				measures.add((this.seriesColumn >= 0) ? Measure.values()[0] : dataset.measure());
			}
			this.leftOutColumns = years.leftOut();
		}
		else {
			this.yearColumn = required("year", dataset.columns().year());
			this.leftOutColumns = List.of();
			this.valuePeriods = null;
			Map<Measure, List<String>> columns = new EnumMap<>(Measure.class);
			if (this.seriesColumn >= 0) {
				// the value column; each row's series code gives its measure, so the
				// measure
				// kept with the column is never used
				columns.put(Measure.values()[0], dataset.columns().value());
			}
			else if (!dataset.columns().value().isEmpty()) {
				columns.put(dataset.measure(), dataset.columns().value());
			}
			else {
				columns.putAll(dataset.columns().measures());
			}
			for (Map.Entry<Measure, List<String>> entry : columns.entrySet()) {
				values.add(new int[] { required(entry.getKey().key(), entry.getValue()), 0 });
				measures.add(entry.getKey());
			}
		}
		this.valueColumns = values.stream().mapToInt((v) -> v[0]).toArray();
		this.valueYears = values.stream().mapToInt((v) -> v[1]).toArray();
		this.valueMeasures = measures.toArray(Measure[]::new);
	}

	private static long wholeScale(BigDecimal scale) {
		try {
			return (scale.signum() > 0) ? scale.longValueExact() : 0;
		}
		catch (ArithmeticException ex) {
			return 0;
		}
	}

	private int required(String role, List<String> names) {
		return names.stream()
			.mapToInt(this::indexOf)
			.filter((i) -> i >= 0)
			.findFirst()
			.orElseThrow(() -> missingColumn(role, names));
	}

	private SourceFormatException missingColumn(String role, List<String> names) {
		return new SourceFormatException(
				this.place + ": no " + role + " column: expected one of " + names + ", the header (row "
						+ this.header.row() + ") has " + this.header.names() + ((this.dataset.table().headerRow() == 0)
								? "; set header-row in the job file if the header is another row" : ""));
	}

	private int indexOf(String name) {
		return this.header.indexOf(name);
	}

	/**
	 * @return the columns of a wide table left out because their header is a year outside
	 * the accepted years, each as a rejection of the header row: to be listed once per
	 * file
	 */
	public List<Rejection> leftOutColumns() {
		return this.leftOutColumns;
	}

	/**
	 * @return the 0-based columns that hold values (a wide table's years, a long table's
	 * value or measure columns)
	 */
	public int[] valueColumns() {
		return this.valueColumns.clone();
	}

	/**
	 * @return the check of the value cells against the dataset's decimal separator, with
	 * what the rows mapped so far showed
	 */
	public NumberFormatCheck numberFormat() {
		return this.numberFormat;
	}

	/**
	 * Maps one row. Rows the dataset does not want are told first, before the country is
	 * looked up: a row its filters leave out or of a series it does not map, about a
	 * region code or an unknown name, is no unknown country.
	 * @param source the row
	 * @return the country's observations, the aggregate the row is about, or the row as
	 * filtered (filters, another series, a section heading)
	 * @throws RowRejectedException if the whole row is unusable
	 * @throws SourceFormatException if a value cell reads only with the other decimal
	 * separator than the dataset's: the whole file is in doubt
	 */
	public MappedRow map(SourceRow source) {
		List<String> cells = source.values();
		checkWidth(source);
		checkLengths(source);
		MappedRow.FilteredOutRow filtered = this.filters.test(source);
		if (filtered != null) {
			// the values of a row not taken are written as the rest of the file is
			checkNumbers(source);
			return filtered;
		}
		Measure seriesMeasure = null;
		if (this.seriesColumn >= 0) {
			String code = cell(cells, this.seriesColumn);
			seriesMeasure = this.series.get(Header.clean(code));
			if (seriesMeasure == null) {
				checkNumbers(source);
				return new MappedRow.OtherSeriesRow(source.row(), code);
			}
		}
		Resolution resolution = resolveCountry(cells);
		if (!(resolution instanceof Resolution.Known)) {
			checkNumbers(source);
		}
		if (resolution instanceof Resolution.AggregateFound found) {
			return new MappedRow.AggregateRow(source.row(), found.aggregate(),
					cell(cells, this.countryColumns[0]).strip());
		}
		if (resolution instanceof Resolution.Unknown unknown) {
			if (isHeading(cells)) {
				return new MappedRow.HeadingRow(source.row(), heading(cells));
			}
			throw unknownCountry(source, unknown);
		}
		Resolution.Known known = (Resolution.Known) resolution;
		int fixedYear = 0;
		Period fixedPeriod = null;
		if (this.yearColumn >= 0) {
			String raw = cell(cells, this.yearColumn);
			OptionalInt year = YearHeader.parse(raw);
			if (year.isEmpty()) {
				Period period = period(source, raw);
				fixedYear = period.year();
				fixedPeriod = period.isPartOfYear() ? period : null;
			}
			else {
				fixedYear = year.getAsInt();
			}
		}
		String rowFlags = ValueFlags.NONE;
		String rowMissing = null;
		BigDecimal scale = this.dataset.scale();
		long wholeScale = this.wholeScale;
		if (this.agency.inColumns()) {
			AgencyColumns.RowAttributes attributes = this.agency.attributes(cells, source.row(), this);
			rowFlags = attributes.flags();
			rowMissing = attributes.missing();
			if (attributes.multiplier() != 0) {
				scale = scale.scaleByPowerOfTen(attributes.multiplier());
				wholeScale = wholeScale(scale);
			}
		}
		List<String> missing = null;
		Observation[] observations = new Observation[this.valueColumns.length];
		int found = 0;
		List<Rejection> rejections = null;
		for (int i = 0; i < this.valueColumns.length; i++) {
			int column = this.valueColumns[i];
			String raw = cell(cells, column);
			try {
				String number = raw;
				String flags = rowFlags;
				if (this.agency.inCells()) {
					FlaggedCell flagged = FlaggedCell.parse(raw);
					number = flagged.number();
					flags = flagged.flags();
					if (flagged.missing()) {
						missing = missing(missing, flagged.missingReason());
						continue;
					}
				}
				else if (this.agency.inColumns() && (rowMissing != null || AgencyColumns.missingValue(raw))) {
					missing = missing(missing, (rowMissing != null) ? rowMissing
							: ValueFlags.confidential(flags) ? FlaggedCell.CONFIDENTIAL : FlaggedCell.NOT_AVAILABLE);
					continue;
				}
				long whole = (wholeScale > 0) ? this.numbers.plainWholeNumber(number) : NumberParser.NOT_PLAIN;
				boolean plain = whole != NumberParser.NOT_PLAIN;
				if (!plain && !this.numberFormat.agrees(number)) {
					throw this.numberFormat.contradiction(number, source.row(), this.header.display(column));
				}
				Optional<BigDecimal> value = plain ? Optional.empty() : this.numbers.parse(number);
				if (plain || value.isPresent()) {
					long persons = plain ? persons(whole, wholeScale, raw) : NumberParser.toPersons(value.get(), scale);
					int year = (this.yearColumn >= 0) ? fixedYear : this.valueYears[i];
					Period period = (this.yearColumn >= 0) ? fixedPeriod
							: (this.valuePeriods[i].isPartOfYear() ? this.valuePeriods[i] : null);
					Measure measure = (seriesMeasure != null) ? seriesMeasure : this.valueMeasures[i];
					if (persons < 0 && !measure.mayBeNegative()) {
						throw new ValueException("\"" + raw.strip() + "\" is below zero: a count of " + measure.words()
								+ " cannot be negative (only net migration and population change can)");
					}
					observations[found++] = (period == null && flags.isEmpty())
							? new Observation(known.country().key(), year, measure, persons, source.row())
							: new Observation(known.country().key(), year, measure, persons, source.row(), flags,
									(period != null) ? period.part() : 0, (period != null) ? period.parts() : 1);
				}
			}
			catch (ValueException ex) {
				rejections = (rejections != null) ? rejections : new ArrayList<>(1);
				rejections.add(rejection(source.row(), column, raw, ex.getMessage()));
			}
		}
		return new MappedRow.CountryRow(source.row(), known.country(),
				OwnedList.of((found == observations.length) ? observations : Arrays.copyOf(observations, found)),
				(rejections != null) ? rejections : List.of(), (missing != null) ? missing : List.of());
	}

	private static List<String> missing(List<String> missing, String reason) {
		List<String> reasons = (missing != null) ? missing : new ArrayList<>(2);
		reasons.add(reason);
		return reasons;
	}

	/**
	 * Reads a long table's period cell that is not a year: a month or quarter, taken
	 * where the dataset sums them to years.
	 */
	private Period period(SourceRow source, String raw) {
		Optional<Period> period = Period.parse(raw);
		if (period.isEmpty()) {
			checkNumbers(source);
			throw reject(source.row(), this.yearColumn, raw,
					"\"" + raw.strip() + "\" is not a year between " + YearHeader.FIRST + " and " + YearHeader.LAST);
		}
		if (period.get().isPartOfYear() && !this.dataset.table().sumToYear()) {
			checkNumbers(source);
			throw reject(source.row(), this.yearColumn, raw,
					"\"" + raw.strip() + "\" is a " + period.get().unit()
							+ ", not a year: set sum-to-year: true in the job file to sum " + period.get().unit()
							+ "s to years");
		}
		return period.get();
	}

	/**
	 * Rejects a row of an agency's file whose attribute cell cannot be read.
	 * @param row the row
	 * @param column the attribute's column
	 * @param raw the cell as written
	 * @param reason why
	 * @return the exception to throw
	 */
	RowRejectedException rejectAttribute(long row, int column, String raw, String reason) {
		return reject(row, column, raw, reason);
	}

	private RowRejectedException unknownCountry(SourceRow source, Resolution.Unknown unknown) {
		List<String> written = countryCells(source.values());
		List<String> candidates = candidates(written);
		String hint = unknown.suggestions().isEmpty() ? ""
				: "; closest known: " + String.join(", ", unknown.suggestions());
		String reason = unknown.raw().isEmpty() ? "no country code or name"
				: "unknown country '" + unknown.raw() + "'" + hint;
		int column = this.countryColumns[0];
		for (int i = 0; i < candidates.size(); i++) {
			if (!candidates.get(i).isBlank()) {
				column = this.countryColumns[i];
				break;
			}
		}
		return reject(source.row(), column, labelled(written), reason);
	}

	/**
	 * Checks the value cells of a row whose values are not taken.
	 */
	private void checkNumbers(SourceRow source) {
		for (int column : this.valueColumns) {
			String raw = cell(source.values(), column);
			if (!this.numberFormat.agrees(raw)) {
				throw this.numberFormat.contradiction(raw, source.row(), this.header.display(column));
			}
		}
	}

	/**
	 * A section heading: a name in a country column, no code (where the dataset names
	 * code and name columns, one of them is empty) and nothing in any value column. An
	 * unknown name with values is a reject.
	 */
	private boolean isHeading(List<String> cells) {
		boolean named = false;
		boolean uncoded = this.countryColumns.length == 1;
		for (int column : this.countryColumns) {
			if (cell(cells, column).isBlank()) {
				uncoded = true;
			}
			else {
				named = true;
			}
		}
		if (!named || !uncoded) {
			return false;
		}
		for (int column : this.valueColumns) {
			if (!cell(cells, column).isBlank()) {
				return false;
			}
		}
		return true;
	}

	private String heading(List<String> cells) {
		for (int column : this.countryColumns) {
			if (!cell(cells, column).isBlank()) {
				return cell(cells, column);
			}
		}
		return "";
	}

	private Resolution resolveCountry(List<String> cells) {
		String key = (this.countryColumns.length == 1) ? cell(cells, this.countryColumns[0])
				: String.join("\u001f", countryCells(cells));
		Resolution resolution = this.resolved.get(key);
		if (resolution == null) {
			resolution = this.countries.resolve(candidates(countryCells(cells)));
			if (this.resolved.size() < RESOLVED_LIMIT) {
				this.resolved.put(key, resolution);
			}
		}
		return resolution;
	}

	/**
	 * @param written the country cells as written
	 * @return the texts looked up: without footnote marks
	 */
	private static List<String> candidates(List<String> written) {
		return written.stream().map(Header::withoutFootnote).toList();
	}

	/**
	 * The country cells as written, for a rejection: with several country columns each
	 * cell is named by its column ({@code Country Code: "" ; Country Name: "Atlantis"}),
	 * so an empty code beside a name reads as what it is. Only a rejected row gets here,
	 * never the rows that map.
	 * @param written the country cells as written, in the order of the country columns
	 * @return the text to keep as the value as written
	 */
	private String labelled(List<String> written) {
		if (written.size() == 1) {
			return written.get(0);
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < written.size(); i++) {
			if (i > 0) {
				text.append(" ; ");
			}
			// quotes doubled as in CSV, so a cell's own quote cannot end its value
			text.append(this.header.display(this.countryColumns[i]))
				.append(": \"")
				.append(written.get(i).replace("\"", "\"\""))
				.append('"');
		}
		return text.toString();
	}

	private List<String> countryCells(List<String> cells) {
		List<String> written = new ArrayList<>(this.countryColumns.length);
		for (int column : this.countryColumns) {
			written.add(cell(cells, column));
		}
		return written;
	}

	private static long persons(long whole, long wholeScale, String raw) throws ValueException {
		try {
			return Math.multiplyExact(whole, wholeScale);
		}
		catch (ArithmeticException ex) {
			throw new ValueException("\"" + raw + "\" is too large to be a count of persons");
		}
	}

	private void checkWidth(SourceRow source) {
		List<String> cells = source.values();
		if (cells.size() == this.header.size() || (!this.sheet.isEmpty() && cells.size() < this.header.size())) {
			// a workbook leaves out the empty cells at the end of a row
			return;
		}
		boolean onlyEmptyExtra = cells.size() > this.header.size()
				&& cells.subList(this.header.size(), cells.size()).stream().allMatch(String::isBlank);
		if (!onlyEmptyExtra) {
			throw reject(source.row(), -1, String.join(String.valueOf(separator()), cells),
					"the row has " + cells.size() + " cells where the header has " + this.header.size());
		}
	}

	/**
	 * Rejects a row with a cell longer than the dataset allows: its values are not used,
	 * and what is kept of it for the report is its first characters.
	 */
	private void checkLengths(SourceRow source) {
		List<String> cells = source.values();
		for (int i = 0; i < cells.size(); i++) {
			int length = cells.get(i).length();
			if (length > this.maxField) {
				throw reject(source.row(), i, cells.get(i).substring(0, Math.min(length, 100)) + "\u2026",
						String.format("a cell of %,d characters, more than max-field-length (%,d): the row is left out",
								length, this.maxField));
			}
		}
	}

	private char separator() {
		return (this.dataset.delimiter() != 0 && this.sheet.isEmpty()) ? this.dataset.delimiter() : '|';
	}

	private static String cell(List<String> cells, int column) {
		return (column < cells.size()) ? cells.get(column) : "";
	}

	private RowRejectedException reject(long row, int column, String raw, String reason) {
		return new RowRejectedException(rejection(row, column, raw, reason));
	}

	private Rejection rejection(long row, int column, String raw, String reason) {
		return new Rejection(this.dataset.id(), this.file, this.sheet, row, this.header.display(column), raw, reason);
	}

}
