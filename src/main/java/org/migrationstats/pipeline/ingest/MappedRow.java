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
	 * @param missing why each value cell of an agency's file that holds no value is empty
	 * ({@value FlaggedCell#NOT_AVAILABLE}, {@value FlaggedCell#CONFIDENTIAL})
	 */
	record CountryRow(long row, Country country, List<Observation> observations, List<Rejection> rejections,
			List<String> missing) implements MappedRow {

		public CountryRow {
			observations = (observations instanceof OwnedList) ? observations : List.copyOf(observations);
			rejections = List.copyOf(rejections);
			missing = List.copyOf(missing);
		}

		public CountryRow(long row, Country country, List<Observation> observations, List<Rejection> rejections) {
			this(row, country, observations, rejections, List.of());
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
	 * A row left out on purpose for another reason than being about an aggregate: counted
	 * as filtered and listed with its reason, not used.
	 */
	sealed interface Filtered extends MappedRow {

		/**
		 * @return why the row was left out, the same for every row left out for it
		 */
		String reason();

		/**
		 * @return the text that decided it, as written (without surrounding spaces)
		 */
		String raw();

	}

	/**
	 * A row of a series the dataset does not take (a table with a series column), found
	 * before its country is looked up: a row of another series about a region is no
	 * unknown country.
	 *
	 * @param row the source row number
	 * @param series the series code as written
	 */
	record OtherSeriesRow(long row, String series) implements Filtered {

		@Override
		public String reason() {
			return "a series the dataset does not map";
		}

		@Override
		public String raw() {
			return this.series.strip();
		}

	}

	/**
	 * A row whose classifier column holds none of the values the dataset's filters keep.
	 *
	 * @param row the source row number
	 * @param column the filter's column as the job file names it
	 * @param value the cell as written
	 * @param kept the values the filter keeps
	 */
	record FilteredOutRow(long row, String column, String value, List<String> kept) implements Filtered {

		public FilteredOutRow {
			kept = List.copyOf(kept);
		}

		@Override
		public String reason() {
			return "filters keep " + this.column + ": " + String.join(", ", this.kept);
		}

		@Override
		public String raw() {
			return this.value.strip();
		}

	}

	/**
	 * A section heading inside the table ("UN development groups", "World Bank income
	 * groups"): a name in a country column, no code, no value.
	 *
	 * @param row the source row number
	 * @param heading the heading as written
	 */
	record HeadingRow(long row, String heading) implements Filtered {

		@Override
		public String reason() {
			return "a section heading (a name without a code or any value)";
		}

		@Override
		public String raw() {
			return this.heading.strip();
		}

	}

}
