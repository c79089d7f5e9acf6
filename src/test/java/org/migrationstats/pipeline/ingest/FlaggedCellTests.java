package org.migrationstats.pipeline.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FlaggedCell} and {@link ValueFlags}, with cells as Eurostat's bulk
 * download files write them: the value, a space and its flags; {@code :} for a value not
 * available.
 */
class FlaggedCellTests {

	@ParameterizedTest(name = "\"{0}\" is {1} flagged \"{2}\"")
	@CsvSource(delimiter = '|',
			value = { "'1234 '|1234|''", "'1234 p'|1234|p", "'1234 e'|1234|e", "'1234 b'|1234|b", "'1234 u'|1234|u",
					"'1234 d'|1234|d", "'1234 c'|1234|c", "'1234 ep'|1234|ep", "'1234 pe'|1234|ep",
					"'12.5 bep'|12.5|bep", "'-481 p'|-481|p", "0|0|''" })
	void carriesItsFlagsAfterASpace(String raw, String number, String flags) throws ValueException {
		FlaggedCell cell = FlaggedCell.parse(raw);
		assertThat(cell.number()).isEqualTo(number);
		assertThat(cell.flags()).isEqualTo(flags);
		assertThat(cell.missing()).isFalse();
	}

	@ParameterizedTest(name = "\"{0}\" is missing: {1}")
	@CsvSource(delimiter = '|', value = { "':'|not available|''", "': '|not available|''", "': c'|confidential|c",
			"':c'|confidential|c", "': u'|not available|u", "''|not available|''" })
	void isMissingAfterAColon(String raw, String reason, String flags) throws ValueException {
		FlaggedCell cell = FlaggedCell.parse(raw);
		assertThat(cell.missing()).isTrue();
		assertThat(cell.missingReason()).isEqualTo(reason);
		assertThat(cell.flags()).isEqualTo(flags);
	}

	@Test
	void refusesFlagsThatAreNotLetters() {
		assertThatExceptionOfType(ValueException.class).isThrownBy(() -> FlaggedCell.parse(": 1"))
			.withMessage("\"1\" is not a flag (flags are letters: p provisional, e estimated, b break in series, ...)");
	}

	@ParameterizedTest(name = "OBS_STATUS {0} is flagged \"{1}\"")
	@CsvSource(delimiter = '|',
			value = { "A|''", "P|p", "E|e", "B|b", "U|u", "D|d", "F|f", "''|''", "p|p", "Q|c", "M|''" })
	void turnsSdmxObservationStatusesIntoEurostatLetters(String code, String flags) throws ValueException {
		assertThat(ValueFlags.ofObservationStatus(code)).isEqualTo(flags);
	}

	@Test
	void tellsSdmxStatusesOfMissingValues() {
		assertThat(ValueFlags.isMissingStatus("M")).isTrue();
		assertThat(ValueFlags.isMissingStatus("L")).isTrue();
		assertThat(ValueFlags.isMissingStatus("Q")).isTrue();
		assertThat(ValueFlags.isMissingStatus("A")).isFalse();
		assertThat(ValueFlags.isMissingStatus("P")).isFalse();
	}

	@ParameterizedTest(name = "CONF_STATUS {0} is flagged \"{1}\"")
	@CsvSource(delimiter = '|', value = { "F|''", "C|c", "D|c", "N|c", "''|''" })
	void turnsConfidentialityStatusesIntoC(String code, String flags) {
		assertThat(ValueFlags.ofConfidentialityStatus(code)).isEqualTo(flags);
	}

	@Test
	void mergesFlagsInAlphabeticalOrder() {
		assertThat(ValueFlags.merge("p", "e")).isEqualTo("ep");
		assertThat(ValueFlags.merge("ep", "pb")).isEqualTo("bep");
		assertThat(ValueFlags.merge("", "c")).isEqualTo("c");
		assertThat(ValueFlags.merge("u", "")).isEqualTo("u");
	}

}
