package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.Measure;

/**
 * Sums the observations of a record-level file (one row per registration office, permit
 * or event) per country, year and measure, so that a chunk of a thousand records is
 * stored as the few country-year sums it contributes. The sums are committed with the
 * reader's position, so a restart neither loses nor repeats a record.
 */
public final class RecordSums {

	private final Map<Key, long[]> sums = new LinkedHashMap<>();

	/**
	 * Adds an observation to its country's, year's and measure's sum.
	 * @param o the observation
	 * @throws ArithmeticException if the sum does not fit in a long
	 */
	public void add(Observation o) {
		Key key = new Key(o.country(), o.year(), o.measure());
		long[] sum = this.sums.get(key);
		if (sum == null) {
			sum = new long[] { 0, o.row() };
			this.sums.put(key, sum);
		}
		sum[0] = Math.addExact(sum[0], o.value());
	}

	/**
	 * @return how many sums are held
	 */
	public int size() {
		return this.sums.size();
	}

	/**
	 * Hands over the sums and starts again from none.
	 * @return one observation per country, year and measure, carrying the first row it
	 * came from, in order of first appearance
	 */
	public List<Observation> drain() {
		List<Observation> result = new ArrayList<>(this.sums.size());
		this.sums.forEach(
				(key, sum) -> result.add(new Observation(key.country(), key.year(), key.measure(), sum[0], sum[1])));
		this.sums.clear();
		return result;
	}

	/**
	 * @param observations observations in row order
	 * @return one observation per country, year and measure, carrying the first row it
	 * came from, in order of first appearance
	 * @throws ArithmeticException if a sum does not fit in a long
	 */
	public static List<Observation> sum(List<Observation> observations) {
		RecordSums sums = new RecordSums();
		observations.forEach(sums::add);
		return sums.drain();
	}

	private record Key(String country, int year, Measure measure) {

		@Override
		public int hashCode() {
			return (this.country.hashCode() * 31 + this.year) * 31 + this.measure.ordinal();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.year == this.year && key.measure == this.measure
					&& key.country.equals(this.country);
		}

	}

}
