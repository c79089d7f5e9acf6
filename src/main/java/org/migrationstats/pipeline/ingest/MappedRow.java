package org.migrationstats.pipeline.ingest;

import java.util.List;

import org.migrationstats.pipeline.reference.Aggregate;
import org.migrationstats.pipeline.reference.Country;

/**
 * A source row after its columns were mapped and its country resolved.
 */
public sealed interface MappedRow {

	/**
	 * @return the source row number
	 */
	long row();

	/**
	 * A row about a country: its observations and the cells that were rejected.
	 *
	 * @param row the source row number
	 * @param country the country
	 * @param observations the values taken
	 * @param rejections the cells not taken
	 */
	record CountryRow(long row, Country country, List<Observation> observations,
			List<Rejection> rejections) implements MappedRow {

		public CountryRow {
			observations = (observations instanceof OwnedList) ? observations : List.copyOf(observations);
			rejections = List.copyOf(rejections);
		}

	}

	/**
	 * A row about an aggregate (World, a region, an income group): counted, not used.
	 *
	 * @param row the source row number
	 * @param aggregate the aggregate
	 * @param raw the code or name as written
	 */
	record AggregateRow(long row, Aggregate aggregate, String raw) implements MappedRow {
	}

	/**
	 * A row of a series the dataset does not take (a long table with a series column):
	 * counted as filtered, not used.
	 *
	 * @param row the source row number
	 * @param series the series code as written
	 */
	record OtherSeriesRow(long row, String series) implements MappedRow {
	}

}
