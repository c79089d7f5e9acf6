package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A dataset, its columns and its table refuse, when made in code, what a job file is
 * refused for: every {@link DatasetSpec} is one the pipeline can read.
 */
class DatasetSpecTests {

	private static final ColumnMapping COUNTRY = new ColumnMapping(List.of("country_code"), List.of(), List.of(),
			Map.of());

	private static final ColumnMapping LONG = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of("Value"),
			Map.of());

	private static DatasetSpec dataset(String id, Layout layout, Measure measure, ColumnMapping columns,
			TableSpec table) {
		return new DatasetSpec(id, "input/table.csv", ',', StandardCharsets.UTF_8, layout, measure, columns,
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false, table);
	}

	private static DatasetSpec wide(Measure measure, ColumnMapping columns) {
		return dataset("wpp", Layout.WIDE, measure, columns, TableSpec.DEFAULT);
	}

	private static DatasetSpec longTable(Measure measure, ColumnMapping columns) {
		return dataset("wb", Layout.LONG, measure, columns, TableSpec.DEFAULT);
	}

	private static TableSpec table(int headerRow, int headerRows, String headerGroup) {
		return new TableSpec(TableSpec.Format.AUTO, List.of(), headerRow, headerRows, headerGroup,
				TableSpec.PeriodYear.NONE, false, Map.of(), TableSpec.OnError.FAIL, null);
	}

	@Nested
	class Datasets {

		@Test
		void areMadeAsTheReaderMakesThem() {
			assertThat(wide(Measure.NET_MIGRATION, COUNTRY).vintage()).isEmpty();
			assertThat(longTable(Measure.POPULATION, LONG).table()).isEqualTo(TableSpec.DEFAULT);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|',
				value = { "WPP|dataset id must be lower-case letters, digits and hyphens, found 'WPP'",
						"-wpp|dataset id must be lower-case letters, digits and hyphens, found '-wpp'",
						"wpp net|dataset id must be lower-case letters, digits and hyphens, found 'wpp net'" })
		void refuseAnIdThatIsNotLowerCaseLettersDigitsAndHyphens(String id, String message) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset(id, Layout.WIDE, Measure.BIRTHS, COUNTRY, null))
				.withMessage(message);
		}

		@Test
		void refuseAnIdLongerThanSixtyCharacters() {
			assertThat(dataset("a".repeat(60), Layout.WIDE, Measure.BIRTHS, COUNTRY, null).id()).hasSize(60);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset("a".repeat(61), Layout.WIDE, Measure.BIRTHS, COUNTRY, null))
				.withMessage("dataset id must be at most 60 characters, found 61");
		}

		@Test
		void refuseAMissingPathDelimiterOutsideTheListAndAScaleOfZero() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DatasetSpec("wpp", " ", ',', StandardCharsets.UTF_8, Layout.WIDE, Measure.BIRTHS,
						COUNTRY, BigDecimal.ONE, List.of(), "", 1))
				.withMessage("dataset 'wpp' needs the path of its files");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DatasetSpec("wpp", "wpp.txt", ':', StandardCharsets.UTF_8, Layout.WIDE,
						Measure.BIRTHS, COUNTRY, BigDecimal.ONE, List.of(), "", 1))
				.withMessage("dataset 'wpp': the delimiter must be one of , ; | tab, or 0 to detect it, found ':'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DatasetSpec("wpp", "wpp.txt", '\t', StandardCharsets.UTF_8, Layout.WIDE,
						Measure.BIRTHS, COUNTRY, BigDecimal.ZERO, List.of(), "", 1))
				.withMessage("dataset 'wpp': the scale must be a factor above 0, such as 1000 for thousands, found 0");
		}

		@Test
		void refuseMissingPartsNamingThem() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DatasetSpec("wpp", "wpp.txt", '\t', StandardCharsets.UTF_8, null, Measure.BIRTHS,
						COUNTRY, BigDecimal.ONE, List.of(), "", 1))
				.withMessage("dataset 'wpp' needs its encoding, layout, columns and missing-value markers");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DatasetSpec("wpp", "wpp.txt", '\t', StandardCharsets.UTF_8, Layout.WIDE,
						Measure.BIRTHS, COUNTRY, BigDecimal.ONE, List.of(), "", -1))
				.withMessage("dataset 'wpp': the line must be 0 (not read from a file) or more, found -1");
		}

		@Test
		void refuseAWideTableWithYearValueOrMeasureColumns() {
			assertThatIllegalArgumentException().isThrownBy(() -> wide(Measure.BIRTHS, LONG))
				.withMessage("dataset 'wpp': a wide dataset takes its years from the header: name only the 'country' "
						+ "column, and a 'series' column if a column says each row's measure");
		}

		@Test
		void refuseAWideTableWithoutMeasureOrSeriesColumn() {
			assertThatIllegalArgumentException().isThrownBy(() -> wide(null, COUNTRY))
				.withMessage("dataset 'wpp' is wide: it needs 'measure' (one of population, population-change, "
						+ "immigrants, emigrants, net-migration, births, deaths, migrant-stock), or a series column "
						+ "saying each row's measure with 'series'");
		}

		@Test
		void refuseAWideTableWithBothMeasureAndSeriesColumn() {
			ColumnMapping series = new ColumnMapping(List.of("Code"), List.of(), List.of(), Map.of(), List.of("Type"));
			TableSpec codes = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE,
					false, Map.of("Immigrants", Measure.IMMIGRANTS), TableSpec.OnError.FAIL, null);
			assertThat(dataset("flows", Layout.WIDE, null, series, codes).columns().series()).containsExactly("Type");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset("flows", Layout.WIDE, Measure.IMMIGRANTS, series, codes))
				.withMessage("dataset 'flows': 'measure: immigrants' and a 'series' column exclude each other: the "
						+ "dataset's 'series' names the measure of each value of the series column");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset("flows", Layout.WIDE, null, series, TableSpec.DEFAULT))
				.withMessage("dataset 'flows': a series column and 'series' (each series code with its measure) go "
						+ "together: give both");
		}

		@Test
		void refuseALongTableWithoutYearOrValues() {
			assertThatIllegalArgumentException().isThrownBy(() -> longTable(Measure.POPULATION, COUNTRY))
				.withMessage("dataset 'wb': a long dataset needs a 'year' column");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> longTable(Measure.POPULATION,
						new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of(), Map.of())))
				.withMessage("dataset 'wb': a long dataset needs a 'value' column (with 'measure') or measure "
						+ "columns such as 'immigrants'");
		}

		@Test
		void refuseAValueColumnWithoutMeasure() {
			assertThatIllegalArgumentException().isThrownBy(() -> longTable(null, LONG))
				.withMessage("dataset 'wb': a 'value' column needs the dataset's 'measure'");
		}

		@Test
		void refuseAMeasureBesideMeasureColumns() {
			ColumnMapping flows = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of(),
					Map.of(Measure.IMMIGRANTS, List.of("In"), Measure.EMIGRANTS, List.of("Out")));
			assertThat(longTable(null, flows).measure()).isNull();
			assertThatIllegalArgumentException().isThrownBy(() -> longTable(Measure.NET_MIGRATION, flows))
				.withMessage("dataset 'wb': 'measure: net-migration' goes with a 'value' column; measure columns "
						+ "(emigrants, immigrants) name their measures themselves: remove 'measure'");
		}

		@Test
		void refuseASeriesColumnOfALongTableBesideAMeasure() {
			ColumnMapping series = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of("Value"), Map.of(),
					List.of("Series"));
			TableSpec codes = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE,
					false, Map.of("SP.POP.TOTL", Measure.POPULATION), TableSpec.OnError.FAIL, null);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset("wdi", Layout.LONG, Measure.POPULATION, series, codes))
				.withMessage("dataset 'wdi': a 'series' column goes with one 'value' column, and the dataset's "
						+ "'series' names the measure of each series code: remove 'measure' and measure columns");
		}

		@Test
		void refuseAHeaderGroupOnALongTable() {
			assertThat(dataset("undesa", Layout.WIDE, Measure.MIGRANT_STOCK, COUNTRY, table(0, 4, "both sexes")).table()
				.headerGroup()).isEqualTo("both sexes");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> dataset("wb", Layout.LONG, Measure.POPULATION, LONG, table(0, 4, "both sexes")))
				.withMessage("dataset 'wb': header-group picks year columns by the header rows above them: it needs "
						+ "layout: wide and header-rows of 2 or more");
		}

	}

	@Nested
	class Columns {

		@Test
		void refuseAMappingWithoutCountryColumn() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ColumnMapping(List.of(), List.of("Year"), List.of("Value"), Map.of()))
				.withMessage("columns needs 'country': the header(s) of the country code or name column");
		}

		@Test
		void refuseAValueColumnBesideMeasureColumns() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of("Value"),
						Map.of(Measure.IMMIGRANTS, List.of("In"))))
				.withMessage("name either a 'value' column or measure columns, not both");
		}

		@Test
		void keepTheirOwnCopyOfEveryList() {
			List<String> headers = new ArrayList<>(List.of("In"));
			ColumnMapping columns = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of(),
					Map.of(Measure.IMMIGRANTS, headers));
			headers.add("Arrivals");
			assertThat(columns.measures().get(Measure.IMMIGRANTS)).containsExactly("In");
		}

	}

	@Nested
	class Tables {

		@Test
		void refuseAnEmptySheetNameAndSheetsOfATextFile() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TableSpec(TableSpec.Format.XLSX, List.of(" "), 0, 1, "",
						TableSpec.PeriodYear.NONE, false, Map.of(), TableSpec.OnError.FAIL, null))
				.withMessage("a sheet name is empty");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TableSpec(TableSpec.Format.TEXT, List.of("Table 1"), 0, 1, "",
						TableSpec.PeriodYear.NONE, false, Map.of(), TableSpec.OnError.FAIL, null))
				.withMessage("a text file has no sheets");
		}

		@ParameterizedTest(name = "header-row {0}, header-rows {1}")
		@CsvSource(delimiter = '|',
				value = { "-1|1|header-row must be a row from 1 to 1048576, or 0 to find the header, found -1",
						"1048577|1|header-row must be a row from 1 to 1048576, or 0 to find the header, found 1048577",
						"0|0|header-rows must be a whole number from 1 to 20, found 0",
						"30|21|header-rows must be a whole number from 1 to 20, found 21",
						"3|4|header-rows 4 is more than the rows down to header-row 3" })
		void refuseHeaderRowsOutsideTheSheet(int headerRow, int headerRows, String message) {
			assertThatIllegalArgumentException().isThrownBy(() -> table(headerRow, headerRows, ""))
				.withMessage(message);
		}

		@Test
		void refuseAHeaderGroupOverASingleHeaderRow() {
			assertThatIllegalArgumentException().isThrownBy(() -> table(0, 1, "both sexes"))
				.withMessage("header-group picks year columns by the header rows above them: it needs layout: wide "
						+ "and header-rows of 2 or more");
		}

		@Test
		void refuseASeriesCodeWithoutMeasure() {
			Map<String, Measure> codes = new java.util.HashMap<>();
			codes.put("SP.POP.TOTL", null);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE,
						false, codes, TableSpec.OnError.FAIL, null))
				.withMessage("series code 'SP.POP.TOTL' needs the measure it stands for");
		}

		@Test
		void refuseAFilterWithoutColumnOrValues() {
			assertThatIllegalArgumentException().isThrownBy(() -> filtered(Map.of(" ", List.of("Residence"))))
				.withMessage("a filter needs the column's header");
			assertThatIllegalArgumentException().isThrownBy(() -> filtered(Map.of("Criteria", List.of())))
				.withMessage("filter 'Criteria' must give the value, or a list of values, of the rows to keep, found "
						+ "none");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> filtered(Map.of("Criteria", List.of("Residence", ""))))
				.withMessage("filter 'Criteria' must give the value, or a list of values, of the rows to keep, found "
						+ "an empty value");
		}

		@Test
		void refuseAChunkSizeOutOfRange() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE,
						false, Map.of(), TableSpec.OnError.FAIL, null, 1_000_001))
				.withMessage("chunk-size must be a whole number from 1 to 1000000, or 0 for the pipeline's default, "
						+ "found 1000001");
		}

		@Test
		void refuseMissingFormatPeriodYearOrFailurePolicy() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new TableSpec(null, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false, Map.of(),
						TableSpec.OnError.FAIL, null))
				.withMessage("a table needs its format (AUTO to tell it from the file), its period year (NONE to "
						+ "refuse period headers) and its on-error policy");
		}

		@Test
		void acceptTheDefaultsAndTheirReadingDefinition() {
			assertThat(TableSpec.DEFAULT.reading()).isEqualTo(TableSpec.DEFAULT);
		}

		private static TableSpec filtered(Map<String, List<String>> filters) {
			return new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false, Map.of(),
					filters, TableSpec.OnError.FAIL, null, 0, null);
		}

	}

	@Nested
	class RejectAndLengthLimits {

		@Test
		void refuseARatioThatIsNotANumberFromZeroToOne() {
			assertThatIllegalArgumentException().isThrownBy(() -> new Limits(Double.NaN))
				.withMessage("max-reject-ratio must be between 0 and 1, was NaN");
			assertThatIllegalArgumentException().isThrownBy(() -> new Limits(1.5))
				.withMessage("max-reject-ratio must be between 0 and 1, was 1.5");
		}

		@Test
		void refuseANegativeCountOtherThanNoLimit() {
			assertThat(new Limits(0.05, -1).maxRejects()).isEqualTo(-1);
			assertThatIllegalArgumentException().isThrownBy(() -> new Limits(0.05, -2))
				.withMessage("max-rejects must be 0 or more, was -2");
		}

		@Test
		void refuseACellLongerThanItsRow() {
			assertThatIllegalArgumentException().isThrownBy(() -> new LengthLimits(2048, 1024))
				.withMessage("a cell cannot be longer than its row: max-field-length 2048 > max-line-length 1024");
			assertThatIllegalArgumentException().isThrownBy(() -> new LengthLimits(0, 1024))
				.withMessage("length limits must be from 1 to 268435456 characters, were 0 and 1024");
		}

	}

}
