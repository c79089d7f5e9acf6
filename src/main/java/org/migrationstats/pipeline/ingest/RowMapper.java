package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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

	private final DatasetSpec dataset;

	private final String file;

	private final List<String> header;

	private final CountryReference countries;

	private final NumberParser numbers;

	private final int[] countryColumns;

	private final int yearColumn;

	private final int[] valueColumns;

	private final Measure[] valueMeasures;

	private final int[] valueYears;

	/**
	 * @param dataset the dataset the file belongs to
	 * @param file the file's name as shown to users
	 * @param header the header row's cells
	 * @param countries the country reference
	 * @throws SourceFormatException if the header lacks a column the dataset names
	 */
	public RowMapper(DatasetSpec dataset, String file, List<String> header, CountryReference countries) {
		this.dataset = dataset;
		this.file = file;
		this.header = List.copyOf(header);
		this.countries = countries;
		this.numbers = new NumberParser(dataset.missing());
		this.countryColumns = dataset.columns()
			.country()
			.stream()
			.mapToInt(this::indexOf)
			.filter((i) -> i >= 0)
			.toArray();
		if (this.countryColumns.length == 0) {
			throw missingColumn("country", dataset.columns().country());
		}
		List<int[]> values = new ArrayList<>();
		List<Measure> measures = new ArrayList<>();
		if (dataset.layout() == Layout.WIDE) {
			this.yearColumn = -1;
			for (int i = 0; i < header.size(); i++) {
				OptionalInt year = YearHeader.parse(header.get(i));
				if (year.isPresent()) {
					values.add(new int[] { i, year.getAsInt() });
					measures.add(dataset.measure());
				}
			}
			if (values.isEmpty()) {
				throw new SourceFormatException(file + ": no year columns in the header (a wide table needs headers "
						+ "such as 1995 or 1995 [YR1995]); found " + header);
			}
		}
		else {
			this.yearColumn = required("year", dataset.columns().year());
			Map<Measure, List<String>> columns = new EnumMap<>(Measure.class);
			if (!dataset.columns().value().isEmpty()) {
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

	private int required(String role, List<String> names) {
		return names.stream()
			.mapToInt(this::indexOf)
			.filter((i) -> i >= 0)
			.findFirst()
			.orElseThrow(() -> missingColumn(role, names));
	}

	private SourceFormatException missingColumn(String role, List<String> names) {
		return new SourceFormatException(
				this.file + ": no " + role + " column: expected one of " + names + ", the header has " + this.header);
	}

	private int indexOf(String name) {
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		for (int i = 0; i < this.header.size(); i++) {
			if (this.header.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Maps one row.
	 * @param source the row
	 * @return the country's observations, or the aggregate the row is about
	 * @throws RowRejectedException if the whole row is unusable
	 */
	public MappedRow map(SourceRow source) {
		List<String> cells = source.values();
		checkWidth(source);
		List<String> candidates = new ArrayList<>(this.countryColumns.length);
		for (int column : this.countryColumns) {
			candidates.add(cell(cells, column));
		}
		Resolution resolution = this.countries.resolve(candidates);
		if (resolution instanceof Resolution.AggregateFound found) {
			return new MappedRow.AggregateRow(source.row(), found.aggregate(), candidates.get(0));
		}
		if (resolution instanceof Resolution.Unknown unknown) {
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
			throw reject(source.row(), column, String.join(" | ", candidates), reason);
		}
		Resolution.Known known = (Resolution.Known) resolution;
		int fixedYear = 0;
		if (this.yearColumn >= 0) {
			String raw = cell(cells, this.yearColumn);
			OptionalInt year = YearHeader.parse(raw);
			if (year.isEmpty()) {
				throw reject(source.row(), this.yearColumn, raw, "\"" + raw.strip() + "\" is not a year between "
						+ YearHeader.FIRST + " and " + YearHeader.LAST);
			}
			fixedYear = year.getAsInt();
		}
		List<Observation> observations = new ArrayList<>(this.valueColumns.length);
		List<Rejection> rejections = new ArrayList<>(0);
		for (int i = 0; i < this.valueColumns.length; i++) {
			int column = this.valueColumns[i];
			String raw = cell(cells, column);
			try {
				Optional<BigDecimal> value = this.numbers.parse(raw);
				if (value.isPresent()) {
					long persons = NumberParser.toPersons(value.get(), this.dataset.scale());
					int year = (this.yearColumn >= 0) ? fixedYear : this.valueYears[i];
					observations.add(
							new Observation(known.country().key(), year, this.valueMeasures[i], persons, source.row()));
				}
			}
			catch (ValueException ex) {
				rejections.add(rejection(source.row(), column, raw, ex.getMessage()));
			}
		}
		return new MappedRow.CountryRow(source.row(), known.country(), observations, rejections);
	}

	private void checkWidth(SourceRow source) {
		List<String> cells = source.values();
		if (cells.size() == this.header.size()) {
			return;
		}
		boolean onlyEmptyExtra = cells.size() > this.header.size()
				&& cells.subList(this.header.size(), cells.size()).stream().allMatch(String::isBlank);
		if (!onlyEmptyExtra) {
			throw reject(source.row(), -1, String.join(String.valueOf(this.dataset.delimiter()), cells),
					"the row has " + cells.size() + " cells where the header has " + this.header.size());
		}
	}

	private static String cell(List<String> cells, int column) {
		return (column < cells.size()) ? cells.get(column) : "";
	}

	private RowRejectedException reject(long row, int column, String raw, String reason) {
		return new RowRejectedException(rejection(row, column, raw, reason));
	}

	private Rejection rejection(long row, int column, String raw, String reason) {
		String name = (column >= 0 && column < this.header.size()) ? this.header.get(column) : "";
		return new Rejection(this.dataset.id(), this.file, "", row, name, raw, reason);
	}

}
