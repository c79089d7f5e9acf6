package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.MappedRow.AggregateRow;
import org.migrationstats.pipeline.ingest.MappedRow.CountryRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link RowMapper} on rows quoted from WPP 2024 migration.txt (wide, values in
 * thousands) and World Bank population.csv (long).
 */
class RowMapperTests {

	private static final CountryReference COUNTRIES = CountryReference.shipped();

	/**
	 * The header of WPP 2024 migration.txt: country_code, country, 1950 … 2023,
	 * last.observed.
	 */
	private static final List<String> WPP_HEADER = wppHeader();

	/** Kazakhstan's row of WPP 2024 migration.txt, tab-separated as in the file. */
	private static final String KAZAKHSTAN = "398\tKazakhstan\t93.281\t92.347\t89.802\t85.12\t85.568\t84.893\t84.375\t"
			+ "83.148\t76.412\t84.931\t83.525\t85.981\t90.842\t94.932\t98.761\t103.626\t101.999\t105.83\t105.89\t"
			+ "77.805\t72\t65.291\t53.914\t30.467\t28.807\t26.332\t127.735\t135.047\t131.248\t-60.198\t-67.731\t"
			+ "-74.624\t-76.976\t-84.566\t-96.266\t-103.115\t-23.297\t-32.724\t-25.892\t-72.096\t-103.336\t-104.271\t"
			+ "-214.015\t-292.682\t-520.028\t-412.775\t-469.331\t-481.38\t-488.075\t-61.031\t-8.754\t-7.333\t-8.272\t"
			+ "-16.027\t-22.841\t-20.171\t-21.728\t-26.237\t-37.796\t-7.758\t-6.84\t-3.16\t-4.512\t-3.925\t-10.17\t"
			+ "-2.011\t9.478\t21.248\t-6.644\t2.594\t-8.716\t-9.804\t45.755\t-4.822\t2023";

	/** The World row of WPP 2024 migration.txt: net migration of the whole world is 0. */
	private static final String WORLD = "900\tWorld" + "\t0".repeat(74) + "\t2023";

	private static final List<String> WB_HEADER = List.of("Country Name", "Country Code", "Year", "Value");

	private static List<String> wppHeader() {
		List<String> header = new ArrayList<>(List.of("country_code", "country"));
		IntStream.rangeClosed(1950, 2023).mapToObj(String::valueOf).forEach(header::add);
		header.add("last.observed");
		return header;
	}

	private static DatasetSpec wpp() {
		return new DatasetSpec("wpp-net-migration", "input/wpp2024/migration.txt", '\t', StandardCharsets.UTF_8,
				Layout.WIDE, Measure.NET_MIGRATION,
				new ColumnMapping(List.of("country_code", "country"), List.of(), List.of(), Map.of()),
				BigDecimal.valueOf(1000), JobSpecReader.DEFAULT_MISSING, "UN World Population Prospects 2024", 20);
	}

	private static DatasetSpec worldBank(List<String> countryColumns) {
		return new DatasetSpec("wb-population", "input/worldbank/population.csv", ',', StandardCharsets.UTF_8,
				Layout.LONG, Measure.POPULATION,
				new ColumnMapping(countryColumns, List.of("Year"), List.of("Value"), Map.of()), BigDecimal.ONE,
				JobSpecReader.DEFAULT_MISSING, "World Bank SP.POP.TOTL, 2025 revision", 10);
	}

	private static SourceRow tabs(long row, String line) {
		return new SourceRow(row, Arrays.asList(line.split("\t", -1)));
	}

	@Nested
	class WideTables {

		private final RowMapper mapper = new RowMapper(wpp(), "migration.txt", WPP_HEADER, COUNTRIES);

