package org.migrationstats.pipeline.reference;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CountryReference}, with codes and names as World Bank, WPP 2024 and UN
 * M49 files write them.
 */
class CountryReferenceTests {

	private static final CountryReference COUNTRIES = CountryReference.shipped();

	private static Resolution resolve(String... candidates) {
		return COUNTRIES.resolve(Arrays.asList(candidates));
	}

	private static String keyOf(Resolution resolution) {
		assertThat(resolution).isInstanceOf(Resolution.Known.class);
		return ((Resolution.Known) resolution).country().key();
	}

	@Nested
	class Codes {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', value = { "KAZ|KAZ", "kaz|KAZ", "398|KAZ", "004|AFG", "4|AFG", "NA|NAM", "KZ|KAZ",
				"XKX|XKX", "412|XKX", "CHI|CHI", "792|TUR", "384|CIV", "417|KGZ" })
		void resolveToTheCountry(String code, String key) {
			assertThat(keyOf(resolve(code))).isEqualTo(key);
		}

		@Test
		void keepNamibiasAlpha2AsText() {
			Country namibia = ((Resolution.Known) resolve("NA")).country();
			assertThat(namibia.iso2()).isEqualTo("NA");
			assertThat(namibia.name()).isEqualTo("Namibia");
			assertThat(namibia.m49()).isEqualTo(516);
		}

		@Test
		void giveKosovoTheWorldBankKey() {
			Country kosovo = ((Resolution.Known) resolve("XKX")).country();
			assertThat(kosovo.name()).isEqualTo("Kosovo");
			assertThat(kosovo.iso2()).isEmpty();
			assertThat(kosovo.subRegion()).isEqualTo("Southern Europe");
		}

		@Test
		void carryRegionAndSubRegion() {
			Country kazakhstan = ((Resolution.Known) resolve("398")).country();
			assertThat(kazakhstan.name()).isEqualTo("Kazakhstan");
			assertThat(kazakhstan.iso2()).isEqualTo("KZ");
			assertThat(kazakhstan.region()).isEqualTo("Asia");
			assertThat(kazakhstan.subRegion()).isEqualTo("Central Asia");
		}

		@Test
		void doNotReadALowerCaseAlpha2() {
			assertThat(resolve("na")).isInstanceOf(Resolution.Unknown.class);
		}

	}

	@Nested
	class CountryNames {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|',
				value = { "Kazakhstan|KAZ", "Kyrgyz Republic|KGZ", "Kyrgyzstan|KGZ", "Türkiye|TUR", "Turkiye|TUR",
						"Turkey|TUR", "Côte d'Ivoire|CIV", "Cote d'Ivoire|CIV", "Côte d’Ivoire|CIV", "Bahamas, The|BHS",
						"Kosovo|XKX", "Russian Federation|RUS", "United States of America|USA", "Namibia|NAM",
						"  kazakhstan  |KAZ" })
		void resolveToTheCountry(String name, String key) {
			assertThat(keyOf(resolve(name))).isEqualTo(key);
		}

		@Test
		void areTriedAfterAnUnknownCode() {
			assertThat(keyOf(resolve("", "Kazakhstan"))).isEqualTo("KAZ");
			assertThat(keyOf(resolve("9999", "Kazakhstan"))).isEqualTo("KAZ");
		}

		@Test
		void comeSecondWhenTheCodeIsKnown() {
			assertThat(keyOf(resolve("398", "Kyrgyzstan"))).isEqualTo("KAZ");
		}

		@Test
		void canBeAddedByAJob() {
			CountryReference shipped = CountryReference.shipped();
			assertThat(shipped.resolve(List.of("Somalia, Fed. Rep."))).isInstanceOf(Resolution.Unknown.class);
			CountryReference withAlias = shipped.withAliases(java.util.Map.of("Somalia, Fed. Rep.", "SOM"));
			assertThat(keyOf(withAlias.resolve(List.of("Somalia, Fed. Rep.")))).isEqualTo("SOM");
			assertThat(shipped.resolve(List.of("Somalia, Fed. Rep."))).as("the shipped reference is unchanged")
				.isInstanceOf(Resolution.Unknown.class);
		}

		@Test
		void cannotBeAddedForAnUnknownKey() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> CountryReference.shipped().withAliases(java.util.Map.of("Atlantis", "ATL")))
				.withMessage("unknown country key 'ATL' for alias 'Atlantis'");
		}

	}

	@Nested
	class Aggregates {

		@ParameterizedTest(name = "\"{0}\" is the {1} aggregate {2}")
		@CsvSource(delimiter = '|', value = { "WLD|WB|WLD|World", "ECS|WB|ECS|Europe & Central Asia",
				"EUU|WB|EUU|European Union", "900|M49|900|World", "5500|M49|5500|Central Asia" })
		void areRecognisedAndNotTakenForCountries(String code, String scheme, String aggregateCode, String name) {
			assertThat(resolve(code))
				.isEqualTo(new Resolution.AggregateFound(new Aggregate(scheme, aggregateCode, name)));
		}

		@Test
		void areRecognisedByName() {
			assertThat(resolve("Europe & Central Asia")).isInstanceOf(Resolution.AggregateFound.class);
		}

	}

	@Nested
	class UnknownNames {

		@Test
		void suggestTheClosestKnownName() {
			assertThat(resolve("Kazakstan")).isEqualTo(new Resolution.Unknown("Kazakstan", List.of("Kazakhstan")));
		}

		@Test
		void suggestNamesForAMisspeltNameAfterAnUnknownCode() {
			Resolution resolution = resolve("399", "Kazakstan");
			assertThat(resolution).isInstanceOf(Resolution.Unknown.class);
			assertThat(((Resolution.Unknown) resolution).raw()).isEqualTo("399");
			assertThat(((Resolution.Unknown) resolution).suggestions()).containsExactly("Kazakhstan");
		}

		@Test
		void suggestNothingForAnUnknownNumber() {
			assertThat(resolve("9999")).isEqualTo(new Resolution.Unknown("9999", List.of()));
		}

		@Test
		void reportNoRawTextWhenEveryCandidateIsBlank() {
			assertThat(resolve("", " ")).isEqualTo(new Resolution.Unknown("", List.of()));
		}

	}

}
