package org.migrationstats.pipeline.reference;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * States that no longer exist are known by their names and kept as themselves.
 */
class HistoricalStatesTest {

	private final CountryReference countries = CountryReference.shipped();

	@ParameterizedTest(name = "\"{0}\" is {1}")
	@CsvSource({ "USSR,SUN", "Soviet Union,SUN", "Former USSR,SUN", "Yugoslavia,YUG", "SFR Yugoslavia,YUG",
			"Czechoslovakia,CSK", "Serbia and Montenegro,SCG", "810,SUN", "200,CSK" })
	void areFoundByTheirNamesAndFormerCodesNotMovedToASuccessor(String raw, String key) {
		Resolution resolution = this.countries.resolve(List.of(raw));
		assertThat(resolution).isInstanceOf(Resolution.Known.class);
		assertThat(((Resolution.Known) resolution).country().key()).isEqualTo(key);
	}

	@Test
	void knowTheYearsTheyExisted() {
		HistoricalSpan ussr = this.countries.historical("SUN").orElseThrow();
		assertThat(ussr.from()).isEqualTo("1922-12-30");
		assertThat(ussr.to()).as("the first day it no longer existed").isEqualTo("1991-12-26");
		HistoricalSpan czechoslovakia = this.countries.historical("CSK").orElseThrow();
		assertThat(czechoslovakia.to()).isEqualTo("1993-01-01");
		assertThat(this.countries.historical("KAZ")).isEmpty();
	}

}
