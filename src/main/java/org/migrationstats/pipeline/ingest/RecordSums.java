package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.Measure;

/**
 * Sums the observations of a record-level file (one row per registration office, permit
 * or event) per country, year (or month or quarter of it) and measure, with the flags of
 * every value summed, so that a chunk of a thousand records is stored as the few
 * country-year sums it contributes. The sums are committed with the reader's position, so
 * a restart neither loses nor repeats a record.
 */
public final class RecordSums {

	/**
	 * Set in every key stored, so that 0 marks a free entry: a packed key never has it.
	 */
	private static final long USED = Long.MIN_VALUE;

	/** The sums in order of first appearance (all but their values). */
	private final List<Sum> sums = new ArrayList<>();

	/** A number per country key, so that a country, year and measure pack in a long. */
	private final Map<String, Integer> countries = new HashMap<>();

	/**
	 * Open addressing from a packed key to its sum, because a record-level file adds a
	 * million observations to a few thousand sums: a key object and a map entry per
	 * observation cost more than the parse; at most three entries in four are used. Entry
	 * {@code i} holds its key, with {@link #USED}, at {@code 2i} and its running sum at
	 * {@code 2i + 1}, so that adding to a sum reads one cache line: with one object per
	 * sum reached through a table of indexes, each add waited on three reads from memory,
	 * a third of an ingest thread's time at 10^7 rows.
	 */
	private long[] table = new long[2 * 1024];

	/** Per entry, the index of its sum in {@link #sums}. */
	private int[] index = new int[1024];

	/** The country of the last observation and its number: a row's values share one. */
	private String lastCountry;

	private int lastCountryNumber;

	/**
	 * Adds an observation to its country's, year's and measure's sum.
	 * @param o the observation
	 * @throws ArithmeticException if the sum does not fit in a long
	 */
	public void add(Observation o) {
		int country;
		if (o.country() == this.lastCountry) {
			country = this.lastCountryNumber;
		}
		else {
			Integer known = this.countries.get(o.country());
			if (known == null) {
				known = this.countries.size();
				this.countries.put(o.country(), known);
			}
			country = known;
			this.lastCountry = o.country();
			this.lastCountryNumber = country;
		}
		long key = USED | ((long) country << 40) | ((o.year() & 0xFFFFL) << 24) | ((long) period(o) << 8)
				| o.measure().ordinal();
		long[] entries = this.table;
		int mask = (entries.length >> 1) - 1;
		int at = mix(key) & mask;
		long found;
		while ((found = entries[2 * at]) != 0) {
			if (found == key) {
				entries[2 * at + 1] = Math.addExact(entries[2 * at + 1], o.value());
				if (!o.flags().isEmpty()) {
					Sum sum = this.sums.get(this.index[at]);
					sum.flags = ValueFlags.merge(sum.flags, o.flags());
				}
				return;
			}
			at = (at + 1) & mask;
		}
		entries[2 * at] = key;
		entries[2 * at + 1] = o.value();
		this.index[at] = this.sums.size();
		this.sums.add(new Sum(o, at));
		if (this.sums.size() * 4 > (mask + 1) * 3) {
			grow();
		}
	}

	/**
	 * @return 0 for a whole year, 1-4 for a quarter, 5-16 for a month: a month's and a
	 * quarter's sums are kept apart from the year's, for compute to sum complete years
	 */
	private static int period(Observation o) {
		return switch (o.parts()) {
			case 4 -> o.part();
			case 12 -> 4 + o.part();
			default -> 0;
		};
	}

	private static int mix(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

	private void grow() {
		long[] old = this.table;
		this.table = new long[old.length * 2];
		this.index = new int[this.index.length * 2];
		int mask = (this.table.length >> 1) - 1;
		for (int i = 0; i < this.sums.size(); i++) {
			Sum sum = this.sums.get(i);
			long key = old[2 * sum.entry];
			int at = mix(key) & mask;
			while (this.table[2 * at] != 0) {
				at = (at + 1) & mask;
			}
			this.table[2 * at] = key;
			this.table[2 * at + 1] = old[2 * sum.entry + 1];
			this.index[at] = i;
			sum.entry = at;
		}
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
		for (Sum sum : this.sums) {
			result.add(new Observation(sum.country, sum.year, sum.measure, this.table[2 * sum.entry + 1], sum.first,
					sum.flags, sum.part, sum.parts));
		}
		this.sums.clear();
		Arrays.fill(this.table, 0);
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

	private static final class Sum {

		private final String country;

		private final int year;

		private final Measure measure;

		private final long first;

		private final int part;

		private final int parts;

		/** Its entry in the table, which holds its value. */
		private int entry;

		/** The flags of every value summed, each letter once. */
		private String flags;

		Sum(Observation o, int entry) {
			this.country = o.country();
			this.year = o.year();
			this.measure = o.measure();
			this.entry = entry;
			this.first = o.row();
			this.part = o.part();
			this.parts = o.parts();
			this.flags = o.flags();
		}

	}

}
