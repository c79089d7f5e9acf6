package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.MappedRow.AggregateRow;
import org.migrationstats.pipeline.ingest.MappedRow.CountryRow;
import org.migrationstats.pipeline.ingest.MappedRow.FilteredOutRow;
import org.migrationstats.pipeline.ingest.MappedRow.HeadingRow;
import org.migrationstats.pipeline.ingest.MappedRow.OtherSeriesRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.LengthLimits;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rows of publishers' tables as they come, mapped without false rejects: a UN Statistical
 * Yearbook table (region codes, rows of series the job does not map), a UN flows table
 * with classifier columns and a column saying the measure, a UN DESA table with section
 * headings, and the limits that keep a row's memory bounded.
 */
class PublishersTablesTests {

	private static final CountryReference COUNTRIES = CountryReference.shipped();

	private static DatasetSpec dataset(Layout layout, Measure measure, ColumnMapping columns, TableSpec table) {
		return new DatasetSpec("publisher", "table.csv", ',', StandardCharsets.UTF_8, layout, measure, columns,
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false, table);
	}

	private static TableSpec table(Map<String, Measure> series, Map<String, List<String>> filters,
			LengthLimits lengths) {
		return new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false, series,
				filters, TableSpec.OnError.FAIL, null, 0, lengths);
	}

	/**
	 * UN Statistical Yearbook, "International migrants and refugees" (SYB66_327): the
	 * area code column, the name column with an empty header, one series per row.
	 */
	@Nested
	class StatisticalYearbook {

		private static final Header HEADER = Header.of(2,
				List.of("Region/Country/Area", "", "Year", "Series", "Value", "Footnotes", "Source"));

		private static final String STOCK = "International migrant stock: Both sexes (number)";

		private final RowMapper mapper = new RowMapper(
				dataset(Layout.LONG, null,
						new ColumnMapping(List.of("Region/Country/Area"), List.of("Year"), List.of("Value"), Map.of(),
								List.of("Series")),
						table(Map.of(STOCK, Measure.MIGRANT_STOCK), Map.of(), null)),
				"syb.csv", "", HEADER, COUNTRIES);

		private MappedRow map(long row, String... cells) {
			return this.mapper.map(new SourceRow(row, List.of(cells)));
		}

		@Test
		void takeTheMappedSeriesOfACountry() {
			CountryRow kazakhstan = (CountryRow) map(40, "398", "Kazakhstan", "2005", STOCK, "3334100", "",
					"United Nations Population Division");
			assertThat(kazakhstan.observations())
				.extracting(Observation::measure, Observation::year, Observation::value)
				.containsExactly(tuple(Measure.MIGRANT_STOCK, 2005, 3_334_100L));
		}

		@Test
		void setAsideRegionCodesAsAggregatesInTheCodeColumn() {
			assertThat(map(3, "1", "Total, all countries or areas", "2005", STOCK, "191446286", "", ""))
				.isInstanceOfSatisfying(AggregateRow.class, (a) -> assertThat(a.aggregate().name()).isEqualTo("World"));
			assertThat(map(9, "419", "Latin America & the Caribbean", "2005", STOCK, "7235000", "", ""))
				.isInstanceOf(AggregateRow.class);
			assertThat(map(12, "015", "Northern Africa", "2005", STOCK, "1985000", "", "")).as("zero-padded")
				.isInstanceOf(AggregateRow.class);
		}

		@Test
		void filterRowsOfOtherSeriesBeforeTheirAreaIsLookedUp() {
			assertThat(map(4, "1", "Total, all countries or areas", "2005",
					"International migrant stock: Both sexes (% total population)", "2.9", "", ""))
				.isEqualTo(new OtherSeriesRow(4, "International migrant stock: Both sexes (% total population)"));
			assertThat(map(5, "9999", "Somewhere not an area", "2005",
					"Total refugees and people in refugee-like situations (number)", "12", "", ""))
				.as("an unknown code in a row of another series is no reject")
				.isInstanceOf(OtherSeriesRow.class);
			assertThat(
					map(6, "398", "Kazakhstan", "n/a", "Asylum seekers, including pending cases (number)", "1", "", ""))
				.as("nor a year that is not one")
				.isInstanceOf(OtherSeriesRow.class);
		}

		@Test
		void stillRejectAnUnknownAreaOfTheMappedSeries() {
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> map(7, "9999", "Somewhere", "2005", STOCK, "12", "", ""))
				.satisfies((ex) -> assertThat(ex.getRejection().reason()).startsWith("unknown country '9999'"));
		}

	}

	/**
	 * A UN flows table: one row per country, criterion, coverage and type of flow, one
	 * column per year.
	 */
	@Nested
	class FlowsWithClassifierColumns {

		private static final Header HEADER = Header.of(4,
				List.of("Country", "Code", "Criteria", "Coverage", "Type", "2010", "2011"));

		private static DatasetSpec flows(Map<String, List<String>> filters) {
			return dataset(Layout.WIDE, null,
					new ColumnMapping(List.of("Code", "Country"), List.of(), List.of(), Map.of(), List.of("Type")),
					table(Map.of("Immigrants", Measure.IMMIGRANTS, "Emigrants", Measure.EMIGRANTS), filters, null));
		}

		private final RowMapper mapper = new RowMapper(
				flows(Map.of("Criteria", List.of("Residence"), "Coverage", List.of("Both sexes"))), "flows.csv", "",
				HEADER, COUNTRIES);

		private MappedRow map(long row, String... cells) {
			return this.mapper.map(new SourceRow(row, List.of(cells)));
		}

		@Test
		void giveEachRowTheMeasureItsTypeColumnSays() {
			assertThat(((CountryRow) map(5, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Immigrants", "41000",
					"38000"))
				.observations()).extracting(Observation::measure, Observation::year, Observation::value)
				.containsExactly(tuple(Measure.IMMIGRANTS, 2010, 41_000L), tuple(Measure.IMMIGRANTS, 2011, 38_000L));
			assertThat(
					((CountryRow) map(6, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Emigrants", "29000", "32000"))
						.observations())
				.extracting(Observation::measure, Observation::value)
				.containsExactly(tuple(Measure.EMIGRANTS, 29_000L), tuple(Measure.EMIGRANTS, 32_000L));
		}

		@Test
		void filterRowsOfATypeTheJobDoesNotMap() {
			assertThat(map(7, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Net", "12000", "6000"))
				.isEqualTo(new OtherSeriesRow(7, "Net"));
		}

		@Test
		void filterRowsWhoseClassifierColumnsHoldOtherValues() {
			assertThat(map(8, "Kazakhstan", "KAZ", "Citizenship", "Both sexes", "Immigrants", "40000", "37000"))
				.isInstanceOfSatisfying(FilteredOutRow.class, (f) -> {
					assertThat(f.reason()).isEqualTo("filters keep Criteria: Residence");
					assertThat(f.raw()).isEqualTo("Citizenship");
				});
			assertThat(map(9, "Kazakhstan", "KAZ", "Residence", "Male", "Immigrants", "21000", "19000"))
				.isInstanceOfSatisfying(FilteredOutRow.class,
						(f) -> assertThat(f.reason()).isEqualTo("filters keep Coverage: Both sexes"));
			assertThat(map(10, "Kazakhstan", "KAZ", "  residence* ", "BOTH  SEXES", "Immigrants", "1", "2"))
				.as("compared as headers are: case, spaces and footnote marks aside")
				.isInstanceOf(CountryRow.class);
		}

		@Test
		void keepAnyOfTheValuesAListGives() {
			RowMapper either = new RowMapper(flows(Map.of("Criteria", List.of("Residence", "Birth"))), "flows.csv", "",
					HEADER, COUNTRIES);
			assertThat(
					either.map(new SourceRow(5, List.of("Kazakhstan", "KAZ", "Birth", "Male", "Immigrants", "1", "2"))))
				.isInstanceOf(CountryRow.class);
			assertThat(either
				.map(new SourceRow(6, List.of("Kazakhstan", "KAZ", "Citizenship", "Male", "Immigrants", "1", "2"))))
				.isInstanceOfSatisfying(FilteredOutRow.class,
						(f) -> assertThat(f.reason()).isEqualTo("filters keep Criteria: Residence, Birth"));
		}

		@Test
		void filterBeforeTheCountryIsLookedUp() {
			assertThat(map(11, "Europe", "150", "Citizenship", "Both sexes", "Immigrants", "1", "2"))
				.isInstanceOf(FilteredOutRow.class);
			assertThat(map(12, "Neverland", "", "Residence", "Female", "Immigrants", "1", "2"))
				.isInstanceOf(FilteredOutRow.class);
		}

		@Test
		void refuseAFileWithoutAFilterColumnNamingItAndTheHeader() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> new RowMapper(flows(Map.of("Sex", List.of("Both sexes"))), "flows.csv", "", HEADER,
						COUNTRIES))
				.withMessage("flows.csv: no column \"Sex\" for the dataset's filters: the header (row 4) has "
						+ "[Country, Code, Criteria, Coverage, Type, 2010, 2011]");
		}

	}

	/**
	 * A UN DESA International Migrant Stock table, whose area column holds section
	 * headings between the areas.
	 */
	@Nested
	class SectionHeadings {

		private static final Header HEADER = Header.of(11,
				List.of("Index", "Region, development group, country or area", "Notes", "Location code", "Type of data",
						"1990", "1995"));

		private final RowMapper mapper = new RowMapper(
				dataset(Layout.WIDE, Measure.MIGRANT_STOCK,
						new ColumnMapping(List.of("Location code", "Region, development group, country or area"),
								List.of(), List.of(), Map.of()),
						table(Map.of(), Map.of(), null)),
				"ims.xlsx", "Table 1", HEADER, COUNTRIES);

		private MappedRow map(long row, String... cells) {
			return this.mapper.map(new SourceRow(row, List.of(cells)));
		}

		@Test
		void setAsideANameWithoutCodeOrValues() {
			assertThat(map(13, "2", "UN development groups", "", "", "", "", ""))
				.isEqualTo(new HeadingRow(13, "UN development groups"));
			assertThat(map(20, "9", "World Bank income groups", "", "", ""))
				.as("a workbook leaves out the empty cells at the end of a row")
				.isEqualTo(new HeadingRow(20, "World Bank income groups"));
			assertThat(((HeadingRow) map(30, "", "  Geographic regions", "", "", "", "", "")).raw())
				.isEqualTo("Geographic regions");
		}

		@Test
		void stillRejectAnUnknownNameWithValues() {
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> map(14, "3", "Atlantis", "", "", "B", "12", "14"))
				.satisfies((ex) -> assertThat(ex.getRejection().reason()).startsWith("unknown country 'Atlantis'"));
		}

		@Test
		void stillRejectAnUnknownCodeWithANameEvenWithoutValues() {
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> map(15, "4", "Atlantis", "", "9999", "", "", ""));
		}

		@Test
		void stillRejectARowWithoutAnyNameButWithValues() {
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> map(16, "5", "", "", "", "", "12", "14"))
				.satisfies((ex) -> assertThat(ex.getRejection().reason()).isEqualTo("no country code or name"));
		}

		@Test
		void mapTheCountriesBetweenTheHeadings() {
			assertThat(((CountryRow) map(99, "88", "   Kazakhstan", "", "398", "B R", "3619200", "3251968"))
				.observations()).extracting(Observation::value).containsExactly(3_619_200L, 3_251_968L);
		}

	}

	@Nested
	class YearColumnsOutsideTheAcceptedYears {

		@Test
		void listEachOnceAsARejectionOfTheHeaderRow() {
			Header header = Header.of(3, List.of("Country", "1700", "1820", "'2250'", "2020"));
			RowMapper mapper = new RowMapper(dataset(Layout.WIDE, Measure.POPULATION,
					new ColumnMapping(List.of("Country"), List.of(), List.of(), Map.of()),
					table(Map.of(), Map.of(), null)), "historical.csv", "", header, COUNTRIES);
			assertThat(mapper.leftOutColumns())
				.extracting(Rejection::row, Rejection::column, Rejection::rawValue, Rejection::reason)
				.containsExactly(
						tuple(3L, "1700", "1700", "year 1700 is outside 1800\u20132200: the column is left out"),
						tuple(3L, "'2250'", "'2250'", "year 2250 is outside 1800\u20132200: the column is left out"));
			assertThat(((CountryRow) mapper.map(new SourceRow(4, List.of("KAZ", "1", "2", "3", "4")))).observations())
				.extracting(Observation::year)
				.containsExactly(1820, 2020);
		}

		@Test
		void listPeriodsOutsideTheYearsWhereTheJobFileReadsPeriods() {
			Header header = Header.of(1, List.of("Country", "1750-1755", "1990-1995"));
			TableSpec periods = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.END,
					false, Map.of(), TableSpec.OnError.FAIL, null);
			RowMapper mapper = new RowMapper(
					dataset(Layout.WIDE, Measure.NET_MIGRATION,
							new ColumnMapping(List.of("Country"), List.of(), List.of(), Map.of()), periods),
					"periods.csv", "", header, COUNTRIES);
			assertThat(mapper.leftOutColumns()).extracting(Rejection::reason)
				.containsExactly("period 1750-1755 is outside 1800\u20132200: the column is left out");
		}

	}

	@Nested
	class CellLength {

		@Test
		void rejectARowWithACellLongerThanTheDatasetAllows() {
			RowMapper mapper = new RowMapper(
					dataset(Layout.LONG, Measure.POPULATION,
							new ColumnMapping(List.of("Country"), List.of("Year"), List.of("Value"), Map.of()),
							table(Map.of(), Map.of(), new LengthLimits(1024, 4096))),
					"notes.csv", List.of("Country", "Year", "Value", "Note"), COUNTRIES);
			String note = "n".repeat(10 * 1024);
			assertThatExceptionOfType(RowRejectedException.class)
				.isThrownBy(() -> mapper.map(new SourceRow(7, List.of("KAZ", "2002", "15000000", note))))
				.satisfies((ex) -> assertThat(ex.getRejection())
					.extracting(Rejection::row, Rejection::column, Rejection::reason)
					.containsExactly(7L, "Note",
							"a cell of 10,240 characters, more than max-field-length (1,024): the row is left out"))
				.satisfies((ex) -> assertThat(ex.getRejection().rawValue()).hasSize(101));
			assertThat(mapper.map(new SourceRow(8, List.of("KAZ", "2002", "15000000", "n".repeat(1024)))))
				.isInstanceOf(CountryRow.class);
		}

	}

}
