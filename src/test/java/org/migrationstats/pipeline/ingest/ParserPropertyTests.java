package org.migrationstats.pipeline.ingest;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.TableSpec.PeriodYear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Properties of the ingest parsers over generated inputs: each property draws about
 * 20,000 inputs from a seeded {@link Random}, so a failure names an input that fails
 * again on the next run.
 */
class ParserPropertyTests {

	private static final int RUNS = 20_000;

	private static final long SEED = 20240611L;

	private static final String[] NUMBER_PIECES = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "345",
			"000", ",", ",", ".", ".", "'", " ", "\u00a0", "\u202f", "+", "-", "\u2212", "e", "E", "e-", "a", "x",
			"\u00e9", "\u0663", "\u0967", "\uD83D\uDE00", "\t", "..", "n/a", "NA", "\u2014", "%", "(", ")", "\n" };

	private static String pick(Random random, String[] pieces) {
		return pieces[random.nextInt(pieces.length)];
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(300).forEach((c) -> {
			if (c >= 0x20 && c < 0x7f && c != '\\') {
				out.append((char) c);
			}
			else {
				out.append(String.format("\\u%04x", c));
			}
		});
		return out + ((text.length() > 300) ? "... (" + text.length() + " chars)" : "");
	}

	@Nested
	class Numbers {

		private final NumberParser points = new NumberParser(JobSpecReader.DEFAULT_MISSING, false);

		private final NumberParser commas = new NumberParser(JobSpecReader.DEFAULT_MISSING, true);

		private String numberLike(Random random) {
			StringBuilder text = new StringBuilder();
			int pieces = random.nextInt(12);
			for (int i = 0; i < pieces; i++) {
				text.append(pick(random, NUMBER_PIECES));
			}
			switch (random.nextInt(20)) {
				case 0 -> text.append("9".repeat(random.nextInt(5000)));
				case 1 -> text.append("e").append(random.nextBoolean() ? "-" : "").append(Math.abs(random.nextLong()));
				case 2 -> text.insert(0, "1" + ",000".repeat(random.nextInt(400)));
				case 3 -> text.append("e").append(random.nextBoolean() ? "-" : "").append("99999999");
				default -> {
				}
			}
			return text.toString();
		}

		@Test
		void parsingGivesAValueOrAValueExceptionAndNothingElse() {
			Random random = new Random(SEED);
			for (int i = 0; i < RUNS; i++) {
				String text = numberLike(random);
				for (NumberParser parser : List.of(this.points, this.commas)) {
					try {
						parser.parse(text).ifPresent((value) -> {
							try {
								NumberParser.toPersons(value, Dialects.THOUSANDS);
							}
							catch (ValueException ex) {
								// too large: a value error as it should be
							}
						});
					}
					catch (ValueException ex) {
						assertThat(ex.getMessage()).isNotBlank();
					}
					catch (RuntimeException ex) {
						fail("\"" + escape(text) + "\" threw " + ex, ex);
					}
				}
			}
		}

		@Test
		void groupedNumbersReadBackAsTheirValue() throws ValueException {
			Random random = new Random(SEED);
			String[] pointGroups = { "", ",", " ", "\u00a0", "\u202f", "'" };
			String[] commaGroups = { "", ".", " ", "\u00a0", "\u202f", "'" };
			for (int i = 0; i < RUNS; i++) {
				long whole = switch (random.nextInt(10)) {
					case 0 -> Long.MIN_VALUE;
					case 1 -> Long.MAX_VALUE;
					case 2 -> random.nextInt(2000) - 1000;
					default -> random.nextLong() >> random.nextInt(64);
				};
				String fraction = (random.nextInt(3) == 0) ? String.valueOf(random.nextInt(100_000)) : "";
				boolean decimalComma = random.nextBoolean();
				String group = pick(random, decimalComma ? commaGroups : pointGroups);
				String minus = random.nextBoolean() ? "-" : "\u2212";
				String text = written(whole, group, minus)
						+ (fraction.isEmpty() ? "" : (decimalComma ? "," : ".") + fraction);
				BigDecimal expected = new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction));
				NumberParser parser = decimalComma ? this.commas : this.points;
				BigDecimal parsed = parser.parse(text).orElseThrow();
				if (parsed.compareTo(expected) != 0) {
					fail("\"" + escape(text) + "\" read as " + parsed + ", not " + expected);
				}
			}
		}

		private String written(long value, String group, String minus) {
			String digits = BigInteger.valueOf(value).abs().toString();
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < digits.length(); i++) {
				if (i > 0 && (digits.length() - i) % 3 == 0) {
					text.append(group);
				}
				text.append(digits.charAt(i));
			}
			return ((value < 0) ? minus : "") + text;
		}

	}

	@Nested
	class Years {

		private static final String[] SPACE = { "", "", " ", "  ", "\t" };

		private String year(int year) {
			return String.format("%04d", year);
		}

		@Test
		void yearHeadersAreReadAsAnOracleReadsThem() {
			Random random = new Random(SEED);
			for (int i = 0; i < RUNS; i++) {
				int year = (random.nextInt(4) == 0) ? random.nextInt(10_000) : 1700 + random.nextInt(600);
				String y = year(year);
				String core = switch (random.nextInt(6)) {
					case 0 -> y;
					case 1 -> "'" + y + "'";
					case 2 -> "\"" + y + "\"";
					case 3 -> y + " [YR" + y + "]";
					case 4 -> y + ".0";
					default -> y + "." + "0".repeat(1 + random.nextInt(4));
				};
				String text = pick(random, SPACE) + core + pick(random, SPACE);
				boolean valid = year >= YearHeader.FIRST && year <= YearHeader.LAST;
				assertThat(YearHeader.parse(text)).as(() -> escape(text))
					.isEqualTo(valid ? OptionalInt.of(year) : OptionalInt.empty());
				assertThat(YearHeader.isPeriod(text)).as(() -> escape(text)).isFalse();
				assertThat(YearHeader.periodYear(text, PeriodYear.END)).as(() -> escape(text)).isEmpty();
			}
		}

		@Test
		void periodHeadersAreReadAsAnOracleReadsThem() {
			Random random = new Random(SEED);
			String[] dashes = { "-", "\u2013", "\u2014", "/", " - ", " \u2013 " };
			for (int i = 0; i < RUNS; i++) {
				int from = (random.nextInt(4) == 0) ? random.nextInt(10_000) : 1750 + random.nextInt(500);
				int to = (random.nextInt(3) == 0) ? random.nextInt(10_000) : from + random.nextInt(11) - 1;
				to = Math.max(0, Math.min(9999, to));
				String period = year(from) + pick(random, dashes) + year(to);
				String text = pick(random, SPACE) + (random.nextInt(5) == 0 ? "'" + period + "'" : period)
						+ pick(random, SPACE);
				boolean valid = from >= YearHeader.FIRST && to <= YearHeader.LAST && from < to;
				assertThat(YearHeader.isPeriod(text)).as(() -> escape(text)).isEqualTo(valid);
				assertThat(YearHeader.parse(text)).as(() -> escape(text)).isEmpty();
				assertThat(YearHeader.periodYear(text, PeriodYear.START)).as(() -> escape(text))
					.isEqualTo(valid ? OptionalInt.of(from) : OptionalInt.empty());
				assertThat(YearHeader.periodYear(text, PeriodYear.END)).as(() -> escape(text))
					.isEqualTo(valid ? OptionalInt.of(to) : OptionalInt.empty());
				assertThat(YearHeader.periodYear(text, PeriodYear.NONE)).as(() -> escape(text)).isEmpty();
			}
		}

		@Test
		void anyTextIsAYearAPeriodOrNeitherWithoutThrowing() {
			Random random = new Random(SEED);
			for (int i = 0; i < RUNS; i++) {
				String text = new Numbers().numberLike(random) + ((random.nextInt(3) == 0) ? "[YR1995]" : "");
				try {
					OptionalInt year = YearHeader.parse(text);
					boolean period = YearHeader.isPeriod(text);
					for (PeriodYear which : PeriodYear.values()) {
						YearHeader.periodYear(text, which);
					}
					assertThat(year.isPresent() && period).as(() -> escape(text)).isFalse();
				}
				catch (RuntimeException ex) {
					fail("\"" + escape(text) + "\" threw " + ex, ex);
				}
			}
		}

	}

	@Nested
	class HeaderNames {

		private static final String[] PIECES = { "Country", "country", " ", "  ", "\t", "\n", "\u00a0", "\u2000",
				"\u3000", "*", "**", "(a)", "(1)", "( b )", "[1]", "[YR]", "\u2020", "\u2021", "(", ")", "[", "]",
				"\u212a", "\u0130", "\u00df", "\u03a3", "\uD83D\uDE00", "1995", "Name", "\u00c9", "-", "/", ".", "",
				"\u200b" };

		@Test
		void cleaningTwiceChangesNothingAndNeverThrows() {
			Random random = new Random(SEED);
			for (int i = 0; i < RUNS; i++) {
				StringBuilder text = new StringBuilder();
				int pieces = random.nextInt(10);
				for (int p = 0; p < pieces; p++) {
					text.append(pick(random, PIECES));
				}
				if (random.nextInt(200) == 0) {
					// a long cell of marks: once a stack overflow, and slow
					text.append(pick(random, PIECES).repeat(1000 + random.nextInt(3000))).append(pick(random, PIECES));
				}
				String raw = text.toString();
				try {
					String cleaned = Header.clean(raw);
					assertThat(Header.clean(cleaned)).as(() -> escape(raw)).isEqualTo(cleaned);
					String bare = Header.withoutFootnote(raw);
					assertThat(Header.withoutFootnote(bare)).as(() -> escape(raw)).isEqualTo(bare);
				}
				catch (RuntimeException ex) {
					fail("\"" + escape(raw) + "\" threw " + ex, ex);
				}
			}
		}

	}

	@Nested
	class DelimitedText {

		private static final String[] WORDS = { "Kazakhstan", "Kyrgyz Republic", "C\u00f4te d'Ivoire", "T\u00fcrkiye",
				"KAZ", "398", "-520.028", "17154054", "..", "", "n/a", "Country Name", "1995", "0", "Bahamas, The",
				"a \"quoted\" word", "line\nbreak", "x;y", "p|q", "tab\there" };

		private String field(Random random, char delimiter) {
			return written(random, word(random, delimiter), delimiter);
		}

		private String word(Random random, char delimiter) {
			String word = switch (random.nextInt(4)) {
				case 0 -> String.valueOf(random.nextInt(1_000_000) - 1000);
				case 1 -> random.nextInt(1000) + "." + random.nextInt(1000);
				default -> pick(random, WORDS);
			};
			return (random.nextInt(8) == 0) ? word + delimiter + word : word;
		}

		private String written(Random random, String word, char delimiter) {
			boolean mustQuote = word.indexOf(delimiter) >= 0 || word.contains("\"") || word.contains("\n")
					|| word.contains("\r") || containsOtherCandidate(word, delimiter);
			if (mustQuote || random.nextInt(5) == 0) {
				return "\"" + word.replace("\"", "\"\"") + "\"";
			}
			return word;
		}

		private boolean containsOtherCandidate(String word, char delimiter) {
			for (char candidate : DelimitedRowSource.CANDIDATES) {
				if (candidate != delimiter && word.indexOf(candidate) >= 0) {
					return true;
				}
			}
			return false;
		}

		String table(Random random, char delimiter) {
			return table(random, delimiter, 50);
		}

		String table(Random random, char delimiter, int maxRows) {
			int width = 2 + random.nextInt(11);
			int rows = 2 + random.nextInt(maxRows - 1);
			String lineEnd = random.nextBoolean() ? "\n" : "\r\n";
			StringBuilder text = new StringBuilder();
			for (int r = 0; r < rows; r++) {
				for (int c = 0; c < width; c++) {
					if (c > 0) {
						text.append(delimiter);
					}
					text.append(field(random, delimiter));
				}
				text.append(lineEnd);
			}
			return text.toString();
		}

		@Test
		void aGeneratedTableIsReadBackCellByCellWithTheLineWhereEachRowStarts() {
			Random random = new Random(SEED);
			for (int i = 0; i < RUNS / 10; i++) {
				char delimiter = DelimitedRowSource.CANDIDATES[i % 4];
				int width = 2 + random.nextInt(11);
				String lineEnd = switch (random.nextInt(5)) {
					case 0 -> "\r";
					case 1, 2 -> "\r\n";
					default -> "\n";
				};
				List<List<String>> rows = new ArrayList<>();
				List<Long> starts = new ArrayList<>();
				StringBuilder text = new StringBuilder(random.nextInt(5) == 0 ? "\ufeff" : "");
				long line = 1;
				for (int r = 2 + random.nextInt(20); r > 0; r--) {
					List<String> cells = new ArrayList<>();
					starts.add(line);
					for (int c = 0; c < width; c++) {
						String word = word(random, delimiter);
						cells.add(word);
						text.append((c > 0) ? String.valueOf(delimiter) : "").append(written(random, word, delimiter));
						line += word.chars().filter((ch) -> ch == '\n').count();
					}
					text.append(lineEnd);
					line++;
					rows.add(cells);
				}
				byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
				char given = random.nextBoolean() ? delimiter : 0;
				try (DelimitedRowSource source = new DelimitedRowSource(new ByteArrayInputStream(bytes), "table.csv",
						given, StandardCharsets.UTF_8)) {
					for (int r = 0; r < rows.size(); r++) {
						SourceRow row = source.next();
						if (row == null || row.row() != starts.get(r) || !row.values().equals(rows.get(r))) {
							fail("row %d of%n%s%nread as %s", r, escape(text.toString()), row);
						}
					}
					assertThat(source.next()).isNull();
				}
			}
		}

		@Test
		void theDelimiterOfAGeneratedTableIsDetected() {
			Random random = new Random(SEED);
			// tables of up to 50 rows of 12 fields: 2,000 per delimiter keep the test
			// fast
			for (int i = 0; i < RUNS / 10; i++) {
				for (char delimiter : DelimitedRowSource.CANDIDATES) {
					String table = table(random, delimiter);
					char detected = DelimitedRowSource.detect(table);
					if (detected != delimiter) {
						fail("detected U+%04X instead of U+%04X in:%n%s", (int) detected, (int) delimiter,
								escape(table));
					}
				}
			}
		}

		private byte[] bytes(Random random) {
			switch (random.nextInt(4)) {
				case 0: {
					byte[] bytes = new byte[random.nextInt(300)];
					random.nextBytes(bytes);
					return bytes;
				}
				case 1: {
					String[] pieces = { "\"", ",", ";", "\t", "|", "\n", "\r", "a", "1", " ", "\ufeff", "\u00e9",
							"\uD83D\uDE00", "\"\"", "\r\n" };
					StringBuilder text = new StringBuilder();
					int n = random.nextInt(200);
					for (int i = 0; i < n; i++) {
						text.append(pick(random, pieces));
					}
					return text.toString().getBytes(StandardCharsets.UTF_8);
				}
				default: {
					char delimiter = DelimitedRowSource.CANDIDATES[random.nextInt(4)];
					byte[] table = table(random, delimiter, 8).getBytes(StandardCharsets.UTF_8);
					int damages = random.nextInt(4);
					for (int d = 0; d < damages && table.length > 0; d++) {
						int at = random.nextInt(table.length);
						table[at] = switch (random.nextInt(4)) {
							case 0 -> '"';
							case 1 -> (byte) 0xC3;
							case 2 -> (byte) 0xFF;
							default -> (byte) random.nextInt(256);
						};
					}
					if (random.nextInt(10) == 0) {
						byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
						byte[] withBom = new byte[table.length + 3];
						System.arraycopy(bom, 0, withBom, 0, 3);
						System.arraycopy(table, 0, withBom, 3, table.length);
						return withBom;
					}
					return table;
				}
			}
		}

		@Test
		void anyBytesAreRowsOrASourceFormatException() {
			Random random = new Random(SEED);
			Charset[] charsets = { StandardCharsets.UTF_8, StandardCharsets.UTF_8, Charset.forName("windows-1252"),
					StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16 };
			for (int i = 0; i < RUNS; i++) {
				byte[] bytes = bytes(random);
				Charset charset = charsets[random.nextInt(charsets.length)];
				char delimiter = (random.nextInt(3) == 0) ? DelimitedRowSource.CANDIDATES[random.nextInt(4)] : 0;
				try (DelimitedRowSource source = new DelimitedRowSource(new ByteArrayInputStream(bytes), "random.csv",
						delimiter, charset)) {
					long last = 0;
					SourceRow row;
					while ((row = source.next()) != null) {
						assertThat(row.row()).isGreaterThan(last);
						last = row.row();
					}
				}
				catch (SourceFormatException ex) {
					assertThat(ex.getMessage()).startsWith("random.csv");
				}
				catch (RuntimeException ex) {
					fail(charset + ", delimiter " + (int) delimiter + ", bytes "
							+ escape(new String(bytes, StandardCharsets.ISO_8859_1)) + " threw " + ex, ex);
				}
			}
		}

		@Test
		void anyRowsMakeATableOrASourceFormatException() {
			Random random = new Random(SEED);
			String[] cells = { "", "", " ", "Country", "country", "Kazakhstan", "1995", "17154054", "..",
					"Source: World Bank", "* note", "(a)", "Table 1" };
			for (int i = 0; i < RUNS; i++) {
				List<SourceRow> rows = new ArrayList<>();
				int count = random.nextInt((random.nextInt(10) == 0) ? 130 : 12);
				long number = 0;
				if (random.nextInt(10) == 0) {
					// blank rows down to about where the search for the header ends
					for (int r = 0; r < TableReader.SEARCH_ROWS - 3 + random.nextInt(6); r++) {
						rows.add(new SourceRow(++number, List.of()));
					}
				}
				for (int r = 0; r < count; r++) {
					number += 1 + ((random.nextInt(8) == 0) ? random.nextInt(3) : 0);
					List<String> values = new ArrayList<>();
					int width = random.nextInt(6);
					for (int c = 0; c < width; c++) {
						values.add((random.nextInt(3) == 0) ? "" : pick(random, cells));
					}
					rows.add(new SourceRow(number, values));
				}
				int headerRow = (random.nextInt(3) == 0) ? random.nextInt(count + 3) : 0;
				int headerRows = 1 + random.nextInt(3);
				try (TableReader table = new TableReader(new ListRowSource(rows), "random.csv", headerRow, headerRows,
						List.of("Country"))) {
					assertThat(table.header()).isNotNull();
					SourceRow row;
					while ((row = table.next()) != null) {
						assertThat(row.row()).isGreaterThan(table.header().row());
					}
				}
				catch (SourceFormatException ex) {
					assertThat(ex.getMessage()).startsWith("random.csv");
				}
				catch (RuntimeException ex) {
					fail("header-row " + headerRow + ", header-rows " + headerRows + ", rows " + rows + " threw " + ex,
							ex);
				}
			}
		}

	}

	@Nested
	class Rows {

		private static final String[] CELLS = { "", " ", "Kazakhstan", "KAZ", "398", "C\u00f4te d'Ivoire",
				"T\u00fcrkiye*", "World", "900", "Europe & Central Asia", "Kazakstan", "(a)", "..", "-520.028",
				"17,154,054", "1 234 567", "1e999999999", "-1e-999999999", "1995", "1995 [YR1995]", "19x4",
				"\uD83D\uDE00", "n/a", "\u2014", "12,34", "1.234,5" };

		@Test
		void anyRowIsMappedOrRejectedAndNothingElse() {
			Random random = new Random(SEED);
			List<String> wideHeader = List.of("country_code", "country", "1990", "1991", "1992");
			List<String> longHeader = List.of("Country Name", "Country Code", "Year", "Value");
			RowMapper wide = new RowMapper(
					Dialects.wide(List.of("country_code", "country"), Dialects.THOUSANDS, StandardCharsets.UTF_8),
					"wide.csv", wideHeader, Dialects.COUNTRIES);
			RowMapper lng = new RowMapper(Dialects.worldBank(StandardCharsets.UTF_8), "long.csv", longHeader,
					Dialects.COUNTRIES);
			// an unknown country is compared with every known name for suggestions: 5,000
			// rows keep the test fast
			for (int i = 0; i < RUNS / 4; i++) {
				boolean isWide = random.nextBoolean();
				int width = (random.nextInt(5) == 0) ? random.nextInt(8) : (isWide ? 5 : 4);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					cells.add(pick(random, CELLS));
				}
				SourceRow row = new SourceRow(i + 2, cells);
				try {
					(isWide ? wide : lng).map(row);
				}
				catch (RowRejectedException ex) {
					assertThat(ex.getRejection().row()).isEqualTo(i + 2);
					assertThat(ex.getRejection().reason()).isNotBlank();
				}
				catch (SourceFormatException ex) {
					// a value with a decimal comma in a dataset read with a decimal point
					// fails the whole file
					assertThat(ex.getMessage()).contains(", row " + (i + 2) + ", column \"")
						.contains("has a decimal comma");
				}
				catch (RuntimeException ex) {
					fail((isWide ? "wide " : "long ") + cells + " threw " + ex, ex);
				}
			}
		}

	}

}
