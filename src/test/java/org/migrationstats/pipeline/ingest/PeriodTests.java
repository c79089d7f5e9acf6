package org.migrationstats.pipeline.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Period}, with periods as SDMX-CSV's {@code TIME_PERIOD} and Eurostat's
 * bulk download headings write them.
 */
class PeriodTests {

	@ParameterizedTest(name = "\"{0}\" is {1}, part {2} of {3}")
	@CsvSource(delimiter = '|',
			value = { "2019|2019|0|1", "'2019 '|2019|0|1", "2019-A1|2019|0|1", "2019-01|2019|1|12", "2019M01|2019|1|12",
					"2019-M01|2019|1|12", "'2019M12 '|2019|12|12", "2019-12|2019|12|12", "2019-Q1|2019|1|4",
					"2019Q1|2019|1|4", "2019q4|2019|4|4", "'2020-Q3 '|2020|3|4" })
	void isReadAsAgenciesWriteIt(String text, int year, int part, int parts) {
		assertThat(Period.parse(text)).contains(new Period(year, part, parts));
	}

	@ParameterizedTest(name = "\"{0}\" is no period")
	@ValueSource(strings = { "", "2019-13", "2019M00", "2019-Q5", "2019-Q0", "2019-S1", "2019-W01", "1700-01", "geo",
			"2019-01-01" })
	void isNothingElse(String text) {
		assertThat(Period.parse(text)).isEmpty();
	}

	@ParameterizedTest(name = "{0} is written {1}")
	@CsvSource(delimiter = '|', value = { "2019M1|2019-01", "2019Q2|2019-Q2", "2019|2019" })
	void isWrittenAsIso8601(String text, String written) {
		assertThat(Period.parse(text).orElseThrow()).hasToString(written);
	}

}
