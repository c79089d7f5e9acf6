package org.migrationstats.pipeline.ingest.excel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of {@code src/test/resources/published-data} that are not counts of persons,
 * read by the same table layer as the datasets: the WPP rates per 1,000 (the pipeline
 * computes its own rates from counts, and these are what they are checked against) and
 * the two country code tables.
 */
class SharedTablesTests {

	private static final Path DATA = Path.of("src/test/resources/published-data");

	@Test
	void readTheWppRatesWithTheirDecimalsAsWritten() {
		for (String file : List.of("cnmr.txt", "cbr.txt", "cdr.txt")) {
			List<SourceRow> rows = readAll("wpp2024/" + file, "country_code");
			assertThat(rows).as(file).hasSize(297);
		}
		TableReader cnmr = TableFiles.openTable(DATA.resolve("wpp2024/cnmr.txt"), "cnmr.txt", dataset("country_code"),
				"");
		int y1994 = cnmr.header().indexOf("1994");
		assertThat(cnmr.header().size()).isEqualTo(76);
		SourceRow kazakhstan = find(cnmr, "398");
		assertThat(kazakhstan.values().get(1)).isEqualTo("Kazakhstan");
		assertThat(kazakhstan.values().get(y1994)).as("crude net migration rate, 1994").isEqualTo("-30.511");
	}

	@Test
	void readTheCountryCodeTablesWithNamibiasCodeAsText() {
		List<SourceRow> codes = readAll("countries/country-codes.csv", "ISO3166-1-Alpha-3");
		assertThat(codes).hasSize(249);
		TableReader table = TableFiles.openTable(DATA.resolve("countries/country-codes.csv"), "country-codes.csv",
				dataset("ISO3166-1-Alpha-3"), "");
		int alpha3 = table.header().indexOf("ISO3166-1-Alpha-3");
		int alpha2 = table.header().indexOf("ISO3166-1-Alpha-2");
		SourceRow namibia = null;
		for (SourceRow row = table.next(); row != null; row = table.next()) {
			if (row.values().get(alpha3).equals("NAM")) {
				namibia = row;
			}
		}
		assertThat(namibia).isNotNull();
		assertThat(namibia.values().get(alpha2)).isEqualTo("NA");
	}

	@Test
	void skipTheByteOrderMarkOfTheM49TableAndKeepItsZeroPaddedCodes() {
		TableReader table = TableFiles.openTable(DATA.resolve("countries/UNSD-en.csv"), "UNSD-en.csv",
				dataset("ISO-alpha3 Code"), "");
		assertThat(table.header().names().get(0)).isEqualTo("Global Code");
		assertThat(table.header().row()).isEqualTo(1);
		int m49 = table.header().indexOf("M49 Code");
		List<String> first = table.next().values();
		assertThat(first.get(m49)).isEqualTo("012");
		assertThat(readAll("countries/UNSD-en.csv", "ISO-alpha3 Code")).hasSize(249);
	}

	private static SourceRow find(TableReader table, String code) {
		for (SourceRow row = table.next(); row != null; row = table.next()) {
			if (row.values().get(0).equals(code)) {
				return row;
			}
		}
		throw new AssertionError("no row " + code);
	}

	private static List<SourceRow> readAll(String file, String country) {
		List<SourceRow> rows = new ArrayList<>();
		try (TableReader table = TableFiles.openTable(DATA.resolve(file), file, dataset(country), "")) {
			for (SourceRow row = table.next(); row != null; row = table.next()) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static DatasetSpec dataset(String countryColumn) {
		return new DatasetSpec("shared", "shared", (char) 0, StandardCharsets.UTF_8, Layout.WIDE, Measure.POPULATION,
				new ColumnMapping(List.of(countryColumn), List.of(), List.of(), Map.of()), BigDecimal.ONE,
				JobSpecReader.DEFAULT_MISSING, "", 1);
	}

}
