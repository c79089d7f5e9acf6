package org.migrationstats.pipeline.ingest;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the value cells of one table against the decimal separator its dataset declares,
 * as the delimiter is detected rather than trusted: a cell that reads only the other way
 * ({@code -481,38} in a dataset read with a decimal point) fails the whole file, since
 * its neighbours that read either way ({@code -103,336}) would otherwise be taken a
 * thousand times too large without a word. What the cells showed is kept, so that the
 * report can say whether the declared separator was checked or could not be.
 */
public final class NumberFormatCheck {

	/**
	 * What a table's cells showed about the declared separator. Of several sheets of one
	 * file, the later constant wins: one sheet whose cells read either way leaves the
	 * file not checkable.
	 */
	public enum Finding {

		/** No cell reads differently with the other separator (whole numbers only). */
		SAME_EITHER_WAY,

		/** A cell reads only with the declared separator. */
		CHECKED,

		/**
		 * Cells such as {@code 1,234} read either way, and none only one way: read as
		 * declared.
		 */
		EITHER_WAY,

		/** A cell reads only with the other separator: the file is not used. */
		REFUSED;

		/**
		 * @param a one sheet's finding, or {@code null} if it was not read
		 * @param b another's, or {@code null}
		 * @return the finding for both together
		 */
		public static Finding combine(Finding a, Finding b) {
			if (a == null || b == null) {
				return (a != null) ? a : b;
			}
			return (a.compareTo(b) >= 0) ? a : b;
		}

	}

	private final String dataset;

	private final String place;

	private final DecimalEvidence declared;

	private final Set<String> missing;

	private Finding finding = Finding.SAME_EITHER_WAY;

	/**
	 * @param dataset the dataset's id
	 * @param place the file, and the sheet where there is one, as messages name them
	 * @param decimalComma whether the dataset declares a decimal comma
	 * @param missing the markers that mean "no value", never evidence
	 */
	public NumberFormatCheck(String dataset, String place, boolean decimalComma, Collection<String> missing) {
		this.dataset = dataset;
		this.place = place;
		this.declared = decimalComma ? DecimalEvidence.COMMA : DecimalEvidence.POINT;
		this.missing = missing.stream().map(String::strip).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Looks at one value cell that is not a plain whole number.
	 * @param raw the cell as written
	 * @return whether the cell agrees with the declared separator; {@code false} when it
	 * reads only with the other one, and the caller then fails the file with
	 * {@link #contradiction(String, long, String)}
	 */
	public boolean agrees(String raw) {
		DecimalEvidence evidence = DecimalEvidence.of(raw);
		if (evidence == this.declared) {
			// the common case in a file with decimals: settled by the first such cell
			if (this.finding != Finding.CHECKED && !this.missing.contains(raw.strip())) {
				this.finding = Finding.CHECKED;
			}
			return true;
		}
		if (evidence == DecimalEvidence.NONE) {
			return true;
		}
		if (evidence == DecimalEvidence.EITHER) {
			if (this.finding == Finding.SAME_EITHER_WAY && !this.missing.contains(raw.strip())) {
				this.finding = Finding.EITHER_WAY;
			}
			return true;
		}
		if (this.missing.contains(raw.strip())) {
			return true;
		}
		this.finding = Finding.REFUSED;
		return false;
	}

	/**
	 * @param raw a cell that does not {@link #agrees(String) agree}
	 * @param row its row
	 * @param column its column's header
	 * @return the failure of its file, naming the file, row, column and cell, and the
	 * setting to put in the job file
	 */
	public SourceFormatException contradiction(String raw, long row, String column) {
		String text = raw.strip();
		DecimalEvidence evidence = DecimalEvidence.of(text);
		String where = this.place + ", row " + row + ", column \"" + column + "\": \"" + text + "\"";
		if (evidence == DecimalEvidence.COMMA) {
			return new SourceFormatException(where + " has a decimal comma (" + evidence.why(text) + "), but dataset "
					+ this.dataset + " reads numbers with a decimal point (the default); add 'decimal: comma' to "
					+ "the dataset in the job file");
		}
		return new SourceFormatException(where + " has a decimal point (" + evidence.why(text) + "), but dataset "
				+ this.dataset + " is declared with 'decimal: comma'; set 'decimal: point' in the job file");
	}

	/**
	 * @return what the cells seen so far showed
	 */
	public Finding finding() {
		return this.finding;
	}

	/**
	 * Takes up what the cells of rows read before a restart showed.
	 * @param saved the finding kept with those rows
	 */
	public void resume(Finding saved) {
		this.finding = saved;
	}

	/**
	 * @param decimalComma whether the dataset declares a decimal comma
	 * @param finding what its file's cells showed, or {@code null} if they were not read
	 * @return the number format as the report states it, e.g. "decimal point, checked"
	 */
	public static String describe(boolean decimalComma, Finding finding) {
		if (finding == null) {
			return "";
		}
		String separator = decimalComma ? "decimal comma" : "decimal point";
		return switch (finding) {
			case CHECKED -> separator + ", checked";
			case SAME_EITHER_WAY -> separator + " as declared: not checkable (no cell reads differently either way)";
			case EITHER_WAY -> separator + " as declared: not checkable (every separator is followed by three "
					+ "digits, which reads either way)";
			case REFUSED ->
				separator + " declared, but a cell reads only with the other separator: left out " + "(see Rejects)";
		};
	}

}
