package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the rows filtered for another reason than being about an aggregate, per reason
 * and text as written, with the first row of each: a file of a million rows of series the
 * dataset does not map is listed in a few lines, not a million.
 */
public final class FilteredRows {

	/** The text rows are counted under once as many different texts are counted. */
	static final String OTHER_TEXTS = "(other texts)";

	private final Map<List<String>, long[]> counts = new LinkedHashMap<>();

	private final int limit;

	/**
	 * A counter of as many different reasons and texts as come; whoever adds should
	 * {@link #drain()} it now and then.
	 */
	public FilteredRows() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * @param limit how many different reasons and texts are counted; rows with another
	 * text once that many are counted under their reason and {@value #OTHER_TEXTS}
	 */
	public FilteredRows(int limit) {
		this.limit = limit;
	}

	/**
	 * @param row a row filtered
	 */
	public void add(MappedRow.Filtered row) {
		List<String> key = List.of(row.reason(), row.raw());
		if (this.counts.size() >= this.limit && !this.counts.containsKey(key)) {
			key = List.of(row.reason(), OTHER_TEXTS);
		}
		long[] count = this.counts.computeIfAbsent(key, (k) -> new long[] { 0, row.row() });
		count[0]++;
	}

	/**
	 * @return how many different reasons and texts are counted
	 */
	public int size() {
		return this.counts.size();
	}

	/**
	 * @return the counts since the last call, in the order first seen; the counter is
	 * empty afterwards
	 */
	public List<Count> drain() {
		List<Count> drained = new ArrayList<>(this.counts.size());
		this.counts.forEach((key, count) -> drained.add(new Count(key.get(0), key.get(1), count[0], count[1])));
		this.counts.clear();
		return drained;
	}

	/**
	 * Rows filtered for one reason with one text.
	 *
	 * @param reason why they were filtered
	 * @param raw the text that decided it, as written
	 * @param rows how many rows
	 * @param firstRow the first of them
	 */
	public record Count(String reason, String raw, long rows, long firstRow) {
	}

}
