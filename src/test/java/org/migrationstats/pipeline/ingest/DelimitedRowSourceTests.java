package org.migrationstats.pipeline.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrationstats.pipeline.ingest.excel.TableFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DelimitedRowSource} on the dialect fixtures of
 * {@code src/test/resources/dialects} (see the README there).
 */
class DelimitedRowSourceTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static List<SourceRow> rows(DelimitedRowSource source) {
		List<SourceRow> rows = new ArrayList<>();
		try (source) {
			SourceRow row;
			while ((row = source.next()) != null) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static List<SourceRow> rows(String name, Charset encoding) {
		return rows(Dialects.open(name, encoding));
	}

	@Nested
	class Delimiters {

		@ParameterizedTest(name = "{0}: U+{1}")
		@CsvSource({ "semicolon-decimal-comma-cp1252.csv, 003B", "utf8-bom.csv, 002C", "tab.txt, 0009",
				"pipe.txt, 007C", "quoted-newlines.csv, 002C", "thousands-separators.csv, 002C",
				"missing-markers.csv, 002C", "title-and-notes.csv, 002C", "unnamed-index.csv, 002C",
				"trailing-delimiter.csv, 003B", "ragged-row.csv, 002C", "header-only.csv, 002C" })
		void areDetectedFromTheFirstLines(String name, String codePoint) {
			Charset encoding = name.contains("cp1252") ? WINDOWS_1252 : StandardCharsets.UTF_8;
			try (DelimitedRowSource source = Dialects.open(name, encoding)) {
				assertThat(source.delimiter()).isEqualTo((char) Integer.parseInt(codePoint, 16));
			}
		}

		@Test
		void aGivenDelimiterIsUsedAsGiven() {
			try (DelimitedRowSource source = new DelimitedRowSource(Dialects.file("tab.txt"), "tab.txt", ',',
					StandardCharsets.UTF_8)) {
				assertThat(source.delimiter()).isEqualTo(',');
				assertThat(source.next().values()).hasSize(1);
			}
		}

		@Test
		void aCommaWhenNoCandidateSplitsAnyLine() {
			assertThat(DelimitedRowSource.detect("Kazakhstan\nKyrgyzstan\n")).isEqualTo(',');
		}

		@Test
		void notesWithCommasDoNotOutvoteTheTable() {
			String head = "country;1990;1991\nKazakhstan;17154054;17278600\nKyrgyzstan;4391236;4463634\n"
					+ "Source: World Bank, WDI, 2025\n";
			assertThat(DelimitedRowSource.detect(head)).isEqualTo(';');
		}

	}

	@Nested
	class Encodings {

		@Test
		void windows1252IsDecodedAndCrLfLeftOut() {
			List<SourceRow> rows = rows("semicolon-decimal-comma-cp1252.csv", WINDOWS_1252);
			assertThat(rows).extracting(SourceRow::row).containsExactly(1L, 2L, 3L, 4L);
			assertThat(rows.get(1).values()).containsExactly("C\u00f4te d'Ivoire", "79,979", "92,228", "104,006",
					"113,215", "120,247", "124,501");
			assertThat(rows.get(3).values().get(0)).isEqualTo("T\u00fcrkiye");
			assertThat(rows.get(3).values().get(6)).isEqualTo("-149,737");
		}

		@Test
		void windows1252ReadAsUtf8NamesTheLineAndByteOffset() {
			try (DelimitedRowSource source = Dialects.open("semicolon-decimal-comma-cp1252.csv",
					StandardCharsets.UTF_8)) {
				assertThat(source.next().row()).isEqualTo(1);
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessage("semicolon-decimal-comma-cp1252.csv, line 2, byte offset 40: byte F4 is not valid "
							+ "UTF-8 (the dataset's encoding; set 'encoding' in the job file if the file uses another)");
			}
		}

		@Test
		void aByteOrderMarkIsSkipped() {
			List<SourceRow> rows = rows("utf8-bom.csv", StandardCharsets.UTF_8);
			assertThat(rows.get(0).values()).containsExactly("Country Name", "Country Code", "Year", "Value");
			assertThat(rows).hasSize(7);
			assertThat(rows.get(6)).isEqualTo(new SourceRow(7, List.of("Kazakhstan", "KAZ", "1995", "16730536")));
		}

		@Test
		void excelUnicodeTextIsUtf16WithTabs() {
			try (DelimitedRowSource source = Dialects.open("utf16le-excel-unicode-text.txt", StandardCharsets.UTF_16)) {
				assertThat(source.delimiter()).isEqualTo('\t');
				assertThat(source.next().values()).containsExactly("Country Name", "Country Code", "1990", "1991",
						"1992");
				assertThat(source.next())
					.isEqualTo(new SourceRow(2, List.of("Kazakhstan", "KAZ", "17154054", "17278600", "17332625")));
				assertThat(source.next().values().get(0)).isEqualTo("T\u00fcrkiye");
				assertThat(source.next()).isNull();
			}
		}

		@Test
		void excelUnicodeTextReadAsUtf8IsRefusedAtItsFirstByte() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.open("utf16le-excel-unicode-text.txt", StandardCharsets.UTF_8))
				.withMessage("utf16le-excel-unicode-text.txt, line 1, byte offset 0: byte FF is not valid UTF-8 "
						+ "(the dataset's encoding; set 'encoding' in the job file if the file uses another)");
		}

