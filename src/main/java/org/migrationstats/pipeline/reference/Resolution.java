package org.migrationstats.pipeline.reference;

import java.util.List;

/**
 * What a country code or name in a source file turned out to be.
 */
public sealed interface Resolution {

	/** A known country or territory. */
	record Known(Country country) implements Resolution {
	}

	/** A regional or income aggregate, to be counted and set aside. */
	record AggregateFound(Aggregate aggregate) implements Resolution {
	}

	/** Nothing known by that code or name; the closest known names as a hint. */
	record Unknown(String raw, List<String> suggestions) implements Resolution {
	}

}
