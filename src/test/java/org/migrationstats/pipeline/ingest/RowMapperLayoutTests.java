package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.MappedRow.CountryRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The layouts a job file declares beyond one header row: group headings over repeated
 * years (the UN DESA workbook), period headers, series columns, decimal commas, names
 * with indents and footnote marks, and the sheet in every reject.
 */
class RowMapperLayoutTests {

	private static final CountryReference COUNTRIES = CountryReference.shipped();

	/** Rows 8 and 11 of the UN DESA 2020 workbook's Table 1, cut to two years. */
	private static final Header UNDESA = Header.combine(List.of(
			List.of("", "", "", "", "", "International migrant stock at mid-year, both sexes combined", "",
					"International migrant stock at mid-year, males", ""),
			List.of(), List.of(), List.of("", "Region, development group, country or area", "Notes", "Location code",
					"Type of data", "1990", "1995", "1990", "1995")),
			11);

	@Test
	void takeTheYearColumnsUnderTheNamedGroupHeading() {
		RowMapper mapper = new RowMapper(wide(table("both sexes", TableSpec.PeriodYear.NONE, false)), "undesa.xlsx",
				"Table 1", UNDESA, COUNTRIES);
		CountryRow row = (CountryRow) mapper.map(new SourceRow(99,
				List.of("88", "   Kazakhstan", "", "398", "B R", "3619200", "3251968", "1666164", "1497455")));
		assertThat(row.observations()).extracting(Observation::year, Observation::value)
			.containsExactly(tuple(1990, 3_619_200L), tuple(1995, 3_251_968L));
		assertThat(row.observations()).allSatisfy((o) -> assertThat(o.row()).isEqualTo(99));
	}

