package org.migrationstats.pipeline.report;

/**
 * Why a figure cell of a report table holds no number. The workbook shows the UK Analysis
 * Function's shorthand in place of a blank cell, explained in a note; the CSV files leave
 * every such cell empty. A {@code null} figure is {@link #NOT_AVAILABLE}.
 */
enum Missing {

	/** The sources give no value, or a figure needs one they do not give. */
	NOT_AVAILABLE("[x]"),

	/** No value could exist: there is nothing to count. */
	NOT_APPLICABLE("[z]"),

	/**
	 * Left empty in the workbook too: a chart's data, where a text cell would be plotted
	 * as zero and an empty one leaves the gap the chart should show.
	 */
	CHART_GAP("");

	private final String symbol;

	Missing(String symbol) {
		this.symbol = symbol;
	}

	/**
	 * @return what the workbook shows, such as {@code [x]}; empty for a cell left empty
	 */
	String symbol() {
		return this.symbol;
	}

}
