package org.migrationstats.pipeline.reference;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a membership file (CSV: organisation, party, party_type, status, from, to,
 * source). Dates may be a day ({@code 2002-12-02}), a month ({@code 2000-11}) or a year
 * ({@code 1994}); a month or a year stands for its first day.
 */
public final class MembershipFileReader {

	private static final List<String> COLUMNS = List.of("organisation", "party", "party_type", "status", "from", "to",
			"source");

	private final CountryReference countries;

	public MembershipFileReader(CountryReference countries) {
		this.countries = countries;
	}

	/**
	 * @param file the membership file
	 * @return the organisation's membership
	 * @throws MembershipException naming the file and row of the first problem
	 */
	public Membership read(Path file) {
		String name = file.toString();
		List<MembershipRecord> records = new ArrayList<>();
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			List<String> missing = COLUMNS.stream().filter((c) -> !parser.getHeaderMap().containsKey(c)).toList();
			if (!missing.isEmpty()) {
				throw new MembershipException(name, 1, "missing column(s) " + missing + ", expected " + COLUMNS);
			}
			var rows = parser.iterator();
			while (true) {
				CSVRecord row;
				try {
					if (!rows.hasNext()) {
						break;
					}
					row = rows.next();
				}
				catch (java.io.UncheckedIOException ex) {
					throw new MembershipException(name, parser.getCurrentLineNumber(),
							CsvSyntax.describe(ex.getCause()));
				}
				records.add(record(name, row.getRecordNumber() + 1, row::get));
			}
		}
		catch (NoSuchFileException ex) {
			throw new MembershipException(name, 0, "membership file not found");
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			throw new MembershipException(name, 0, "cannot read the membership file: " + ex.getMessage());
		}
		return new Membership(name, oneOrganisation(name, records));
	}

	/**
	 * Reads membership records from a table another reader took from a file (a workbook
	 * sheet): the header row first, then one list of cell texts per row.
	 * @param name the file (and sheet) as named in errors
	 * @param header the header cells
	 * @param rows the data rows, the first being row 2 of the file
	 * @return the organisation's membership
	 * @throws MembershipException naming the file and row of the first problem
	 */
	public Membership read(String name, List<String> header, List<List<String>> rows) {
		List<String> names = header.stream().map(String::strip).toList();
		List<String> missing = COLUMNS.stream().filter((c) -> !names.contains(c)).toList();
		if (!missing.isEmpty()) {
			throw new MembershipException(name, 1, "missing column(s) " + missing + ", expected " + COLUMNS);
		}
		List<MembershipRecord> records = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			if (row.stream().allMatch(String::isBlank)) {
				continue;
			}
			records.add(record(name, i + 2, (column) -> {
				int index = names.indexOf(column);
				return (index < row.size()) ? row.get(index).strip() : "";
			}));
		}
		return new Membership(name, oneOrganisation(name, records));
	}

	/**
	 * A membership file holds the records of one organisation: the first record names it,
	 * and a record naming another (a file that mixes organisations, or a misspelling) is
	 * an error, since its parties would otherwise be counted as the first one's members.
	 */
	private static List<MembershipRecord> oneOrganisation(String file, List<MembershipRecord> records) {
		if (records.isEmpty()) {
			return records;
		}
		String organisation = records.get(0).organisation();
		if (organisation == null || organisation.isBlank()) {
			throw new MembershipException(file, records.get(0).row(), "organisation is empty");
		}
		for (MembershipRecord record : records) {
			if (!organisation.equals(record.organisation())) {
				throw new MembershipException(file, record.row(),
						"organisation '" + record.organisation() + "' is not '" + organisation
								+ "', the organisation of the first record: a membership file holds the records of "
								+ "one organisation");
			}
		}
		return records;
	}

	private MembershipRecord record(String file, long line, java.util.function.UnaryOperator<String> row) {
		PartyType type = parse(PartyType.class, row.apply("party_type"), file, line, "party_type");
		MembershipStatus status = parse(MembershipStatus.class, row.apply("status"), file, line, "status");
		if (status == MembershipStatus.NON_MEMBER) {
			throw new MembershipException(file, line, "status must be MEMBER or OBSERVER, found NON_MEMBER");
		}
		String party = row.apply("party");
		if (party.isEmpty()) {
			throw new MembershipException(file, line, "party is empty");
		}
		if (type != PartyType.STATE && status == MembershipStatus.MEMBER) {
			throw new MembershipException(file, line,
					"'" + party + "' is a non-state body (" + type + ")"
							+ " with status MEMBER: members are counted as member states; a non-state body "
							+ "can be an OBSERVER");
		}
		if (type == PartyType.STATE) {
			Resolution resolution = this.countries.resolve(List.of(party));
			if (!(resolution instanceof Resolution.Known known)) {
				String hint = (resolution instanceof Resolution.Unknown unknown && !unknown.suggestions().isEmpty())
						? " (did you mean " + String.join(", ", unknown.suggestions()) + "?)" : "";
				throw new MembershipException(file, line, "unknown state '" + party + "'" + hint);
			}
			party = known.country().key();
		}
		LocalDate from = date(row.apply("from"), file, line, "from");
		if (from == null) {
			throw new MembershipException(file, line, "'from' is empty: every record needs the date it took effect");
		}
		LocalDate to = date(row.apply("to"), file, line, "to");
		if (to != null && !to.isAfter(from)) {
			throw new MembershipException(file, line,
					"'to' (" + row.apply("to") + ") is not after 'from' (" + row.apply("from") + ")");
		}
		return new MembershipRecord(row.apply("organisation"), party, type, status, from, to, row.apply("source"),
				line);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String file, long line, String column) {
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			Set<String> allowed = new java.util.TreeSet<>();
			for (E constant : type.getEnumConstants()) {
				allowed.add(constant.name());
			}
			throw new MembershipException(file, line, column + " '" + text + "' is not one of " + allowed);
		}
	}

	static LocalDate date(String text, String file, long line, String column) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (!text.matches("(1[89]|2[01])\\d{2}(-\\d{2}(-\\d{2})?)?")) {
			throw new MembershipException(file, line,
					column + " '" + text + "' is not a date (expected 2002-12-02, 2000-11 or 1994)");
		}
		try {
			return switch (text.length()) {
				case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
				case 7 -> YearMonth.parse(text).atDay(1);
				default -> LocalDate.parse(text);
			};
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new MembershipException(file, line,
					column + " '" + text + "' is not a date (expected 2002-12-02, 2000-11 or 1994)");
		}
	}

}
