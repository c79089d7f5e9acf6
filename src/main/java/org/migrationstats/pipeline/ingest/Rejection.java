package org.migrationstats.pipeline.ingest;

/**
 * A cell or row that was not taken, and why, with everything needed to find it in the
 * file.
 *
 * @param dataset the dataset id
 * @param file the file as named in the job
 * @param sheet the sheet name, empty for text files
 * @param row the 1-based row number
 * @param column the column header, empty when the whole row is rejected
 * @param rawValue the text as written in the file
 * @param reason why it was rejected
 */
public record Rejection(String dataset, String file, String sheet, long row, String column, String rawValue,
		String reason) {

	public Rejection {
		sheet = (sheet != null) ? sheet : "";
		column = (column != null) ? column : "";
		rawValue = (rawValue != null) ? rawValue : "";
	}

	/**
	 * @return the place and reason in one line, e.g.
	 * {@code population.csv, row 57, column "1995": "1,2O3" is not a number}
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.file);
		if (!this.sheet.isEmpty()) {
			text.append(", sheet \"").append(this.sheet).append('"');
		}
		text.append(", row ").append(this.row);
		if (!this.column.isEmpty()) {
			text.append(", column \"").append(this.column).append('"');
		}
		return text.append(": ").append(this.reason).toString();
	}

}
