package org.migrationstats.pipeline.ingest;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationstats.pipeline.spec.TableSpec.PeriodYear;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link YearHeader}, with headers from WPP 2024 (migration.txt) and World Bank
 * files.
 */
class YearHeaderTests {

	@Nested
	class Years {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "1995|1995", "'1995'|1995", "1995 [YR1995]|1995",
				"1995.0|1995", "1950|1950", "2023|2023", "1995.00|1995", "1800|1800", "2200|2200" })
		void areRecognised(String text, int year) {
			assertThat(YearHeader.parse(text)).hasValue(year);
		}

		@Test
		void mayBeSurroundedByWhitespace() {
			assertThat(YearHeader.parse(" 1991\t")).hasValue(1991);
		}

		@Test
		void mayBeDoubleQuoted() {
			assertThat(YearHeader.parse("\"1995\"")).hasValue(1995);
		}

	}

	@Nested
	class NonYears {

		@ParameterizedTest(name = "\"{0}\" is no year")
		@ValueSource(strings = { "last.observed", "country_code", "country", "Country Name", "Value", "1700", "1799",
				"2201", "abcd", "95", "19950", "1995.5", "1995-1996", "" })
		void areRefused(String text) {
			assertThat(YearHeader.parse(text)).isEmpty();
		}

		@Test
		void nullIsRefused() {
			assertThat(YearHeader.parse(null)).isEmpty();
		}

	}

	@Nested
	class Periods {

		@ParameterizedTest(name = "\"{0}\" is {1} to {2}")
		@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "1990-1995|1990|1995", "1990\u20131995|1990|1995",
				"1990 \u2014 1995|1990|1995", "1990/1995|1990|1995", "'1990-1995'|1990|1995", "2020-2023|2020|2023" })
		void giveTheYearTheJobFileNames(String text, int start, int end) {
			assertThat(YearHeader.isPeriod(text)).isTrue();
			assertThat(YearHeader.parse(text)).isEmpty();
			assertThat(YearHeader.periodYear(text, PeriodYear.START)).hasValue(start);
			assertThat(YearHeader.periodYear(text, PeriodYear.END)).hasValue(end);
			assertThat(YearHeader.periodYear(text, PeriodYear.NONE)).isEmpty();
		}

		@ParameterizedTest(name = "\"{0}\" is no period")
		@ValueSource(strings = { "1995-1990", "1995-1995", "1790-1795", "2199-2201", "1990-95", "1990",
				"1990-1995-2000", "" })
		void areRefusedWhenBackwardsOrOutOfRange(String text) {
			assertThat(YearHeader.isPeriod(text)).isFalse();
			assertThat(YearHeader.periodYear(text, PeriodYear.END)).isEmpty();
		}

		@Test
		void nullIsNoPeriod() {
			assertThat(YearHeader.isPeriod(null)).isFalse();
			assertThat(YearHeader.periodYear(null, PeriodYear.START)).isEmpty();
		}

	}

}
