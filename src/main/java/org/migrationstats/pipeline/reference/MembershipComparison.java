package org.migrationstats.pipeline.reference;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.spec.MembershipCheckSpec;

/**
 * Compares the job's membership file with another source for the same organisation and
 * lists where they disagree: a state in one and not the other, a different status on the
 * other source's date, or a start year further apart than the tolerance.
 */
public final class MembershipComparison {

	private final CountryReference countries;

	public MembershipComparison(CountryReference countries) {
		this.countries = countries;
	}

	/**
	 * @param primary the job's membership
	 * @param check the other source and how to read it
	 * @param scope the country keys to compare, or {@code null} for every party
	 * @return the differences, by party
	 * @throws MembershipException if the other source cannot be read
	 */
	public List<MembershipDifference> compare(Membership primary, MembershipCheckSpec check, Set<String> scope) {
		List<MembershipDifference> differences = new ArrayList<>();
		Map<String, String> other = read(check, differences);
		Set<String> parties = new TreeSet<>(other.keySet());
		primary.records()
			.stream()
			.filter((r) -> r.partyType() == PartyType.STATE)
			.forEach((r) -> parties.add(r.party()));
		if (scope != null) {
			parties.retainAll(scope);
		}
		for (String party : parties) {
			String there = other.get(party);
			if (check.isSnapshot()) {
				compareSnapshot(primary, check, party, there, differences);
			}
			else {
				compareSince(primary, check, party, there, differences);
			}
		}
		return differences;
	}

	private static void compareSnapshot(Membership primary, MembershipCheckSpec check, String party, String there,
			List<MembershipDifference> differences) {
		MembershipStatus here = primary.statusOn(party, check.asOf());
		MembershipStatus theirs = (there != null) ? status(there) : MembershipStatus.NON_MEMBER;
		if (here != theirs) {
			differences.add(new MembershipDifference(check.id(), party, word(here) + " on " + check.asOf(),
					(there != null) ? there : "not listed", "status on " + check.asOf() + ": " + word(here)
							+ " in the membership file, " + word(theirs) + " in " + check.id()));
		}
	}

	private static void compareSince(Membership primary, MembershipCheckSpec check, String party, String there,
			List<MembershipDifference> differences) {
		Integer hereYear = primary.firstMemberDay(party).map(LocalDate::getYear).orElse(null);
		Integer thereYear = (there != null && !there.isBlank()) ? Integer.valueOf(there.strip()) : null;
		if (hereYear == null && thereYear == null) {
			return;
		}
		String here = (hereYear != null) ? "member from " + hereYear : "never a member";
		String theirs = (thereYear != null) ? "member from " + thereYear : "not listed";
		if (hereYear == null || thereYear == null) {
			differences.add(new MembershipDifference(check.id(), party, here, theirs, (hereYear == null)
					? "a member in " + check.id() + " only" : "a member in the membership file only"));
		}
		else if (Math.abs(hereYear - thereYear) > check.toleranceYears()) {
			differences.add(new MembershipDifference(check.id(), party, here, theirs, "full membership starts "
					+ Math.abs(hereYear - thereYear) + " year(s) apart (tolerance " + check.toleranceYears() + ")"));
		}
	}

	private Map<String, String> read(MembershipCheckSpec check, List<MembershipDifference> differences) {
		String file = check.path().toString();
		String valueColumn = check.isSnapshot() ? check.statusColumn() : check.sinceColumn();
		Map<String, String> values = new LinkedHashMap<>();
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
		try (Reader reader = Files.newBufferedReader(check.path(), StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			for (String column : List.of(check.partyColumn(), valueColumn)) {
				if (!parser.getHeaderMap().containsKey(column)) {
					throw new MembershipException(file, 1,
							"no column '" + column + "'; the header has " + parser.getHeaderNames());
				}
			}
			for (CSVRecord row : parser) {
				String raw = row.get(check.partyColumn());
				Resolution resolution = this.countries.resolve(List.of(raw));
				if (resolution instanceof Resolution.Known known) {
					values.put(known.country().key(), row.get(valueColumn));
				}
				else {
					long line = row.getRecordNumber() + 1;
					String reason = raw.isBlank()
							? "row " + line + " of " + file + " has no " + check.partyColumn() + ": "
									+ String.join(",", row.toList())
							: "row " + line + " of " + file + " names an unknown state";
					differences.add(new MembershipDifference(check.id(), raw.isBlank() ? "row " + line : raw, "",
							row.get(valueColumn), reason));
				}
			}
		}
		catch (NoSuchFileException ex) {
			throw new MembershipException(file, 0, "membership source '" + check.id() + "' not found");
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			throw new MembershipException(file, 0,
					"cannot read membership source '" + check.id() + "': " + ex.getMessage());
		}
		return values;
	}

	private static MembershipStatus status(String text) {
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "member", "full member", "1" -> MembershipStatus.MEMBER;
			case "observer" -> MembershipStatus.OBSERVER;
			default -> MembershipStatus.NON_MEMBER;
		};
	}

	private static String word(MembershipStatus status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