	@Test
	void refuseYearsRepeatedUnderSeveralGroupsUnlessTheJobFilePicksOne() {
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> new RowMapper(wide(TableSpec.DEFAULT), "undesa.xlsx", "Table 1", UNDESA, COUNTRIES))
			.withMessage("undesa.xlsx, sheet \"Table 1\": year 1990 heads 2 columns "
					+ "(International migrant stock at mid-year, both sexes combined / 1990; "
					+ "International migrant stock at mid-year, males / 1990): set header-rows and header-group "
					+ "in the job file to pick one group");
	}

	@Test
	void sayWhichGroupHadNoYearColumns() {
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> new RowMapper(wide(table("females", TableSpec.PeriodYear.NONE, false)), "undesa.xlsx",
					"Table 1", UNDESA, COUNTRIES))
			.withMessageStartingWith("undesa.xlsx, sheet \"Table 1\": no year columns in the header under a group "
					+ "heading containing \"females\"");
	}

	@Test
	void matchNamesWrittenWithIndentsAndFootnoteMarksButRejectThemAsWritten() {
		DatasetSpec byName = new DatasetSpec("undesa", "undesa.xlsx", (char) 0, StandardCharsets.UTF_8, Layout.WIDE,
				Measure.MIGRANT_STOCK,
				new ColumnMapping(List.of("Region, development group, country or area"), List.of(), List.of(),
						Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false,
				table("both sexes", TableSpec.PeriodYear.NONE, false));
		RowMapper mapper = new RowMapper(byName, "undesa.xlsx", "Table 1", UNDESA, COUNTRIES);
		CountryRow isleOfMan = (CountryRow) mapper
			.map(new SourceRow(174, List.of("163", "   Isle of Man*", "9", "833", "B", "34769", "36886")));
		assertThat(isleOfMan.country().key()).isEqualTo("IMN");
		CountryRow withLetter = (CountryRow) mapper
			.map(new SourceRow(175, List.of("", "Kazakhstan (a)", "", "", "", "1", "2")));
		assertThat(withLetter.country().key()).isEqualTo("KAZ");
		assertThatExceptionOfType(RowRejectedException.class)
			.isThrownBy(() -> mapper.map(new SourceRow(176, List.of("", "  Atlantis*", "", "", "", "1", "2"))))
			.satisfies((ex) -> assertThat(ex.getRejection())
				.extracting(Rejection::sheet, Rejection::row, Rejection::column, Rejection::rawValue)
				.containsExactly("Table 1", 176L, "Region, development group, country or area", "  Atlantis*"));
	}

	@Test
	void giveAPeriodsFigureToTheYearTheJobFileSays() {
		Header periods = Header.of(1, List.of("country_code", "1990-1995", "1995\u20132000"));
		RowMapper end = new RowMapper(wide(table("", TableSpec.PeriodYear.END, false)), "periods.csv", "", periods,
				COUNTRIES);
		assertThat(((CountryRow) end.map(new SourceRow(2, List.of("398", "1500", "700")))).observations())
			.extracting(Observation::year)
			.containsExactly(1995, 2000);
		RowMapper start = new RowMapper(wide(table("", TableSpec.PeriodYear.START, false)), "periods.csv", "", periods,
				COUNTRIES);
		assertThat(((CountryRow) start.map(new SourceRow(2, List.of("398", "1500", "700")))).observations())
			.extracting(Observation::year)
			.containsExactly(1990, 1995);
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> new RowMapper(wide(TableSpec.DEFAULT), "periods.csv", "", periods, COUNTRIES))
			.withMessage("periods.csv: the header has period columns such as \"1990-1995\": set period-year (start "
					+ "or end) in the job file to say which year a period's figure counts in");
	}

	@Test
	void readDecimalCommasWhereTheDatasetSaysSo() {
		Header header = Header.of(1, List.of("country_code", "1994"));
		RowMapper mapper = new RowMapper(wide(table("", TableSpec.PeriodYear.NONE, true)), "wpp-fr.csv", "", header,
				COUNTRIES);
		assertThat(((CountryRow) mapper.map(new SourceRow(2, List.of("398", "1.234.567")))).observations())
			.extracting(Observation::value)
			.containsExactly(1_234_567L);
		assertThat(((CountryRow) mapper.map(new SourceRow(3, List.of("398", "15 656 677,0")))).observations())
			.extracting(Observation::value)
			.containsExactly(15_656_677L);
		assertThat(((CountryRow) mapper.map(new SourceRow(4, List.of("398", "1,2O3")))).rejections())
			.extracting(Rejection::column, Rejection::rawValue, Rejection::reason)
			.containsExactly(
					tuple("1994", "1,2O3", "\"1,2O3\" is not a number (with a decimal comma, as the dataset says)"));
		assertThatExceptionOfType(SourceFormatException.class)
			.as("a decimal point in a dataset declared with a decimal comma fails the file")
			.isThrownBy(() -> mapper.map(new SourceRow(5, List.of("398", "1,234.5"))))
			.withMessage("wpp-fr.csv, row 5, column \"1994\": \"1,234.5\" has a decimal point (commas between groups "
					+ "of three digits), but dataset undesa-migrant-stock is declared with 'decimal: comma'; set "
					+ "'decimal: point' in the job file");
	}

	@Test
	void takeEachRowsMeasureFromItsSeriesCodeAndFilterOtherSeries() {
		TableSpec series = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false,
				Map.of("SP.POP.TOTL", Measure.POPULATION, "SM.POP.NETM", Measure.NET_MIGRATION), TableSpec.OnError.FAIL,
				null);
		DatasetSpec dataset = new DatasetSpec("wdi", "wdi.csv", ',', StandardCharsets.UTF_8, Layout.LONG, null,
				new ColumnMapping(List.of("Country Code"), List.of("Year"), List.of("Value"), Map.of(),
						List.of("Series Code")),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false, series);
		RowMapper mapper = new RowMapper(dataset, "wdi.csv", "",
				Header.of(1, List.of("Country Code", "Series Code", "Year", "Value")), COUNTRIES);
		assertThat(((CountryRow) mapper.map(new SourceRow(2, List.of("KAZ", "SP.POP.TOTL", "2002", "15656677"))))
			.observations()).extracting(Observation::measure, Observation::value)
			.containsExactly(tuple(Measure.POPULATION, 15_656_677L));
		assertThat(((CountryRow) mapper.map(new SourceRow(3, List.of("KAZ", "sm.pop.netm", "2002", "-8272"))))
			.observations()).extracting(Observation::measure).containsExactly(Measure.NET_MIGRATION);
		assertThat(mapper.map(new SourceRow(4, List.of("KAZ", "SP.DYN.CBRT.IN", "2002", "16.4"))))
			.isEqualTo(new MappedRow.OtherSeriesRow(4, "SP.DYN.CBRT.IN"));
	}

	private static TableSpec table(String group, TableSpec.PeriodYear periodYear, boolean decimalComma) {
		return new TableSpec(TableSpec.Format.AUTO, List.of(), 0, group.isEmpty() ? 1 : 4, group, periodYear,
				decimalComma, Map.of(), TableSpec.OnError.FAIL, null);
	}

	private static DatasetSpec wide(TableSpec table) {
		return new DatasetSpec("undesa-migrant-stock", "undesa.xlsx", (char) 0, StandardCharsets.UTF_8, Layout.WIDE,
				Measure.MIGRANT_STOCK,
				new ColumnMapping(List.of("Location code", "country_code"), List.of(), List.of(), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false, table);
	}

}
