package org.migrationstats.pipeline.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of the report workbook, created once: Excel allows a workbook about
 * 64,000 styles, so they are shared, never made per cell.
 */
final class WorkbookStyles {

	/** Whole numbers with thousands separators; negatives red and signed. */
	static final String COUNT_FORMAT = "#,##0;[Red]-#,##0";

	/** Rates with three decimals; negatives red and signed. */
	static final String RATE_FORMAT = "0.000;[Red]-0.000";

	/** Years and small whole numbers, without separators. */
	static final String YEAR_FORMAT = "0";

	/** Dates, shown the ISO way whatever the reader's locale. */
	static final String DATE_FORMAT = "yyyy-mm-dd";

	final CellStyle title;

	final CellStyle section;

	final CellStyle header;

	/** The header of a column of numbers: right-aligned, over the numbers. */
	final CellStyle numberHeader;

	final CellStyle text;

	final CellStyle wrappedText;

	final CellStyle quotedText;

	final CellStyle quotedWrappedText;

	final CellStyle link;

	final CellStyle count;

	final CellStyle year;

	final CellStyle rate;

	final CellStyle date;

	/**
	 * The shorthand for a missing figure ([x], [z]): text, aligned with the numbers of
	 * its column.
	 */
	final CellStyle shorthand;

	/** A count in a column of text, such as the cover's values: aligned with the text. */
	final CellStyle countInText;

	/** A date in a column of text. */
	final CellStyle dateInText;

	WorkbookStyles(Workbook workbook) {
		Font large = font(workbook, 14);
		this.title = plain(workbook);
		this.title.setFont(large);
		this.section = plain(workbook);
		this.section.setFont(font(workbook, 12));
		this.header = plain(workbook);
		this.header.setFont(font(workbook, 11));
		this.header.setWrapText(true);
		this.header.setBorderBottom(BorderStyle.THIN);
		this.numberHeader = workbook.createCellStyle();
		this.numberHeader.cloneStyleFrom(this.header);
		this.numberHeader.setAlignment(HorizontalAlignment.RIGHT);
		this.text = format(workbook, "@");
		this.wrappedText = format(workbook, "@");
		this.wrappedText.setWrapText(true);
		// Excel shows a quote-prefixed cell as text and keeps it text when it is edited,
		// so an input text such as "=1+1" stays inert even after F2 and Enter.
		this.quotedText = format(workbook, "@");
		this.quotedText.setQuotePrefixed(true);
		this.quotedWrappedText = format(workbook, "@");
		this.quotedWrappedText.setQuotePrefixed(true);
		this.quotedWrappedText.setWrapText(true);
		this.link = plain(workbook);
		Font blue = workbook.createFont();
		blue.setUnderline(Font.U_SINGLE);
		blue.setColor(IndexedColors.BLUE.getIndex());
		this.link.setFont(blue);
		this.count = format(workbook, COUNT_FORMAT);
		this.year = format(workbook, YEAR_FORMAT);
		this.rate = format(workbook, RATE_FORMAT);
		this.date = format(workbook, DATE_FORMAT);
		this.shorthand = format(workbook, "@");
		this.shorthand.setAlignment(HorizontalAlignment.RIGHT);
		this.countInText = format(workbook, COUNT_FORMAT);
		this.countInText.setAlignment(HorizontalAlignment.LEFT);
		this.dateInText = format(workbook, DATE_FORMAT);
		this.dateInText.setAlignment(HorizontalAlignment.LEFT);
	}

	CellStyle of(Column.Kind kind) {
		return switch (kind) {
			case COUNT -> this.count;
			case YEAR -> this.year;
			case RATE -> this.rate;
			case DATE -> this.date;
			case TEXT -> this.text;
		};
	}

	CellStyle text(boolean wrapped, boolean quoted) {
		if (quoted) {
			return wrapped ? this.quotedWrappedText : this.quotedText;
		}
		return wrapped ? this.wrappedText : this.text;
	}

	private static Font font(Workbook workbook, int points) {
		Font font = workbook.createFont();
		font.setBold(true);
		font.setFontHeightInPoints((short) points);
		return font;
	}

	private static CellStyle plain(Workbook workbook) {
		CellStyle style = workbook.createCellStyle();
		// Top-aligned, so that a row made tall by a wrapped text still reads across.
		style.setVerticalAlignment(VerticalAlignment.TOP);
		return style;
	}

	private static CellStyle format(Workbook workbook, String pattern) {
		CellStyle style = plain(workbook);
		style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
		return style;
	}

}
