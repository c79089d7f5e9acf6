package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table's header: the names of its columns as written, and what the rows above the
 * header row say about each column (the group a merged cell spans).
 *
 * @param row the 1-based row of the header (its lowest row)
 * @param names each column's header cell as written
 * @param groups each column's group: the non-empty cells above it in the header rows,
 * carried rightwards over the empty cells of a merged or centred group heading, joined
 * with " / "; empty for a one-row header
 */
public record Header(long row, List<String> names, List<String> groups) {

	private static final Pattern SPACES = Pattern.compile("\\s+");

	public Header {
		names = List.copyOf(names);
		groups = List.copyOf(groups);
	}

	/**
	 * A header of one row.
	 * @param row the header's row
	 * @param names the cells
	 * @return the header
	 */
	public static Header of(long row, List<String> names) {
		return new Header(row, names, names.stream().map((n) -> "").toList());
	}

	/**
	 * Combines header rows: the lowest names the columns, the upper ones name their
	 * groups.
	 * @param rows the header rows, top first; the last is the header row
	 * @param row the last one's row number
	 * @return the header
	 */
	public static Header combine(List<List<String>> rows, long row) {
		List<String> lowest = rows.get(rows.size() - 1);
		int width = rows.stream().mapToInt(List::size).max().orElse(0);
		List<String> names = new ArrayList<>(lowest);
		while (names.size() < width) {
			names.add("");
		}
		List<List<String>> carried = new ArrayList<>();
		for (List<String> upper : rows.subList(0, rows.size() - 1)) {
			List<String> line = new ArrayList<>(width);
			String current = "";
			for (int c = 0; c < width; c++) {
				String cell = (c < upper.size()) ? upper.get(c).strip() : "";
				if (!cell.isEmpty()) {
					current = cell;
				}
				else if (!names.get(c).isBlank() && c > 0 && isStartOfBlock(names, c)) {
					current = "";
				}
				line.add(current);
			}
			carried.add(line);
		}
		List<String> groups = new ArrayList<>(width);
		for (int c = 0; c < width; c++) {
			List<String> parts = new ArrayList<>();
			for (List<String> line : carried) {
				if (!line.get(c).isEmpty()) {
					parts.add(line.get(c));
				}
			}
			groups.add(String.join(" / ", parts));
		}
		return new Header(row, names, groups);
	}

	private static boolean isStartOfBlock(List<String> names, int c) {
		// a column right after an empty-named column starts a new block: nothing carries
		// over a gap in the header row
		return names.get(c - 1).isBlank();
	}

	/**
	 * @return how many columns the header has
	 */
	public int size() {
		return this.names.size();
	}

	/**
	 * A column's name for rejects and messages: its group and its name.
	 * @param column the 0-based column
	 * @return the name as written, with its group before it when there is one
	 */
	public String display(int column) {
		if (column < 0 || column >= this.names.size()) {
			return "";
		}
		String group = this.groups.get(column);
		return group.isEmpty() ? this.names.get(column) : group + " / " + this.names.get(column);
	}

	/**
	 * Finds a column by name, ignoring case, surrounding and repeated spaces and footnote
	 * marks ({@code *}, {@code (a)}, {@code [1]}).
	 * @param name the name wanted, as the job file gives it
	 * @return the 0-based column, or -1
	 */
	public int indexOf(String name) {
		String wanted = clean(name);
		for (int i = 0; i < this.names.size(); i++) {
			if (clean(this.names.get(i)).equals(wanted) || (!this.groups.get(i).isEmpty()
					&& clean(this.groups.get(i) + " " + this.names.get(i)).equals(wanted))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @param text a cell, e.g. {@code "   Kazakhstan*"}
	 * @return the text without surrounding spaces and trailing footnote marks
	 * ({@code Kazakhstan})
	 */
	public static String withoutFootnote(String text) {
		return withoutMarks(text.strip());
	}

	/**
	 * @param text a header cell or a name
	 * @return the text as compared: lower case, single spaces, no footnote marks;
	 * cleaning it again changes nothing
	 */
	public static String clean(String text) {
		String spaced = SPACES.matcher(text.replace('\u00a0', ' ')).replaceAll(" ").strip();
		return withoutMarks(spaced.toLowerCase(Locale.ROOT)).strip();
	}

	/**
	 * Removes the footnote marks at the end of a text ({@code *}, {@code (a)},
	 * {@code [1]}, {@code †}, {@code ‡}, with any spaces between them) and the spaces
	 * before them, in one pass from the end: a regular expression anchored at the end is
	 * tried from every position and recurses once per mark, too slow and too deep for a
	 * long cell.
	 */
	private static String withoutMarks(String text) {
		int end = text.length();
		while (true) {
			int last = end;
			while (last > 0 && isSpace(text.charAt(last - 1))) {
				last--;
			}
			int mark = markStart(text, last);
			if (mark < 0) {
				return text.substring(0, last);
			}
			end = mark;
		}
	}

	private static int markStart(String text, int end) {
		if (end == 0) {
			return -1;
		}
		char c = text.charAt(end - 1);
		if (c == '*' || c == '\u2020' || c == '\u2021') {
			int start = end - 1;
			while (start > 0 && text.charAt(start - 1) == c) {
				start--;
			}
			return start;
		}
		if (c != ')' && c != ']') {
			return -1;
		}
		int longest = (c == ')') ? 2 : 3;
		int i = end - 2;
		while (i >= 0 && isSpace(text.charAt(i))) {
			i--;
		}
		int letters = 0;
		while (i >= 0 && letters <= longest && isLetterOrDigit(text.charAt(i))) {
			i--;
			letters++;
		}
		if (letters == 0 || letters > longest) {
			return -1;
		}
		while (i >= 0 && isSpace(text.charAt(i))) {
			i--;
		}
		return (i >= 0 && text.charAt(i) == ((c == ')') ? '(' : '[')) ? i : -1;
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static boolean isLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
