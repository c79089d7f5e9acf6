package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Notes and Definitions sheets: the numbered notes that titles and headings cite, and
 * the definition of every figure.
 */
final class NotesSheets {

	static final String NOTES = "Notes";

	static final String DEFINITIONS_SHEET = "Definitions";

	private static final String[][] DEFINITIONS = {
			{ "Population",
					"Total population in persons, as of the reference date its source states (Inputs, "
							+ "'Figures as of'; the country-year table names each year's population source)." },
			{ "Immigrants, emigrants",
					"Persons arriving in and leaving the country in the calendar year, as the "
							+ "source reports them." },
			{ "Net migration",
					"Immigrants minus emigrants in the calendar year, as the source reports it; where a "
							+ "source gives immigrants and emigrants only, their difference." },
			{ "Natural increase", "Live births minus deaths in the calendar year." },
			{ "Population change",
					"For a year t: the population of year t+1 minus that of year t. For a period: "
							+ "the population of its last year minus that of its first year (mid-year to mid-year)." },
			{ "Reported population change", "Population change as a source reports it, over the span the source states "
					+ "(Inputs, 'Figures as of'; for instance 1 January of the year to 1 January of the next)." },
			{ "Balancing residual", "Reported population change minus (births - deaths + net migration); near zero "
					+ "when the sources balance. Residuals beyond the job's balance-tolerance are listed in Checks." },
			{ "International migrant stock",
					"Persons living in the country at mid-year who were born in "
							+ "another country (or, where the source counts so, are foreign citizens), as the source "
							+ "reports it: a stock, not a flow, so it is not summed over periods." },
			{ "Net migration rate", "Net migration per 1,000 mid-year population of the same year; for a period, "
					+ "the cumulative net migration per 1,000 of the mean of the first and last year's population, "
					+ "per year." },
			{ "Birth and death rates", "Births or deaths per 1,000 mid-year population of the same year." },
			{ "Cumulative net migration",
					"Net migration summed over every year of the period, both ends included; "
							+ "'years with data' says how many years the sum covers." },
			{ "Membership status",
					"The country's status in the organisation on 31 December of the year, or of the "
							+ "period's last year, from the membership file: Member, Observer or Not a member." },
			{ "Groups", "Period figures summed over the countries of a membership status at the period's end, a "
					+ "list named in the job file, or an M49 region or sub-region. 'Countries with every year' says "
					+ "how many of them have net migration for the whole period." },
			{ "Source conflicts and revisions",
					"Conflicts: another dataset's value B whose relative difference from the value used, A, "
							+ "exceeds the job's source-tolerance; the relative difference is |B - A| / |A|, taken "
							+ "against the value used (where A is 0, every other value is a conflict). Revisions: every "
							+ "value a newer vintage (A) changed from the older one (B). 'B minus A' is B - A on every "
							+ "row." },
			{ "Rows read, written, rejected, filtered",
					"Per input file, as the ingest step counts them: data rows read; rows written (every row "
							+ "read that is neither rejected whole nor filtered, even one whose values were rejected); "
							+ "rows with at least one value rejected, or rejected whole (listed in Rejects); rows about "
							+ "aggregates, set aside (listed in Aggregates), and rows of series the job does not map, "
							+ "left out by the dataset's filters or that are section headings (listed in Filtered "
							+ "rows). Observations: the figures taken from the file; values rejected: its entries in "
							+ "Rejects." } };

	private NotesSheets() {
	}

	/**
	 * @param sink where to
	 * @param texts the texts of the notes whose text depends on the run, such as the
	 * sources
	 * @param cited the notes that only some runs need that this run's tables cite
	 * @throws IOException if it cannot be written
	 */
	static void writeNotes(TableSink sink, Map<Note, String> texts, Set<Note> cited) throws IOException {
		sink.begin(new TableSink.TableInfo(NOTES, "notes", "Notes: cited in titles and headings as [note 1] and so on"),
				List.of(Column.text("Note number"), Column.text("Subject"), Column.text("Note text"),
						Column.text("Applies to")));
		for (Note note : Note.values()) {
			if (!note.everyRun() && !cited.contains(note)) {
				continue;
			}
			String text = (note.text() != null) ? note.text() : texts.get(note);
			if (text == null) {
				throw new IllegalStateException("note " + note.number() + " (" + note.subject() + ") has no text");
			}
			sink.row(List.of("Note " + note.number(), note.subject(), text, note.appliesTo()));
		}
		sink.end();
	}

	/**
	 * @param leftOut per table, the headers of the columns left out
	 * @return the text of the note on columns left out
	 */
	static String leftOut(Map<String, List<String>> leftOut) {
		List<String> tables = new ArrayList<>();
		for (String table : List.of("Country-year", "Periods", "Groups")) {
			List<String> columns = leftOut.getOrDefault(table, List.of());
			if (!columns.isEmpty()) {
				tables.add(table + ": " + String.join("; ", columns));
			}
		}
		String rule = "A column that no dataset of the run can fill (immigrants and emigrants without a flows "
				+ "dataset, births, deaths and rates without them, migrant stock without a stock dataset, ...) is "
				+ "left out of the run's tables, in the workbook and the CSV files alike, rather than shown empty in "
				+ "every row.";
		return tables.isEmpty() ? rule + " This run leaves out no column."
				: rule + " Left out in this run: " + String.join(". ", tables) + ".";
	}

	static void writeDefinitions(TableSink sink) throws IOException {
		sink.begin(new TableSink.TableInfo(DEFINITIONS_SHEET, "definitions", "Definitions of the figures"),
				List.of(Column.text("Figure"), Column.text("Definition")));
		for (String[] definition : DEFINITIONS) {
			sink.row(Arrays.asList(definition));
		}
		sink.end();
	}

}