		@Test
		void aUtf8ByteOrderMarkInAWindows1252DatasetIsRefused() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.open("utf8-bom.csv", WINDOWS_1252))
				.withMessage("utf8-bom.csv: the file begins with the byte-order mark of UTF-8, but the dataset's "
						+ "encoding is windows-1252; set 'encoding: UTF-8' in the job file");
		}

		@Test
		void aUtf16ByteOrderMarkInALatin1DatasetIsRefused() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.open("utf16le-excel-unicode-text.txt", StandardCharsets.ISO_8859_1))
				.withMessage("utf16le-excel-unicode-text.txt: the file begins with the byte-order mark of UTF-16, "
						+ "but the dataset's encoding is ISO-8859-1; set 'encoding: UTF-16' in the job file");
		}

		@Test
		void invalidUtf8IsAnErrorAfterTheRowsBeforeIt() {
			try (DelimitedRowSource source = Dialects.open("invalid-utf8.csv", StandardCharsets.UTF_8)) {
				assertThat(source.next().row()).isEqualTo(1);
				assertThat(source.next().values()).containsExactly("Kazakhstan", "17154054", "17278600");
				assertThat(source.next().values()).containsExactly("Kyrgyzstan", "4391236", "4463634");
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessage("invalid-utf8.csv, line 4, byte offset 75: byte F4 is not valid UTF-8 "
							+ "(the dataset's encoding; set 'encoding' in the job file if the file uses another)");
			}
		}

		@Test
		void invalidUtf8InTheFirstBytesIsAnErrorWhenOpening() throws Exception {
			java.nio.file.Path file = java.nio.file.Files.createTempFile("dialect", ".csv");
			try {
				java.nio.file.Files.write(file, new byte[] { (byte) 0xC3, '(', ',', '1', '\n' });
				assertThatExceptionOfType(SourceFormatException.class)
					.isThrownBy(() -> new DelimitedRowSource(file, "bad.csv", (char) 0, StandardCharsets.UTF_8))
					.withMessageStartingWith("bad.csv, line 1, byte offset 0: byte C3 is not valid UTF-8");
			}
			finally {
				java.nio.file.Files.delete(file);
			}
		}

	}

	@Nested
	class Quoting {

		@Test
		void quotedFieldsKeepLineBreaksDoubledQuotesAndDelimiters() {
			List<SourceRow> rows = rows("quoted-newlines.csv", StandardCharsets.UTF_8);
			assertThat(rows).extracting(SourceRow::row).containsExactly(1L, 3L, 4L, 6L);
			assertThat(rows.get(0).values()).containsExactly("Country\nName", "Country Code", "Year", "Value",
					"Comment");
			assertThat(rows.get(1).values()).containsExactly("Kazakhstan", "KAZ", "1990", "17154054",
					"census \"1989\" base");
			assertThat(rows.get(2).values()).containsExactly("Kazakhstan", "KAZ", "1991", "17278600",
					"revised,\nsee \"note 2\"");
			assertThat(rows.get(3).values()).containsExactly("Kazakhstan", "KAZ", "1992", "17332625", "");
		}

		@Test
		void quotedThousandsSeparatorsStayInTheCell() {
			List<SourceRow> rows = rows("thousands-separators.csv", StandardCharsets.UTF_8);
			assertThat(rows.get(1).values()).containsExactly("Kazakhstan", "KAZ", "17,154,054", "17,278,600",
					"17,332,625");
			assertThat(rows.get(2).values()).containsExactly("Kyrgyz Republic", "KGZ", "4 391 236", "4 463 634",
					"4 515 400");
		}

		@Test
		void anUnbalancedQuoteNamesTheRowWhereItOpens() {
			try (DelimitedRowSource source = Dialects.open("unbalanced-quote.csv", StandardCharsets.UTF_8)) {
				assertThat(source.next().row()).isEqualTo(1);
				assertThat(source.next().row()).isEqualTo(2);
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessage("unbalanced-quote.csv, row 3: a quoted field is not closed before the end of the "
							+ "file (an unbalanced quote)");
			}
		}

		@Test
		void textAfterAClosingQuoteNamesTheRow() {
			byte[] bytes = "a,b\n1,2\n\"x\"y,3\n".getBytes(StandardCharsets.UTF_8);
			DelimitedRowSource source = new DelimitedRowSource(new ByteArrayInputStream(bytes), "junk.csv", (char) 0,
					StandardCharsets.UTF_8);
			try (source) {
				source.next();
				source.next();
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessage("junk.csv, row 3: text after the closing quote of a quoted field "
							+ "(a quote inside a quoted field is written twice: \"\")");
			}
		}

	}

	@Nested
	class Layouts {

		@Test
		void aTrailingDelimiterGivesAnEmptyLastCell() {
			List<SourceRow> rows = rows("trailing-delimiter.csv", StandardCharsets.UTF_8);
			assertThat(rows).hasSize(3).allSatisfy((row) -> assertThat(row.values()).hasSize(5).endsWith(""));
		}

		@Test
		void anUnnamedFirstColumnIsAnEmptyCell() {
			List<SourceRow> rows = rows("unnamed-index.csv", StandardCharsets.UTF_8);
			assertThat(rows.get(0).values()).startsWith("", "country", "1990");
			assertThat(rows.get(2).values()).startsWith("1", "Uzbekistan", "-73.478");
		}

		@Test
		void aRaggedRowIsReadAsWritten() {
			List<SourceRow> rows = rows("ragged-row.csv", StandardCharsets.UTF_8);
			assertThat(rows).extracting((row) -> row.values().size()).containsExactly(4, 4, 3, 4);
		}

		@Test
		void blankLinesAreRowsSoThatRowNumbersAreLines() {
			List<SourceRow> rows = rows("title-and-notes.csv", StandardCharsets.UTF_8);
			assertThat(rows).extracting(SourceRow::row).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
			assertThat(rows.get(8).values().get(0))
				.isEqualTo("Source: United Nations, DESA, Population Division (2024).");
		}

		@Test
		void aHeaderOnlyFileHasOneRow() {
			assertThat(rows("header-only.csv", StandardCharsets.UTF_8)).singleElement()
				.isEqualTo(new SourceRow(1, List.of("Country Name", "Country Code", "Year", "Value")));
		}

	}

	@Nested
	class OpenedByContent {

		@ParameterizedTest(name = "{0}")
		@CsvSource({ "semicolon-decimal-comma-cp1252.csv", "utf8-bom.csv", "tab.txt", "pipe.txt", "quoted-newlines.csv",
				"invalid-utf8.csv", "unbalanced-quote.csv", "header-only.csv" })
		void textFilesAreReadAsDelimitedText(String name) {
			Charset encoding = name.contains("cp1252") ? WINDOWS_1252 : StandardCharsets.UTF_8;
			try (RowSource rows = TableFiles.open(Dialects.file(name), name, Dialects.worldBank(encoding), "")) {
				assertThat(rows).isInstanceOf(DelimitedRowSource.class);
				assertThat(rows.next().row()).isEqualTo(1);
			}
		}

		@Test
		void anEmptyFileIsRefusedBeforeItIsOpened() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> TableFiles.open(Dialects.file("empty.csv"), "empty.csv",
						Dialects.worldBank(StandardCharsets.UTF_8), ""))
				.withMessage("empty.csv: the file is empty");
		}

	}

	@Nested
	class Failures {

		@Test
		void anEmptyFileIsRefusedWhenOpened() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> Dialects.open("empty.csv", StandardCharsets.UTF_8))
				.withMessage("empty.csv: the file is empty");
		}

		@Test
		void aMissingFileIsNamed() {
			assertThatExceptionOfType(SourceFormatException.class)
				.isThrownBy(() -> new DelimitedRowSource(Dialects.file("empty.csv").resolveSibling("gone.csv"),
						"gone.csv", (char) 0, StandardCharsets.UTF_8))
				.withMessage("gone.csv: file not found");
		}

	}

	/**
	 * A row longer than the dataset allows (here 1 KiB, the rows 10 KiB; 1 MiB by
	 * default), such as one field of 200 MB or a quote left open: reading stops at the
	 * limit instead of filling the memory, naming the row and the byte offset reached.
	 */
	@Nested
	class RowLength {

		private static final int LIMIT = 1024;

		private DelimitedRowSource source(String text) {
			return new DelimitedRowSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "long.csv",
					(char) 0, StandardCharsets.UTF_8, LIMIT);
		}

		@Test
		void anUnquotedFieldLongerThanTheLimitStopsTheFileAtItsRow() {
			String text = "Country,Year,Value\nKAZ,2001,1\nKAZ,2002," + "9".repeat(10 * 1024) + "\nKAZ,2003,3\n";
			try (DelimitedRowSource source = source(text)) {
				assertThat(source.next().values()).containsExactly("Country", "Year", "Value");
				assertThat(source.next().values()).containsExactly("KAZ", "2001", "1");
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessageStartingWith("long.csv, row 3: a row of more than 1,024 characters (max-line-length), "
							+ "read up to byte offset ")
					.withMessageEndingWith(": the file is read no further; a quote left open makes the rest of a "
							+ "file one field, and a row this long needs a higher max-line-length in the job file");
			}
		}

		@Test
		void aQuotedFieldWithLineBreaksCountsAsOneRow() {
			String field = "\"" + "note line\n".repeat(1024) + "\"";
			try (DelimitedRowSource source = source("Country,Year,Note\nKAZ,2001,x\nKAZ,2002," + field + "\n")) {
				source.next();
				source.next();
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessageStartingWith("long.csv, row 3: a row of more than 1,024 characters");
			}
		}

		@Test
		void aQuoteLeftOpenStopsTheFileWhereItsRowBegins() {
			StringBuilder text = new StringBuilder("Country,Year,Value\nKAZ,2001,\"1\nKAZ,2002,2\n");
			for (int i = 0; i < 5000; i++) {
				text.append("KAZ,").append(2003 + i % 100).append(",3\n");
			}
			try (DelimitedRowSource source = source(text.toString())) {
				source.next();
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessageStartingWith("long.csv, row 2: a row of more than 1,024 characters");
			}
		}

		@Test
		void aRowJustOverTheLimitIsMeasuredExactly() {
			String text = "Country,Year,Note\nKAZ,2001,x\nKAZ,2002," + "n".repeat(LIMIT - 8) + "\n";
			try (DelimitedRowSource source = source(text)) {
				source.next();
				assertThat(source.next().values()).containsExactly("KAZ", "2001", "x");
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(source::next)
					.withMessageStartingWith("long.csv, row 3: a row of more than 1,024 characters");
			}
		}

		@Test
		void rowsUpToTheLimitAreRead() {
			StringBuilder text = new StringBuilder("Country,Year,Note\n");
			for (int i = 0; i < 100; i++) {
				text.append("KAZ,2001,\"").append("n".repeat(LIMIT - 12)).append("\"\n");
			}
			assertThat(rows(source(text.toString()))).hasSize(101)
				.allSatisfy((row) -> assertThat(String.join(",", row.values()).length()).isLessThanOrEqualTo(LIMIT));
		}

	}

}
