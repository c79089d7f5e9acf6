package org.migrationstats.pipeline.reference;

/**
 * A group of countries that a source reports as if it were one (World, Central Asia, High
 * income): recognised so that it is counted and set aside, never added into totals.
 *
 * @param scheme whose code it is: WB (World Bank), M49 (UN, including WPP's own codes) or
 * ESTAT (Eurostat: EU27_2020, EA20, EFTA)
 * @param code the code in that scheme
 * @param name the name the source gives it
 */
public record Aggregate(String scheme, String code, String name) {
}
