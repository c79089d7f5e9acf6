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

		@ParameterizedTest(name = "Eurostat's \"{0}\" is {1}")
		@CsvSource(delimiter = '|',
				value = { "EU27_2020|European Union - 27 countries (from 2020)",
						"EU28|European Union - 28 countries (2013-2020)", "EA20|Euro area - 20 countries (from 2023)",
						"EA19|Euro area - 19 countries (2015-2022)", "EA|Euro area (changing composition)",
						"EFTA|European Free Trade Association",
						"EEA30_2020|European Economic Area (EU27 - 2020 and IS LI NO)" })
		void ofEurostatAreRecognisedByTheirCodes(String code, String name) {
			assertThat(resolve(code)).isEqualTo(new Resolution.AggregateFound(new Aggregate("ESTAT", code, name)));
		}

	}

	@Nested
	class EurostatCodes {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', value = { "EL|GRC", "UK|GBR", "XK|XKX", "GR|GRC", "GB|GBR", "AT|AUT", "DE|DEU" })
		void resolveToTheCountry(String code, String key) {
			assertThat(keyOf(resolve(code))).isEqualTo(key);
		}

		@Test
		void areCodesOnlyInUpperCaseAsIsoAlpha2Codes() {
			assertThat(resolve("el")).isInstanceOf(Resolution.Unknown.class);
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

	/**
	 * Rows that real files carry beside countries and that are not errors: the standard
	 * UN M49 areas (UNSD's M49 table, the UN Statistical Yearbook) in any column, with or
	 * without zero padding, and the World Bank's group codes.
	 */
	@Nested
	class StandardAreas {

		@ParameterizedTest(name = "M49 \"{0}\" is the aggregate {1}")
		@CsvSource(delimiter = '|', value = { "1|World", "001|World", "2|Africa", "002|Africa", "5|South America",
				"9|Oceania", "009|Oceania", "11|Western Africa", "13|Central America", "14|Eastern Africa",
				"15|Northern Africa", "17|Middle Africa", "18|Southern Africa", "19|Americas", "21|Northern America",
				"29|Caribbean", "30|Eastern Asia", "34|Southern Asia", "35|South-eastern Asia", "39|Southern Europe",
				"53|Australia and New Zealand", "54|Melanesia", "57|Micronesia", "61|Polynesia", "142|Asia",
				"143|Central Asia", "145|Western Asia", "150|Europe", "151|Eastern Europe", "154|Northern Europe",
				"155|Western Europe", "202|Sub-Saharan Africa", "419|Latin America and the Caribbean",
				"199|Least Developed Countries (LDC)", "432|Land Locked Developing Countries (LLDC)",
				"722|Small Island Developing States (SIDS)" })
		void areAggregatesWhateverTheColumn(String code, String name) {
			assertThat(resolve(code)).isInstanceOfSatisfying(Resolution.AggregateFound.class, (found) -> {
				assertThat(found.aggregate().scheme()).isEqualTo("M49");
				assertThat(found.aggregate().name()).isEqualTo(name);
			});
			assertThat(resolve("", code)).as("in a name column").isInstanceOf(Resolution.AggregateFound.class);
		}

		@ParameterizedTest(name = "World Bank \"{0}\" is an aggregate")
		@CsvSource({ "INX", "WLD", "ECS", "HIC", "LMY", "EUU" })
		void worldBankGroupCodesAreAggregates(String code) {
			assertThat(resolve(code, "")).isInstanceOf(Resolution.AggregateFound.class);
		}

		@Test
		void noStandardAreaCodeTakesACountrysCode() {
			assertThat(keyOf(resolve("4"))).isEqualTo("AFG");
			assertThat(keyOf(resolve("12"))).isEqualTo("DZA");
			assertThat(keyOf(resolve("144"))).isEqualTo("LKA");
			assertThat(keyOf(resolve("418"))).isEqualTo("LAO");
		}

	}

	/**
	 * Names that UN M49 and ISO 3166 used before the current ones, which older files and
	 * other publishers still write; each with the source of the change in
	 * {@code reference/README.md}.
	 */
	@Nested
	class FormerNames {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|', value = { "Czech Republic|CZE", "The former Yugoslav Republic of Macedonia|MKD",
				"Macedonia, FYR|MKD", "Republic of North Macedonia|MKD", "Swaziland|SWZ", "Cape Verde|CPV",
				"Turkey|TUR", "Holy See (Vatican City State)|VAT", "Burma|MMR", "East Timor|TLS", "Ivory Coast|CIV",
				"Libyan Arab Jamahiriya|LBY", "Occupied Palestinian Territory|PSE",
				"Palestinian Territory, Occupied|PSE", "Netherlands (Kingdom of the)|NLD", "Saint Helena|SHN",
				"Micronesia (Federated States of)|FSM", "Bolivia (Plurinational State of)|BOL",
				"Iran (Islamic Republic of)|IRN", "Venezuela (Bolivarian Republic of)|VEN", "Republic of Moldova|MDA",
				"United Republic of Tanzania|TZA", "Democratic People's Republic of Korea|PRK", "Republic of Korea|KOR",
				"Lao People's Democratic Republic|LAO", "Syrian Arab Republic|SYR",
				"Congo, the Democratic Republic of the|COD", "Taiwan, Province of China|TWN",
				"Virgin Islands, British|VGB", "Virgin Islands, U.S.|VIR", "Reunion|REU",
				"Falkland Islands (Malvinas)|FLK", "Brunei Darussalam|BRN", "Kyrgyzstan|KGZ" })
		void resolveToTheCountryOfToday(String name, String key) {
			assertThat(keyOf(resolve("", name))).isEqualTo(key);
		}

	}

}