		@Test
		void turnARowIntoOneObservationPerYearInPersons() {
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, KAZAKHSTAN));
			assertThat(mapped.row()).isEqualTo(8);
			assertThat(mapped.country().key()).isEqualTo("KAZ");
			assertThat(mapped.rejections()).isEmpty();
			assertThat(mapped.observations()).hasSize(74)
				.allSatisfy(
						(o) -> assertThat(o).extracting(Observation::country, Observation::measure, Observation::row)
							.containsExactly("KAZ", Measure.NET_MIGRATION, 8L));
			assertThat(mapped.observations()).extracting(Observation::year)
				.containsExactlyElementsOf(IntStream.rangeClosed(1950, 2023).boxed().toList());
			assertThat(mapped.observations()).extracting(Observation::year, Observation::value)
				.contains(tuple(1950, 93281L), tuple(1970, 72000L), tuple(1994, -520028L), tuple(2023, -4822L));
		}

		@Test
		void sumThePersonsOfEveryYear() {
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, KAZAKHSTAN));
			long total = mapped.observations().stream().mapToLong(Observation::value).sum();
			long since1991 = mapped.observations()
				.stream()
				.filter((o) -> o.year() >= 1991 && o.year() <= 2002)
				.mapToLong(Observation::value)
				.sum();
			assertThat(total).isEqualTo(-1_542_946L);
			assertThat(since1991).isEqualTo(-3_067_947L);
		}

		@Test
		void ignoreTheLastObservedColumn() {
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, KAZAKHSTAN));
			assertThat(mapped.observations()).extracting(Observation::value).doesNotContain(2_023_000L);
			assertThat(mapped.observations()).filteredOn((o) -> o.year() == 2023).hasSize(1);
		}

		@Test
		void setAnAggregateRowAside() {
			MappedRow mapped = this.mapper.map(tabs(2, WORLD));
			assertThat(mapped).isInstanceOf(AggregateRow.class);
			AggregateRow aggregate = (AggregateRow) mapped;
			assertThat(aggregate.row()).isEqualTo(2);
			assertThat(aggregate.raw()).isEqualTo("900");
			assertThat(aggregate.aggregate().scheme()).isEqualTo("M49");
			assertThat(aggregate.aggregate().code()).isEqualTo("900");
			assertThat(aggregate.aggregate().name()).isEqualTo("World");
		}

		@Test
		void rejectARowAboutAnUnknownCountryWithItsPlaceAndRawValue() {
			String unknown = KAZAKHSTAN.replace("398\tKazakhstan\t", "399\tKazakstan\t");
			assertThatExceptionOfType(RowRejectedException.class).isThrownBy(() -> this.mapper.map(tabs(8, unknown)))
				.satisfies((ex) -> {
					Rejection rejection = ex.getRejection();
					assertThat(rejection.dataset()).isEqualTo("wpp-net-migration");
					assertThat(rejection.file()).isEqualTo("migration.txt");
					assertThat(rejection.sheet()).isEmpty();
					assertThat(rejection.row()).isEqualTo(8);
					assertThat(rejection.column()).isEqualTo("country_code");
					assertThat(rejection.rawValue()).isEqualTo("country_code: \"399\" ; country: \"Kazakstan\"");
					assertThat(rejection.reason()).isEqualTo("unknown country '399'; closest known: Kazakhstan");
					assertThat(ex).hasMessage("migration.txt, row 8, column \"country_code\": "
							+ "unknown country '399'; closest known: Kazakhstan");
					// a rejected row is data, not a failure: no stack is filled in for it
					assertThat(ex.getStackTrace()).isEmpty();
				});
		}

		@Test
		void rejectARowWithNeitherCodeNorName() {
			String blank = KAZAKHSTAN.replace("398\tKazakhstan\t", "\t\t");
			assertThatExceptionOfType(RowRejectedException.class).isThrownBy(() -> this.mapper.map(tabs(8, blank)))
				.satisfies((ex) -> assertThat(ex.getRejection().reason()).isEqualTo("no country code or name"));
		}

		@Test
		void rejectABadCellAndKeepTheOthers() {
			String bad = KAZAKHSTAN.replace("\t-520.028\t", "\t1,2O3\t");
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, bad));
			assertThat(mapped.observations()).hasSize(73);
			assertThat(mapped.observations()).extracting(Observation::year).doesNotContain(1994).contains(1993, 1995);
			assertThat(mapped.rejections()).singleElement().satisfies((rejection) -> {
				assertThat(rejection.file()).isEqualTo("migration.txt");
				assertThat(rejection.row()).isEqualTo(8);
				assertThat(rejection.column()).isEqualTo("1994");
				assertThat(rejection.rawValue()).isEqualTo("1,2O3");
				assertThat(rejection.describe())
					.isEqualTo("migration.txt, row 8, column \"1994\": \"1,2O3\" is not a number");
			});
		}

		@Test
		void skipMissingValuesWithoutRejectingThem() {
			String gaps = KAZAKHSTAN.replace("\t93.281\t", "\t..\t").replace("\t-4.822\t", "\t\t");
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, gaps));
			assertThat(mapped.observations()).hasSize(72);
			assertThat(mapped.observations()).extracting(Observation::year).doesNotContain(1950, 2023);
			assertThat(mapped.rejections()).isEmpty();
		}

		@Test
		void rejectARaggedRowWithTheCellCounts() {
			String ragged = KAZAKHSTAN.substring(0, KAZAKHSTAN.lastIndexOf('\t'));
			assertThatExceptionOfType(RowRejectedException.class).isThrownBy(() -> this.mapper.map(tabs(8, ragged)))
				.satisfies((ex) -> {
					assertThat(ex.getRejection().row()).isEqualTo(8);
					assertThat(ex.getRejection().column()).isEmpty();
					assertThat(ex.getRejection().rawValue()).isEqualTo(ragged);
					assertThat(ex.getRejection().reason()).isEqualTo("the row has 76 cells where the header has 77");
				});
		}

		@Test
		void rejectARowWithExtraValues() {
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> this.mapper.map(tabs(8, KAZAKHSTAN + "\t1")))
				.satisfies((ex) -> assertThat(ex.getRejection().reason())
					.isEqualTo("the row has 78 cells where the header has 77"));
		}

		@Test
		void toleratePurelyEmptyTrailingCells() {
			CountryRow mapped = (CountryRow) this.mapper.map(tabs(8, KAZAKHSTAN + "\t\t"));
			assertThat(mapped.observations()).hasSize(74);
		}

		@Test
		void refuseAHeaderWithoutYearColumns() {
			List<String> header = List.of("country_code", "country", "last.observed");
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> new RowMapper(wpp(), "migration.txt", header, COUNTRIES))
				.withMessageStartingWith("migration.txt: no year columns in the header")
				.withMessageEndingWith("found [country_code, country, last.observed]");
		}

	}

	@Nested
	class LongTables {

		@Test
		void takeTheYearFromTheYearColumn() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
					WB_HEADER, COUNTRIES);
			CountryRow mapped = (CountryRow) mapper
				.map(new SourceRow(7771, List.of("Kazakhstan", "KAZ", "1994", "17043771")));
			assertThat(mapped.country().key()).isEqualTo("KAZ");
			assertThat(mapped.rejections()).isEmpty();
			assertThat(mapped.observations()).singleElement()
				.isEqualTo(new Observation("KAZ", 1994, Measure.POPULATION, 17043771L, 7771));
		}

		@Test
		void rejectARowWhoseYearIsNotAYear() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
					WB_HEADER, COUNTRIES);
			SourceRow row = new SourceRow(7771, List.of("Kazakhstan", "KAZ", "19x4", "17043771"));
			assertThatExceptionOfType(RowRejectedException.class).isThrownBy(() -> mapper.map(row)).satisfies((ex) -> {
				assertThat(ex.getRejection().column()).isEqualTo("Year");
				assertThat(ex.getRejection().rawValue()).isEqualTo("19x4");
				assertThat(ex.getRejection().reason()).isEqualTo("\"19x4\" is not a year between 1800 and 2200");
			});
		}

		@Test
		void resolveAWorldBankNameWithACommaByName() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Name")), "population.csv", WB_HEADER,
					COUNTRIES);
			CountryRow mapped = (CountryRow) mapper
				.map(new SourceRow(1497, List.of("Bahamas, The", "BHS", "1960", "116317")));
			assertThat(mapped.country().key()).isEqualTo("BHS");
			assertThat(mapped.observations()).singleElement()
				.isEqualTo(new Observation("BHS", 1960, Measure.POPULATION, 116317L, 1497));
		}

		@Test
		void nameTheColumnThatHeldTheUnknownTextWhenTheCodeIsBlank() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
					WB_HEADER, COUNTRIES);
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> mapper.map(new SourceRow(12, List.of("Somalia, Fed. Rep.", "", "1960", "2756"))))
				.satisfies((ex) -> {
					assertThat(ex.getRejection().column()).isEqualTo("Country Name");
					assertThat(ex.getRejection().rawValue())
						.isEqualTo("Country Code: \"\" ; Country Name: \"Somalia, Fed. Rep.\"");
					assertThat(ex.getRejection().reason()).startsWith("unknown country 'Somalia, Fed. Rep.'")
						.contains("Somalia");
				});
		}

		@Test
		void labelEachCountryCellOfARejectedRowByItsColumnWithQuotesDoubled() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
					WB_HEADER, COUNTRIES);
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> mapper.map(new SourceRow(14, List.of("The \"Atlantis\" Isles", "ATL", "1960", "1"))))
				.satisfies((ex) -> assertThat(ex.getRejection().rawValue())
					.isEqualTo("Country Code: \"ATL\" ; Country Name: \"The \"\"Atlantis\"\" Isles\""));
		}

		@Test
		void keepTheOnlyCountryCellOfARejectedRowAsWritten() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Name")), "population.csv", WB_HEADER,
					COUNTRIES);
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> mapper.map(new SourceRow(15, List.of("  Atlantis*", "ATL", "1960", "1"))))
				.satisfies((ex) -> {
					assertThat(ex.getRejection().column()).isEqualTo("Country Name");
					assertThat(ex.getRejection().rawValue()).isEqualTo("  Atlantis*");
				});
		}

		@Test
		void setAWorldBankAggregateAside() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
					WB_HEADER, COUNTRIES);
			MappedRow mapped = mapper.map(new SourceRow(3, List.of("Europe & Central Asia", "ECS", "1994", "1")));
			assertThat(mapped).isInstanceOfSatisfying(AggregateRow.class,
					(row) -> assertThat(row.aggregate().code()).isEqualTo("ECS"));
		}

		@Test
		void refuseAHeaderWithoutTheYearColumnNamingFileAndExpectedNames() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> new RowMapper(worldBank(List.of("Country Code")), "population.csv",
						List.of("Country Name", "Country Code", "Time", "Value"), COUNTRIES))
				.withMessage("population.csv: no year column: expected one of [Year], the header (row 1) has "
						+ "[Country Name, Country Code, Time, Value]; set header-row in the job file if the header "
						+ "is another row");
		}

		@Test
		void refuseAHeaderWithoutAnyCountryColumn() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> new RowMapper(worldBank(List.of("Country Code", "Country Name")), "population.csv",
						List.of("Code", "Name", "Year", "Value"), COUNTRIES))
				.withMessage("population.csv: no country column: expected one of [Country Code, Country Name], "
						+ "the header (row 1) has [Code, Name, Year, Value]; set header-row in the job file if the "
						+ "header is another row");
		}

		@Test
		void matchHeadersRegardlessOfCaseAndSpaces() {
			RowMapper mapper = new RowMapper(worldBank(List.of("Country Code")), "population.csv",
					List.of("country name", " COUNTRY CODE ", "year", "value"), COUNTRIES);
			CountryRow mapped = (CountryRow) mapper
				.map(new SourceRow(2, List.of("Kazakhstan", "KAZ", "1994", "17043771")));
			assertThat(mapped.observations()).extracting(Observation::value).containsExactly(17043771L);
		}

	}

	/**
	 * Counts of persons below zero are errors, balances below zero are figures: a
	 * population of -5,000 once gave a population change of +16 million.
	 */
	@Nested
	class NegativeValues {

		private static final List<String> HEADER = List.of("ISO3", "Year", "Population", "Births", "Deaths",
				"Immigrants", "Emigrants", "Migrant stock", "Net migration", "Population change");

		private final RowMapper mapper = new RowMapper(
				new DatasetSpec("office", "office.csv", ',', StandardCharsets.UTF_8, Layout.LONG, null,
						new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of(),
								Map.of(Measure.POPULATION, List.of("Population"), Measure.BIRTHS, List.of("Births"),
										Measure.DEATHS, List.of("Deaths"), Measure.IMMIGRANTS, List.of("Immigrants"),
										Measure.EMIGRANTS, List.of("Emigrants"), Measure.MIGRANT_STOCK,
										List.of("Migrant stock"), Measure.NET_MIGRATION, List.of("Net migration"),
										Measure.POPULATION_CHANGE, List.of("Population change"))),
						BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 3),
				"office.csv", HEADER, COUNTRIES);

		@Test
		void rejectEveryCountOfPersonsBelowZeroWithItsColumnAndReason() {
			CountryRow mapped = (CountryRow) this.mapper.map(new SourceRow(5,
					List.of("KAZ", "1994", "-5000", "-1", "-2", "-3", "-4", "-5", "-520028", "-412775")));
			assertThat(mapped.rejections()).extracting(Rejection::column, Rejection::rawValue, Rejection::reason)
				.containsExactlyInAnyOrder(
						tuple("Population", "-5000",
								"\"-5000\" is below zero: a count of population cannot be negative "
										+ "(only net migration and population change can)"),
						tuple("Births", "-1",
								"\"-1\" is below zero: a count of births cannot be negative "
										+ "(only net migration and population change can)"),
						tuple("Deaths", "-2",
								"\"-2\" is below zero: a count of deaths cannot be negative "
										+ "(only net migration and population change can)"),
						tuple("Immigrants", "-3",
								"\"-3\" is below zero: a count of immigrants cannot be negative "
										+ "(only net migration and population change can)"),
						tuple("Emigrants", "-4",
								"\"-4\" is below zero: a count of emigrants cannot be negative "
										+ "(only net migration and population change can)"),
						tuple("Migrant stock", "-5",
								"\"-5\" is below zero: a count of migrant stock cannot be negative "
										+ "(only net migration and population change can)"));
			assertThat(mapped.observations()).extracting(Observation::measure, Observation::value)
				.containsExactlyInAnyOrder(tuple(Measure.NET_MIGRATION, -520028L),
						tuple(Measure.POPULATION_CHANGE, -412775L));
		}

		@Test
		void keepZeroAndPositiveCountsAndNegativeBalances() {
			CountryRow mapped = (CountryRow) this.mapper.map(new SourceRow(6,
					List.of("KAZ", "1994", "16155235", "0", "158000", "..", "..", "..", "-520028", "-0")));
			assertThat(mapped.rejections()).isEmpty();
			assertThat(mapped.observations()).extracting(Observation::measure, Observation::value)
				.containsExactlyInAnyOrder(tuple(Measure.POPULATION, 16155235L), tuple(Measure.BIRTHS, 0L),
						tuple(Measure.DEATHS, 158000L), tuple(Measure.NET_MIGRATION, -520028L),
						tuple(Measure.POPULATION_CHANGE, 0L));
		}

		@Test
		void rejectANegativeCountInThousandsOfAWideTable() {
			DatasetSpec births = new DatasetSpec("wpp-births", "births.txt", '\t', StandardCharsets.UTF_8, Layout.WIDE,
					Measure.BIRTHS,
					new ColumnMapping(List.of("country_code", "country"), List.of(), List.of(), Map.of()),
					BigDecimal.valueOf(1000), JobSpecReader.DEFAULT_MISSING, "", 20);
			RowMapper wide = new RowMapper(births, "births.txt", List.of("country_code", "country", "1994", "1995"),
					COUNTRIES);
			CountryRow mapped = (CountryRow) wide.map(tabs(9, "398\tKazakhstan\t-305.6\t276.9"));
			assertThat(mapped.rejections()).singleElement()
				.extracting(Rejection::column, Rejection::rawValue)
				.containsExactly("1994", "-305.6");
			assertThat(mapped.observations()).extracting(Observation::year, Observation::value)
				.containsExactly(tuple(1995, 276900L));
		}

	}

}
