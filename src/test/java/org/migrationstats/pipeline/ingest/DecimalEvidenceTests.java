package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationstats.pipeline.ingest.NumberFormatCheck.Finding;
import org.migrationstats.pipeline.spec.JobSpecReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link DecimalEvidence} and {@link NumberFormatCheck}. The cells are WPP 2024
 * net migration in thousands (Kazakhstan 1990: -103.336, 1994: -481.38) written with
 * decimal commas as a European statistics office exports them, and World Bank population
 * with its thousands grouped.
 */
class DecimalEvidenceTests {

	@Nested
	class OneCell {

		@ParameterizedTest(name = "\"{0}\" reads only with a decimal comma")
		@ValueSource(strings = { "-481,38", "0,5", "12,3456", "1.234.567", "1.234,5", "-17.154.054", "\u2212412,7",
				"1234,567", "17 154 054,5", "1 234,567", " -0,25 " })
		void aCommaNotBeforeThreeDigitsOrPointsBetweenGroupsAreADecimalComma(String raw) {
			assertThat(DecimalEvidence.of(raw)).isEqualTo(DecimalEvidence.COMMA);
		}

		@ParameterizedTest(name = "\"{0}\" reads only with a decimal point")
		@ValueSource(strings = { "12.5", "-520.02", "0.1234", "1,234,567", "1,234.5", "17,154,054", "1234.567",
				"1 234.5", "1'234.5", "+93.2" })
		void aPointNotBeforeThreeDigitsOrCommasBetweenGroupsAreADecimalPoint(String raw) {
			assertThat(DecimalEvidence.of(raw)).isEqualTo(DecimalEvidence.POINT);
		}

		@ParameterizedTest(name = "\"{0}\" reads either way")
		@ValueSource(strings = { "-103,336", "1.234", "79,979", "-412.775", "999,000", "1 234.567" })
		void aSingleSeparatorBeforeThreeDigitsReadsEitherWay(String raw) {
			assertThat(DecimalEvidence.of(raw)).isEqualTo(DecimalEvidence.EITHER);
		}

		@ParameterizedTest(name = "\"{0}\" tells nothing")
		@ValueSource(strings = { "17043771", "-3067947", "0", "1 234 567", "17'154'054", "", " ", "..", "...", "-",
				"\u2014", "n/a", "NA", "1,2O3", "12,34,567", "1..5", ",5", "5.", "1.5e3", "1,234.567,8", "--1,5",
				"1,234.5.6" })
		void wholeNumbersMarkersAndTextTellNothing(String raw) {
			assertThat(DecimalEvidence.of(raw)).isEqualTo(DecimalEvidence.NONE);
		}

		@Test
		void aNullCellTellsNothing() {
			assertThat(DecimalEvidence.of(null)).isEqualTo(DecimalEvidence.NONE);
		}

		@ParameterizedTest(name = "\"{0}\": {1}")
		@CsvSource(delimiter = '|', value = { "-481,38|a comma followed by 2 digits",
				"12,3456|a comma followed by 4 digits", "0,5|a comma followed by 1 digit",
				"1.234.567|points between groups of three digits", "1.234,5|points between groups of three digits",
				"1234,567|a comma after more than three digits", "1 234,567|a comma after digits grouped by spaces" })
		void sayWhyACellHasADecimalComma(String raw, String why) {
			assertThat(DecimalEvidence.COMMA.why(raw)).isEqualTo(why);
		}

		@ParameterizedTest(name = "\"{0}\": {1}")
		@CsvSource(delimiter = '|',
				value = { "12.5|a point followed by 1 digit", "1,234,567|commas between groups of three digits",
						"1,234.5|commas between groups of three digits",
						"1234.567|a point after more than three digits" })
		void sayWhyACellHasADecimalPoint(String raw, String why) {
			assertThat(DecimalEvidence.POINT.why(raw)).isEqualTo(why);
		}

	}

	/**
	 * The evidence is the parser's own reading: a cell is evidence for a separator when
	 * {@link NumberParser} reads it with that separator and refuses it with the other.
	 */
	@Nested
	class AsTheParserReads {

		private static final String[] SEPARATORS = { ",", ",", ".", ".", " ", "\u00a0", "\u202f", "'" };

		private final NumberParser points = new NumberParser(JobSpecReader.DEFAULT_MISSING, false);

		private final NumberParser commas = new NumberParser(JobSpecReader.DEFAULT_MISSING, true);

		@Test
		void groupsOfDigitsBetweenSeparatorsAreClassedAsTheParserReadsThem() {
			Random random = new Random(20240611L);
			for (int i = 0; i < 50_000; i++) {
				StringBuilder text = new StringBuilder();
				text.append(List.of("", "", "-", "+", "\u2212", " ").get(random.nextInt(6)));
				int groups = 1 + random.nextInt(4);
				for (int g = 0; g < groups; g++) {
					if (g > 0) {
						text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
					}
					int digits = 1 + random.nextInt(4);
					for (int d = 0; d < digits; d++) {
						text.append((char) ('0' + random.nextInt(10)));
					}
				}
				String raw = text.toString();
				DecimalEvidence expected = expected(raw);
				if (DecimalEvidence.of(raw) != expected) {
					fail("\"" + raw + "\" classed " + DecimalEvidence.of(raw) + ", the parsers say " + expected);
				}
			}
		}

