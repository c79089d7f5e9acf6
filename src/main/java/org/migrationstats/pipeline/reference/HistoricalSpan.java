package org.migrationstats.pipeline.reference;

import java.time.LocalDate;

/**
 * The days a state that no longer exists (USSR, Yugoslavia, Czechoslovakia, Serbia and
 * Montenegro) existed. Figures reported for it are kept under its own key, never moved to
 * a successor.
 *
 * @param key the entity's key (its former ISO 3166 alpha-3 code)
 * @param from its first day
 * @param to the first day it no longer existed
 */
public record HistoricalSpan(String key, LocalDate from, LocalDate to) {

}
