package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.Dialects.Read;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link TableReader}, reading the dialect fixtures of
 * {@code src/test/resources/dialects} through {@link DelimitedRowSource},
 * {@link TableReader} and {@link RowMapper} with the shipped country reference.
 */
class TableReaderTests {

	private static final Charset UTF_8 = StandardCharsets.UTF_8;

	private static final DatasetSpec WPP = Dialects.wide(List.of("country_code", "country"), Dialects.THOUSANDS, UTF_8);

	private static final DatasetSpec PERSONS_BY_NAME = Dialects.wide(List.of("Country"), BigDecimal.ONE, UTF_8);

	private static List<Long> values(Read read, String country) {
		return read.observations().stream().filter((o) -> o.country().equals(country)).map(Observation::value).toList();
	}

	@Nested
	class Formats {

		@Test
		void semicolonsDecimalCommasAndWindows1252() {
			DatasetSpec dataset = Dialects.wide(List.of("Country"), Dialects.THOUSANDS, Charset.forName("windows-1252"),
					Dialects.decimalComma());
			Read read = Dialects.read("semicolon-decimal-comma-cp1252.csv", dataset);
			assertThat(read.header().row()).isEqualTo(1);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L, 4L);
			assertThat(read.rejections()).isEmpty();
			assertThat(read.observations()).hasSize(18);
			assertThat(values(read, "CIV")).containsExactly(79979L, 92228L, 104006L, 113215L, 120247L, 124501L);
			assertThat(values(read, "KAZ")).containsExactly(-103336L, -104271L, -214015L, -292682L, -520028L, -412775L);
			assertThat(values(read, "TUR")).containsExactly(-27193L, -69982L, -49923L, -35245L, -37762L, -149737L);
			assertThat(read.observations()).first()
				.isEqualTo(new Observation("CIV", 1990, Measure.NET_MIGRATION, 79979L, 2));
		}