		private DecimalEvidence expected(String raw) {
			boolean point = reads(this.points, raw);
			boolean comma = reads(this.commas, raw);
			if (raw.indexOf(',') < 0 && raw.indexOf('.') < 0) {
				return DecimalEvidence.NONE;
			}
			if (point && comma) {
				return DecimalEvidence.EITHER;
			}
			return point ? DecimalEvidence.POINT : comma ? DecimalEvidence.COMMA : DecimalEvidence.NONE;
		}

		private static boolean reads(NumberParser parser, String raw) {
			try {
				Optional<BigDecimal> value = parser.parse(raw);
				return value.isPresent();
			}
			catch (ValueException ex) {
				return false;
			}
		}

	}

	@Nested
	class OneFile {

		private NumberFormatCheck check(boolean decimalComma) {
			return new NumberFormatCheck("wpp-net-migration", "migration.csv", decimalComma,
					JobSpecReader.DEFAULT_MISSING);
		}

		@Test
		void aCellThatReadsOnlyTheDeclaredWayChecksTheFile() {
			NumberFormatCheck check = check(true);
			assertThat(check.agrees("-103,336")).isTrue();
			assertThat(check.finding()).isEqualTo(Finding.EITHER_WAY);
			assertThat(check.agrees("-481,38")).isTrue();
			assertThat(check.finding()).isEqualTo(Finding.CHECKED);
			assertThat(check.agrees("-214,015")).isTrue();
			assertThat(check.finding()).isEqualTo(Finding.CHECKED);
		}

		@Test
		void wholeNumbersAndMarkersLeaveTheFileNotCheckable() {
			NumberFormatCheck check = check(false);
			for (String raw : List.of("17043771", "..", "-", "", "1 234 567")) {
				assertThat(check.agrees(raw)).isTrue();
			}
			assertThat(check.finding()).isEqualTo(Finding.SAME_EITHER_WAY);
		}

		@Test
		void aMarkerThatLooksLikeANumberIsNoEvidence() {
			NumberFormatCheck check = new NumberFormatCheck("d", "d.csv", false, List.of("0,0", "9.999"));
			assertThat(check.agrees("0,0")).isTrue();
			assertThat(check.agrees(" 9.999 ")).isTrue();
			assertThat(check.finding()).isEqualTo(Finding.SAME_EITHER_WAY);
		}

		@Test
		void aDecimalCommaInAFileReadWithAPointIsRefusedNamingTheSetting() {
			NumberFormatCheck check = check(false);
			assertThat(check.agrees("-103,336")).isTrue();
			assertThat(check.agrees("-481,38")).isFalse();
			assertThat(check.finding()).isEqualTo(Finding.REFUSED);
			assertThat(check.contradiction(" -481,38", 3, "1994").getMessage())
				.isEqualTo("migration.csv, row 3, column \"1994\": \"-481,38\" has a decimal comma (a comma followed "
						+ "by 2 digits), but dataset wpp-net-migration reads numbers with a decimal point (the "
						+ "default); add 'decimal: comma' to the dataset in the job file");
		}

		@Test
		void aDecimalPointInAFileDeclaredWithACommaIsRefusedNamingTheSetting() {
			NumberFormatCheck check = new NumberFormatCheck("partner", "flows.xlsx, sheet \"2002\"", true,
					JobSpecReader.DEFAULT_MISSING);
			assertThat(check.agrees("1,234,567")).isFalse();
			assertThat(check.contradiction("1,234,567", 12, "Arrivals").getMessage())
				.isEqualTo("flows.xlsx, sheet \"2002\", row 12, column \"Arrivals\": \"1,234,567\" has a decimal "
						+ "point (commas between groups of three digits), but dataset partner is declared with "
						+ "'decimal: comma'; set 'decimal: point' in the job file");
		}

		@Test
		void aRestartTakesUpWhatTheCommittedRowsShowed() {
			NumberFormatCheck check = check(false);
			check.resume(Finding.CHECKED);
			assertThat(check.agrees("1,234")).isTrue();
			assertThat(check.finding()).isEqualTo(Finding.CHECKED);
		}

		@Test
		void ofSeveralSheetsOneThatReadsEitherWayLeavesTheFileNotCheckable() {
			assertThat(Finding.combine(Finding.CHECKED, Finding.EITHER_WAY)).isEqualTo(Finding.EITHER_WAY);
			assertThat(Finding.combine(Finding.SAME_EITHER_WAY, Finding.CHECKED)).isEqualTo(Finding.CHECKED);
			assertThat(Finding.combine(null, Finding.SAME_EITHER_WAY)).isEqualTo(Finding.SAME_EITHER_WAY);
			assertThat(Finding.combine(null, null)).isNull();
		}

		@Test
		void theReportSaysWhatWasChecked() {
			assertThat(NumberFormatCheck.describe(false, Finding.CHECKED)).isEqualTo("decimal point, checked");
			assertThat(NumberFormatCheck.describe(true, Finding.CHECKED)).isEqualTo("decimal comma, checked");
			assertThat(NumberFormatCheck.describe(false, Finding.SAME_EITHER_WAY))
				.isEqualTo("decimal point as declared: not checkable (no cell reads differently either way)");
			assertThat(NumberFormatCheck.describe(true, Finding.EITHER_WAY)).isEqualTo(
					"decimal comma as declared: not checkable (every separator is followed by three digits, which "
							+ "reads either way)");
			assertThat(NumberFormatCheck.describe(true, null)).isEmpty();
		}

	}

}
