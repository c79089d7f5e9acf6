package org.migrationstats.pipeline.reference;

/**
 * A country or territory that figures are kept for.
 *
 * @param key ISO 3166 alpha-3, or the World Bank's code for an entity ISO does not list
 * (XKX Kosovo, CHI Channel Islands)
 * @param iso2 ISO 3166 alpha-2, empty where there is none (Namibia's is the text "NA")
 * @param m49 the UN M49 numeric code, 0 where there is none
 * @param name the English short name
 * @param region the M49 region, e.g. Asia
 * @param subRegion the M49 sub-region, e.g. Central Asia
 */
public record Country(String key, String iso2, int m49, String name, String region, String subRegion) {

	public Country {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("a country needs a key");
		}
	}

}
