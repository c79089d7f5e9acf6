package org.migrationstats.pipeline.ingest;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

}
