package org.migrationstats.pipeline.report;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.migrationstats.pipeline.ingest.ValueFlags;

/**
 * The report's numbered notes, in the order of the Notes sheet: a table title or column
 * heading ends with {@code [note 3]} where a note applies to it, as the UK Analysis
 * Function's guidance on spreadsheets has it. The number is the position here, so a note
 * added in the middle renumbers the later ones everywhere at once. The notes that only
 * some runs need come last, so that leaving them out renumbers no other.
 */
enum Note {

	SHORTHAND("Shorthand for missing figures", "Country-year, Periods, Groups, Membership, Contents",
			"A figure cell that holds no number shows why, in the UK Analysis Function's shorthand. [x]: not "
					+ "available: the sources give no value, or the figure needs one they do not give (a rate without "
					+ "the year's population; the population change of the last year of a population series, or of "
					+ "a year whose next year has no population; a period figure without one of its ends; a total "
					+ "the organisation did not publish for that date). [z]: not applicable: there is nothing to "
					+ "count (the rows of a sheet without a table, in Contents). The chart data sheets leave such "
					+ "cells empty, so that the charts show a gap rather than a zero; the CSV files leave every such "
					+ "cell empty."),

	ROUNDING("Rounding", "Country-year, Periods, Groups",
			"Counts are exact whole persons. Values given in thousands are multiplied by 1,000 and rounded once, "
					+ "half to even. Rates are computed from the exact counts and rounded once, half to even, to 3 "
					+ "decimals; they are never summed."),

	PRECEDENCE("Precedence", "Country-year",
			"Where several datasets give the same measure for a country and year, the dataset listed first in the "
					+ "job file is used; the source columns say which."),

	PERIOD_SPANS("Spans of period figures", "Periods, Groups, Chart data, groups, Charts",
			"A period runs from its first to its last year, both included. Net migration, natural increase and "
					+ "reported population change are summed over its calendar years: 12 for 1991 to 2002 (column "
					+ "Calendar years summed). Population change is the population at mid-year of the last year "
					+ "minus that at mid-year of the first year: 11 years of change for 1991 to 2002 (column Years "
					+ "of population change), a year fewer than the sums. Population change therefore need not equal "
					+ "net migration plus natural increase of the same period. The Periods and Groups sheets use the "
					+ "same spans; periods of different lengths are totals over different numbers of years."),

	COLUMNS_LEFT_OUT("Columns left out", "Country-year, Periods, Groups", null),

	MEMBERSHIP_COUNTS("Membership counts", "Membership",
			"The Membership sheet counts the parties the membership file lists on each date: member states, "
					+ "observer states and non-state observers. A file may list only some of the organisation's "
					+ "parties (the shipped sample lists those of the sample countries), so its counts are not the "
					+ "organisation's totals. Where the job file gives the totals the organisation published "
					+ "(membership-totals), they stand beside the file's counts with their source and the "
					+ "difference, published total minus file; published observers are compared with observer "
					+ "states. The title says on which dates the file lists fewer parties than were published."),

	AGGREGATES("Aggregates", "Aggregates, Groups",
			"Rows for regions and income groups (World, Central Asia, ...) are recognised, counted in the "
					+ "Aggregates sheet and left out of every figure and total; the regions of the Groups sheet are "
					+ "sums of the countries the report has."),

	TEXT_FROM_INPUTS("Text from input files", "Rejects, Unmatched names, Membership changes",
			"Names and values copied from input files are text cells, never formulas; one that starts with =, +, "
					+ "-, @, a tab or a line break is marked as text (in the CSV files, with a leading apostrophe). The "
					+ "workbook has no formulas, macros or links outside it."),

	EMPTY_TABLES("Empty tables", "any table whose title says (none in this run)",
			"A table with nothing to list in this run keeps one empty row, as Excel tables need one, and its title "
					+ "says so."),

	REPRODUCIBILITY("Reproducibility", "Run details",
			"The same inputs give the same report: only the run's attempt, run id, execution id and the time it "
					+ "ran (Run details) differ between two runs."),

	SOURCES("Sources", "Inputs, every table of figures", null),

	FLAGS("Flags and values not given", "Country-year, Periods, Inputs",
			"Statistical agencies mark some values with a flag; the Flags column lists them per measure for a "
					+ "country-year (emigrants p; immigrants e), of the values its figures are built from. "
					+ ValueFlags.MEANINGS.entrySet()
						.stream()
						.map((e) -> e.getKey() + ": " + e.getValue())
						.collect(Collectors.joining("; ", "The letters are Eurostat's: ", ". "))
					+ "An SDMX file's observation status (OBS_STATUS, OBS_FLAG) is shown as the letter of the same "
					+ "meaning (P as p, E as e, B as b, ...), a confidentiality status (CONF_STATUS) as c. A period "
					+ "figure built from a flagged year is flagged with that year and its letters (2021 ep; 2022 p): "
					+ "a sum over a provisional year is provisional. A year summed from its months or quarters, and a "
					+ "sum of records, carries every letter of the values summed (a provisional month and an "
					+ "estimated one make an ep year); a year with a month or quarter missing is not summed and is "
					+ "listed, with the months or quarters missing, in the Filtered rows sheet. "
					+ "The Groups sheet shows no flags: its sums take "
					+ "in the figures of its countries, whose flags the Periods sheet shows. A value cell that holds "
					+ "no value (Eurostat's : and : c, an SDMX observation without a value or with a status that "
					+ "says it is missing) gives no figure, never a zero; the Inputs sheet counts such cells per file, "
					+ "not available or confidential, as the run summary does (12 missing (:), 3 confidential (: c)).",
			false);

	private final String subject;

	private final String appliesTo;

	private final String text;

	private final boolean everyRun;

	Note(String subject, String appliesTo, String text) {
		this(subject, appliesTo, text, true);
	}

	Note(String subject, String appliesTo, String text, boolean everyRun) {
		this.subject = subject;
		this.appliesTo = appliesTo;
		this.text = text;
		this.everyRun = everyRun;
	}

	/**
	 * @return whether every report has the note; one that only some runs need is written
	 * only when the run's tables cite it
	 */
	boolean everyRun() {
		return this.everyRun;
	}

	/**
	 * @return the note's number, from 1
	 */
	int number() {
		return ordinal() + 1;
	}

	/**
	 * @return the citation a title or heading ends with, such as {@code [note 3]}
	 */
	String cite() {
		return "[note " + number() + "]";
	}

	/**
	 * @param notes notes, in any order
	 * @return their citations in note order, separated by spaces
	 */
	static String cite(Note... notes) {
		return Arrays.stream(notes).sorted().map((note) -> note.cite()).collect(Collectors.joining(" "));
	}

	String subject() {
		return this.subject;
	}

	String appliesTo() {
		return this.appliesTo;
	}

	/**
	 * @return the note's text; {@code null} for a note whose text depends on the run
	 */
	String text() {
		return this.text;
	}

}
