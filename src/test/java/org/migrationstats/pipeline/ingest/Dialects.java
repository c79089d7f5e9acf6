package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.MappedRow.CountryRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * The dialect fixtures of {@code src/test/resources/dialects} and the datasets that read
 * them, for the ingest tests.
 */
final class Dialects {

	static final CountryReference COUNTRIES = CountryReference.shipped();

	static final BigDecimal THOUSANDS = BigDecimal.valueOf(1000);

	private Dialects() {
	}

	/**
	 * @param name a fixture's file name
	 * @return its path
	 */
	static Path file(String name) {
		try {
			return Path.of(Dialects.class.getResource("/dialects/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Opens a fixture with its delimiter detected.
	 */
	static DelimitedRowSource open(String name, Charset encoding) {
		return new DelimitedRowSource(file(name), name, (char) 0, encoding);
	}

	/**
	 * A wide dataset (a column per year) with a default table layout.
	 */
	static DatasetSpec wide(List<String> countryColumns, BigDecimal scale, Charset encoding) {
		return wide(countryColumns, scale, encoding, TableSpec.DEFAULT);
	}

	static DatasetSpec wide(List<String> countryColumns, BigDecimal scale, Charset encoding, TableSpec table) {
		return new DatasetSpec("dialect", "dialects/*", (char) 0, encoding, Layout.WIDE, Measure.NET_MIGRATION,
				new ColumnMapping(countryColumns, List.of(), List.of(), Map.of()), scale, JobSpecReader.DEFAULT_MISSING,
				"test", 1, "", false, table);
	}

	/**
	 * A World Bank style long dataset: Country Name, Country Code, Year, Value.
	 */
	static DatasetSpec worldBank(Charset encoding) {
		return new DatasetSpec("dialect", "dialects/*", (char) 0, encoding, Layout.LONG, Measure.POPULATION,
				new ColumnMapping(List.of("Country Code", "Country Name"), List.of("Year"), List.of("Value"), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "test", 1, "", false, TableSpec.DEFAULT);
	}

	static TableSpec decimalComma() {
		TableSpec d = TableSpec.DEFAULT;
		return new TableSpec(d.format(), d.sheets(), d.headerRow(), d.headerRows(), d.headerGroup(), d.periodYear(),
				true, d.series(), d.onError(), d.limits());
	}

	/**
	 * Reads a fixture through {@link DelimitedRowSource}, {@link TableReader} and
	 * {@link RowMapper}, as an ingest step does.
	 */
	static Read read(String name, DatasetSpec dataset) {
		try (TableReader table = new TableReader(open(name, dataset.encoding()), name, dataset.table().headerRow(),
				dataset.table().headerRows(), dataset.columns().country())) {
			RowMapper mapper = new RowMapper(dataset, name, table.sheet(), table.header(), COUNTRIES);
			List<SourceRow> rows = new ArrayList<>();
			List<Observation> observations = new ArrayList<>();
			List<Rejection> rejections = new ArrayList<>();
			SourceRow row;
			while ((row = table.next()) != null) {
				rows.add(row);
				try {
					MappedRow mapped = mapper.map(row);
					if (mapped instanceof CountryRow country) {
						observations.addAll(country.observations());
						rejections.addAll(country.rejections());
					}
				}
				catch (RowRejectedException ex) {
					rejections.add(ex.getRejection());
				}
			}
			return new Read(table.header(), rows, observations, rejections, table.notes());
		}
	}

	/**
	 * What reading a fixture gave.
	 *
	 * @param header the table's header
	 * @param rows the data rows
	 * @param observations the observations of all rows
	 * @param rejections the rejected rows and cells
	 * @param notes how many note rows below the data were left out
	 */
	record Read(Header header, List<SourceRow> rows, List<Observation> observations, List<Rejection> rejections,
			long notes) {

		List<Long> rowNumbers() {
			return this.rows.stream().map(SourceRow::row).toList();
		}

	}

}
