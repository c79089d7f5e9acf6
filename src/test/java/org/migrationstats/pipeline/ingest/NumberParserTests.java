package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationstats.pipeline.spec.JobSpecReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NumberParser}. Plain numbers are quoted from WPP 2024 (migration.txt,
 * Kazakhstan) and World Bank population.csv; the grouped forms write real World Bank
 * figures the way statistics offices print them.
 */
class NumberParserTests {

	private final NumberParser parser = new NumberParser(JobSpecReader.DEFAULT_MISSING);

	private BigDecimal parsed(String raw) throws ValueException {
		return this.parser.parse(raw).orElseThrow();
	}

	@Nested
	class PlainNumbers {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', value = { "93.281|93.281", "-520.028|-520.028", "-4.822|-4.822", "72|72", "0|0",
				"17043771|17043771", "15656677|15656677", "2023|2023" })
		void areReadAsWritten(String raw, BigDecimal expected) throws ValueException {
			assertThat(parsed(raw)).isEqualByComparingTo(expected);
		}

		@Test
		void keepEveryDecimalTheSourceGives() throws ValueException {
			assertThat(parsed("93.281").scale()).isEqualTo(3);
			assertThat(parsed("93.281").unscaledValue().longValue()).isEqualTo(93281);
		}

		@Test
		void ignoreSurroundingWhitespace() throws ValueException {
			assertThat(parsed("  -520.028\t")).isEqualByComparingTo("-520.028");
		}

		@Test
		void acceptAUnicodeMinus() throws ValueException {
			assertThat(parsed("\u2212520.028")).isEqualByComparingTo("-520.028");
		}

	}

	@Nested
	class ThousandsSeparators {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', value = { "3,103,027|3103027", "17,043,771|17043771", "-3,067,947|-3067947",
				"1,234.5|1234.5", "999|999" })
		void commasBetweenGroupsOfThreeAreDropped(String raw, BigDecimal expected) throws ValueException {
			assertThat(parsed(raw)).isEqualByComparingTo(expected);
		}

		@ParameterizedTest(name = "separator U+{0}")
		@ValueSource(strings = { "0020", "00A0", "202F" })
		void spacesBetweenGroupsOfThreeAreDropped(String codePoint) throws ValueException {
			String space = Character.toString(Integer.parseInt(codePoint, 16));
			assertThat(parsed("1" + space + "234" + space + "567")).isEqualByComparingTo("1234567");
			assertThat(parsed("\u2212" + "17" + space + "043" + space + "771")).isEqualByComparingTo("-17043771");
		}

		@ParameterizedTest(name = "\"{0}\" is not a number")
		@ValueSource(strings = { "1,23", "12,34,567", "1,2345", ",123", "12 34", "1 23", "1\u00a023", "1 234,567" })
		void separatorsThatDoNotSplitGroupsOfThreeAreRefused(String raw) {
			assertThatExceptionOfType(ValueException.class).isThrownBy(() -> this.parsed(raw))
				.withMessage("\"" + raw + "\" is not a number")
				// a rejected cell is data, not a failure: no stack is filled in for it
				.satisfies((ex) -> assertThat(ex.getStackTrace()).isEmpty());
		}

		private BigDecimal parsed(String raw) throws ValueException {
			return NumberParserTests.this.parsed(raw);
		}

	}

	@Nested
	class DecimalComma {

		private final NumberParser commas = new NumberParser(JobSpecReader.DEFAULT_MISSING, true);

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|',
				value = { "79,979|79.979", "-412,775|-412.775", "\u2212149,737|-149.737", "17.154.054|17154054",
						"17 154 054|17154054", "17'154'054|17154054", "1.234,5|1234.5", "79.979|79979", "124|124" })
		void commasAreDecimalsAndPointsGroupThousands(String raw, BigDecimal expected) throws ValueException {
			assertThat(this.commas.parse(raw).orElseThrow()).isEqualByComparingTo(expected);
		}

		@Test
		void groupsOfThreeWithANoBreakSpace() throws ValueException {
			assertThat(this.commas.parse("17\u00a0154\u00a0054,5").orElseThrow()).isEqualByComparingTo("17154054.5");
		}

		@ParameterizedTest(name = "\"{0}\" is not a number")
		@ValueSource(strings = { "1,234.5", "1.23", "12.34.567", "1,2,3", "1e5", "-79.979,5.1" })
		void aDecimalPointIsRefusedWithTheReason(String raw) {
			assertThatExceptionOfType(ValueException.class).isThrownBy(() -> this.commas.parse(raw))
				.withMessage("\"" + raw + "\" is not a number (with a decimal comma, as the dataset says)");
		}

		@Test
		void missingMarkersStillGiveNoValue() throws ValueException {
			assertThat(this.commas.parse("..")).isEmpty();
			assertThat(this.commas.parse("-")).isEmpty();
		}

	}

	@Nested
	class MissingValues {

		@ParameterizedTest(name = "\"{0}\" is no value")
		@ValueSource(strings = { "..", "...", "-", "\u2014", "NA", "n/a", "N/A", "", "  ", " .. " })
		void markersGiveNoValue(String raw) throws ValueException {
			assertThat(NumberParserTests.this.parser.parse(raw)).isEmpty();
		}

		@Test
		void aNullCellIsMissingWhenTheEmptyMarkerIsListed() throws ValueException {
			assertThat(NumberParserTests.this.parser.parse(null)).isEmpty();
		}

		@Test
		void anEmptyCellIsAnErrorWhenTheDatasetDoesNotListItAsMissing() {
			NumberParser strict = new NumberParser(java.util.List.of(".."));
			assertThatExceptionOfType(ValueException.class).isThrownBy(() -> strict.parse(" "))
				.withMessage("the cell is empty");
		}

		@Test
		void onlyTheDatasetsOwnMarkersCount() throws ValueException {
			NumberParser dots = new NumberParser(java.util.List.of(" .. "));
			assertThat(dots.parse("..")).isEmpty();
			assertThatExceptionOfType(ValueException.class).isThrownBy(() -> dots.parse("NA"))
				.withMessage("\"NA\" is not a number");
		}

	}

	@Nested
	class BadText {

		@ParameterizedTest(name = "\"{0}\" is refused")
		@ValueSource(strings = { "1,2O3", "93.281.5", "abc", "12-3", "--5", "1.", ".5", "Kazakhstan", "5 %", "0x1F" })
		void isRefusedWithTheRawTextInTheMessage(String raw) {
			assertThatExceptionOfType(ValueException.class).isThrownBy(() -> NumberParserTests.this.parser.parse(raw))
				.withMessageContaining(raw.strip())
				.withMessageEndingWith("is not a number");
		}

		@Test
		void anExponentTooLargeForAnyNumberIsAValueError() {
			assertThatExceptionOfType(ValueException.class)
				.isThrownBy(() -> NumberParserTests.this.parser.parse("1e9999999999"))
				.withMessage("\"1e9999999999\" is not a number");
		}

	}

	@Nested
	class ToPersons {

		private static final BigDecimal THOUSANDS = BigDecimal.valueOf(1000);

		@ParameterizedTest(name = "{0} thousand is {1} persons")
		@CsvSource(delimiter = '|',
				value = { "93.281|93281", "-520.028|-520028", "-4.822|-4822", "72|72000", "0|0", "-0.001|-1" })
		void scaleThousandsExactly(BigDecimal thousands, long persons) throws ValueException {
			assertThat(NumberParser.toPersons(thousands, THOUSANDS)).isEqualTo(persons);
		}

		@Test
		void keepPersonsAsTheyAre() throws ValueException {
			assertThat(NumberParser.toPersons(new BigDecimal("17043771"), BigDecimal.ONE)).isEqualTo(17043771L);
		}

		@ParameterizedTest(name = "{0} × {1} rounds to {2}")
		@CsvSource(delimiter = '|', value = { "0.0005|1000|0", "0.0015|1000|2", "0.0025|1000|2", "0.0035|1000|4",
				"-0.0005|1000|0", "-0.0015|1000|-2", "2.5|1|2", "3.5|1|4", "0.0026|1000|3", "0.0024|1000|2" })
		void roundHalfToEven(BigDecimal value, BigDecimal scale, long persons) throws ValueException {
			assertThat(NumberParser.toPersons(value, scale)).isEqualTo(persons);
		}

		@Test
		void fillALongToTheLastPerson() throws ValueException {
			assertThat(NumberParser.toPersons(new BigDecimal("9223372036854775.807"), THOUSANDS))
				.isEqualTo(Long.MAX_VALUE);
		}

		@Test
		void refuseACountBeyondALong() {
			assertThatExceptionOfType(ValueException.class)
				.isThrownBy(() -> NumberParser.toPersons(new BigDecimal("9223372036854775.808"), THOUSANDS))
				.withMessage("\"9223372036854775.808\" is too large to be a count of persons");
		}

		@ParameterizedTest(name = "{0} thousand is no one")
		@ValueSource(strings = { "1e-999999999", "-1e-999999999", "0.00004", "1E-20" })
		void roundAValueFarBelowOnePersonToZeroQuickly(BigDecimal thousands) throws ValueException {
			assertThat(NumberParser.toPersons(thousands, THOUSANDS)).isZero();
		}

		@Test
		void refuseAHugeExponentQuicklyWithAShortMessage() {
			assertThatExceptionOfType(ValueException.class)
				.isThrownBy(() -> NumberParser.toPersons(new BigDecimal("1e999999999"), THOUSANDS))
				.withMessage("\"1E+999999999\" is too large to be a count of persons");
		}

	}

}