		@Test
		void utf8WithAByteOrderMark() {
			Read read = Dialects.read("utf8-bom.csv", Dialects.worldBank(UTF_8));
			assertThat(read.header().names()).containsExactly("Country Name", "Country Code", "Year", "Value");
			assertThat(read.rowNumbers()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
			assertThat(read.rejections()).isEmpty();
			assertThat(read.observations()).extracting(Observation::year, Observation::value)
				.containsExactly(tuple(1990, 17154054L), tuple(1991, 17278600L), tuple(1992, 17332625L),
						tuple(1993, 17274487L), tuple(1994, 17043771L), tuple(1995, 16730536L));
		}

		@Test
		void tabs() {
			Read read = Dialects.read("tab.txt", WPP);
			assertThat(read.header().row()).isEqualTo(1);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L, 4L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "KAZ")).containsExactly(-103336L, -104271L, -214015L, -292682L, -520028L, -412775L);
			assertThat(values(read, "KGZ")).containsExactly(-27912L, -32276L, -33009L, -103698L, -22165L, -10767L);
			assertThat(values(read, "UZB")).containsExactly(-73478L, -29064L, -33259L, -37377L, -41788L, -45876L);
		}

		@Test
		void excelUnicodeText() {
			DatasetSpec dataset = Dialects.wide(List.of("Country Code", "Country Name"), BigDecimal.ONE,
					StandardCharsets.UTF_16);
			Read read = Dialects.read("utf16le-excel-unicode-text.txt", dataset);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "TUR")).containsExactly(56015628L, 57009887L, 57990118L);
		}

		@Test
		void pipes() {
			Read read = Dialects.read("pipe.txt", WPP);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "TUR")).containsExactly(-27193L, -69982L, -49923L, -35245L, -37762L, -149737L);
		}

		@Test
		void quotedFieldsWithLineBreaks() {
			Read read = Dialects.read("quoted-newlines.csv", Dialects.worldBank(UTF_8));
			assertThat(read.header().row()).isEqualTo(1);
			assertThat(read.header().indexOf("Country Name")).isZero();
			assertThat(read.rowNumbers()).containsExactly(3L, 4L, 6L);
			assertThat(read.rejections()).isEmpty();
			assertThat(read.observations()).containsExactly(
					new Observation("KAZ", 1990, Measure.POPULATION, 17154054L, 3),
					new Observation("KAZ", 1991, Measure.POPULATION, 17278600L, 4),
					new Observation("KAZ", 1992, Measure.POPULATION, 17332625L, 6));
		}

		@Test
		void thousandsSeparators() {
			DatasetSpec dataset = Dialects.wide(List.of("Country Code", "Country Name"), BigDecimal.ONE, UTF_8);
			Read read = Dialects.read("thousands-separators.csv", dataset);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L, 4L, 5L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "KAZ")).containsExactly(17154054L, 17278600L, 17332625L);
			assertThat(values(read, "KGZ")).containsExactly(4391236L, 4463634L, 4515400L);
			assertThat(values(read, "TUR")).containsExactly(56015628L, 57009887L, 57990118L);
			assertThat(values(read, "UZB")).containsExactly(20464956L, 20962910L, 21485090L);
		}

		@Test
		void missingMarkersGiveNoObservationAndNoReject() {
			DatasetSpec dataset = Dialects.wide(List.of("Country"), Dialects.THOUSANDS, UTF_8);
			Read read = Dialects.read("missing-markers.csv", dataset);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "KAZ")).isEmpty();
			assertThat(read.observations()).extracting(Observation::year, Observation::value)
				.containsExactly(tuple(1990, -27912L), tuple(1992, -33009L), tuple(1994, -22165L),
						tuple(1996, -10767L));
		}

		@Test
		void anUnknownMarkerIsARejectedCell() {
			DatasetSpec dataset = Dialects.wide(List.of("Country"), Dialects.THOUSANDS, UTF_8);
			DatasetSpec strict = new DatasetSpec(dataset.id(), dataset.path(), dataset.delimiter(), dataset.encoding(),
					dataset.layout(), dataset.measure(), dataset.columns(), dataset.scale(), List.of("", ".."),
					dataset.vintage(), dataset.line(), "", false, dataset.table());
			Read read = Dialects.read("missing-markers.csv", strict);
			assertThat(read.rejections())
				.extracting(Rejection::row, Rejection::column, Rejection::rawValue, Rejection::reason)
				.containsExactly(tuple(2L, "1991", "...", "\"...\" is not a number"),
						tuple(2L, "1992", "-", "\"-\" is not a number"),
						tuple(2L, "1993", "\u2014", "\"\u2014\" is not a number"),
						tuple(2L, "1994", "NA", "\"NA\" is not a number"),
						tuple(2L, "1995", "n/a", "\"n/a\" is not a number"),
						tuple(3L, "1995", "n/a", "\"n/a\" is not a number"));
			assertThat(read.rejections().get(0).describe())
				.isEqualTo("missing-markers.csv, row 2, column \"1991\": \"...\" is not a number");
		}

	}

	@Nested
	class AroundTheTable {

		@Test
		void aTitleBlockAboveTheHeaderAndNotesBelowTheData() {
			Read read = Dialects.read("title-and-notes.csv", PERSONS_BY_NAME);
			assertThat(read.header().row()).isEqualTo(4);
			assertThat(read.header().names()).containsExactly("Country", "1990", "1991", "1992", "1993", "1994",
					"1995");
			assertThat(read.rowNumbers()).containsExactly(5L, 6L);
			assertThat(read.notes()).isEqualTo(2);
			assertThat(read.rejections()).isEmpty();
			assertThat(read.observations()).hasSize(12);
		}

		@Test
		void labelledNotesSplitByTheirCommas() {
			DatasetSpec dataset = Dialects.wide(List.of("Country Code", "Country Name"), BigDecimal.ONE, UTF_8);
			Read read = Dialects.read("notes-with-commas.csv", dataset);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.notes()).isEqualTo(2);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "UZB")).containsExactly(20464956L, 20962910L);
		}

		@Test
		void aRowThatOnlyMentionsASourceIsData() {
			List<SourceRow> rows = List.of(new SourceRow(1, List.of("Country", "1990", "1991")),
					new SourceRow(2, List.of("Kazakhstan", "17154054", "17278600")),
					new SourceRow(3, List.of("Open source, free", "1", "2")));
			try (TableReader table = new TableReader(new ListRowSource(rows), "mention.csv", 0, 1,
					List.of("Country"))) {
				assertThat(table.next().row()).isEqualTo(2);
				assertThat(table.next().row()).isEqualTo(3);
				assertThat(table.notes()).isZero();
			}
		}

		@Test
		void aHeaderRowNamedInTheJobFile() {
			DatasetSpec dataset = Dialects.wide(List.of("Country"), Dialects.THOUSANDS, UTF_8, withHeaderRow(4));
			Read read = Dialects.read("title-and-notes.csv", dataset);
			assertThat(read.header().row()).isEqualTo(4);
			assertThat(read.rowNumbers()).containsExactly(5L, 6L);
			assertThat(values(read, "KGZ")).containsExactly(-27912L, -32276L, -33009L, -103698L, -22165L, -10767L);
		}

		@Test
		void anUnnamedIndexColumn() {
			DatasetSpec dataset = Dialects.wide(List.of("country"), Dialects.THOUSANDS, UTF_8);
			Read read = Dialects.read("unnamed-index.csv", dataset);
			assertThat(read.header().names()).startsWith("", "country");
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "UZB")).containsExactly(-73478L, -29064L, -33259L, -37377L, -41788L, -45876L);
		}

		@Test
		void aTrailingEmptyColumn() {
			Read read = Dialects.read("trailing-delimiter.csv", PERSONS_BY_NAME);
			assertThat(read.header().names()).containsExactly("Country", "1990", "1991", "1992");
			assertThat(read.rowNumbers()).containsExactly(2L, 3L);
			assertThat(read.rejections()).isEmpty();
			assertThat(values(read, "KAZ")).containsExactly(17154054L, 17278600L, 17332625L);
			assertThat(values(read, "UZB")).containsExactly(20464956L, 20962910L, 21485090L);
		}

		@Test
		void aRaggedRowIsRejectedAndTheOthersRead() {
			Read read = Dialects.read("ragged-row.csv", PERSONS_BY_NAME);
			assertThat(read.rowNumbers()).containsExactly(2L, 3L, 4L);
			assertThat(read.rejections()).singleElement().satisfies((rejection) -> {
				assertThat(rejection.dataset()).isEqualTo("dialect");
				assertThat(rejection.file()).isEqualTo("ragged-row.csv");
				assertThat(rejection.sheet()).isEmpty();
				assertThat(rejection.row()).isEqualTo(3);
				assertThat(rejection.column()).isEmpty();
				// a detected delimiter is not known to the mapper: the cells are joined
				// with |
				assertThat(rejection.rawValue()).isEqualTo("Kyrgyzstan|4391236|4463634");
				assertThat(rejection.reason()).isEqualTo("the row has 3 cells where the header has 4");
			});
			assertThat(read.observations()).extracting(Observation::country).containsOnly("KAZ", "UZB").hasSize(6);
		}

	}

	@Nested
	class Failures {

		@Test
		void aFirstFilledRowJustBelowTheSearchStandsAsTheHeader() {
			List<SourceRow> rows = new ArrayList<>();
			for (int r = 1; r <= TableReader.SEARCH_ROWS; r++) {
				rows.add(new SourceRow(r, List.of("", "")));
			}
			rows.add(new SourceRow(61, List.of("Area", "1995")));
			rows.add(new SourceRow(62, List.of("Kazakhstan", "15815626")));
			try (TableReader table = new TableReader(new ListRowSource(rows), "blank-top.csv", 0, 1,
					List.of("Country"))) {
				assertThat(table.header().row()).isEqualTo(61);
				assertThat(table.header().names()).containsExactly("Area", "1995");
				assertThat(table.next().row()).isEqualTo(62);
				assertThat(table.next()).isNull();
			}
		}

		@Test
		void aHeaderWithoutDataRows() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.read("header-only.csv", Dialects.worldBank(UTF_8)))
				.withMessage("header-only.csv: a header row (row 1) and no data rows");
		}

		@Test
		void anEmptyFile() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.read("empty.csv", Dialects.worldBank(UTF_8)))
				.withMessage("empty.csv: the file is empty");
		}

		@Test
		void invalidBytesAfterSomeRows() {
			List<SourceRow> before = new ArrayList<>();
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> {
				try (TableReader table = new TableReader(Dialects.open("invalid-utf8.csv", UTF_8), "invalid-utf8.csv",
						0, 1, List.of("Country"))) {
					SourceRow row;
					while ((row = table.next()) != null) {
						before.add(row);
					}
				}
			}).withMessageStartingWith("invalid-utf8.csv, line 4, byte offset 75: byte F4 is not valid UTF-8");
			assertThat(before).extracting(SourceRow::row).containsExactly(2L, 3L);
		}

		@Test
		void anUnbalancedQuote() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.read("unbalanced-quote.csv", PERSONS_BY_NAME))
				.withMessage("unbalanced-quote.csv, row 3: a quoted field is not closed before the end of the file "
						+ "(an unbalanced quote)");
		}

		@Test
		void aHeaderRowBeyondTheFile() {
			DatasetSpec dataset = Dialects.wide(List.of("Country"), BigDecimal.ONE, UTF_8, withHeaderRow(40));
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.read("ragged-row.csv", dataset))
				.withMessage("ragged-row.csv: no row 40 (header-row in the job file)");
		}

		@Test
		void noCountryColumnNamesTheHeaderFound() {
			DatasetSpec dataset = Dialects.wide(List.of("Area"), BigDecimal.ONE, UTF_8);
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.read("title-and-notes.csv", dataset))
				.withMessage("title-and-notes.csv: no country column: expected one of [Area], the header (row 1) has "
						+ "[Table 1. Net migration by country]; set header-row in the job file if the header is "
						+ "another row");
		}

	}

	private static TableSpec withHeaderRow(int row) {
		TableSpec d = TableSpec.DEFAULT;
		return new TableSpec(d.format(), d.sheets(), row, d.headerRows(), d.headerGroup(), d.periodYear(),
				d.decimalComma(), d.series(), d.onError(), d.limits());
	}

}
