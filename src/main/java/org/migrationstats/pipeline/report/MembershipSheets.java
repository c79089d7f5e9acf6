package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipChange;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.report.jdbc.MembershipCheck;
import org.migrationstats.pipeline.spec.MembershipTotal;

/**
 * The Membership, Membership changes and Membership checks sheets: the membership file's
 * counts on each day of interest beside the totals the organisation published, who joined
 * or left when, and where other sources disagree with the file.
 */
final class MembershipSheets {

	private MembershipSheets() {
	}

	/**
	 * @param sink where to
	 * @param counts the file's counts, in date order
	 * @param published the totals the organisation published, from the job file
	 * @throws IOException if it cannot be written
	 */
	static void writeCounts(TableSink sink, List<MembershipCounts> counts, List<MembershipTotal> published)
			throws IOException {
		Map<LocalDate, MembershipTotal> byDate = published.stream()
			.collect(Collectors.toMap(MembershipTotal::date, Function.identity()));
		sink.begin(
				new TableSink.TableInfo("Membership", "membership",
						"Membership counts of the membership file on each year end, on each day a status changed "
								+ "and on each day the job file names, beside the totals the organisation published"
								+ partial(counts, byDate),
						Note.cite(Note.SHORTHAND, Note.MEMBERSHIP_COUNTS)),
				List.of(Column.date("Date"), Column.year("Member states in the file"),
						Column.year("Member states, published total"),
						Column.year("Member states, published total minus file"),
						Column.year("Observer states in the file"), Column.year("Observer states, published total"),
						Column.year("Observer states, published total minus file"),
						Column.year("Non-state observers in the file"), Column.year("Observers in the file, all"),
						Column.text("Published totals: source")));
		for (MembershipCounts c : counts) {
			MembershipTotal total = byDate.get(c.day());
			Integer members = (total != null) ? total.members() : null;
			Integer observers = (total != null) ? total.observers() : null;
			sink.row(Arrays.asList(c.day(), c.memberStates(), members, minus(members, c.memberStates()),
					c.observerStates(), observers, minus(observers, c.observerStates()), c.observerBodies(),
					c.observers(), (total != null) ? total.source() : null));
		}
		sink.end();
	}

	/**
	 * What the title adds when a published total differs from the file's count, such as
	 * {@code (the membership file lists only some parties: 10 of 98 member states on
	 * 2002-12-02)}, so that no one quotes the file's counts as the organisation's.
	 */
	static String partial(List<MembershipCounts> counts, Map<LocalDate, MembershipTotal> published) {
		List<String> differences = new ArrayList<>();
		boolean fewer = true;
		for (MembershipCounts c : counts) {
			MembershipTotal total = published.get(c.day());
			if (total == null) {
				continue;
			}
			List<String> day = new ArrayList<>();
			if (total.members() != null && total.members() != c.memberStates()) {
				day.add(c.memberStates() + " of " + total.members() + " member states");
				fewer &= c.memberStates() < total.members();
			}
			if (total.observers() != null && total.observers() != c.observerStates()) {
				day.add(c.observerStates() + " of " + total.observers() + " observer states");
				fewer &= c.observerStates() < total.observers();
			}
			if (!day.isEmpty()) {
				differences.add(String.join(" and ", day) + " on " + c.day());
			}
		}
		if (differences.isEmpty()) {
			return "";
		}
		return fewer ? " (the membership file lists only some parties: " + String.join("; ", differences) + ")"
				: " (the membership file's counts differ from the published totals: " + String.join("; ", differences)
						+ ")";
	}

	private static Integer minus(Integer published, int file) {
		return (published != null) ? published - file : null;
	}

	static void writeChanges(TableSink sink, Membership membership, Map<String, String> names) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Membership changes", "membership_changes",
						"Who joined, changed status or left, by date", Note.cite(Note.TEXT_FROM_INPUTS)),
				List.of(Column.date("Date"), Column.year("Year"), Column.text("Party"), Column.text("Name"),
						Column.text("Party type"), Column.text("Change"), Column.text("Status before"),
						Column.text("Status after"), Column.text("Source")));
		for (MembershipChange c : membership.changes()) {
			sink.row(Arrays.asList(c.day(), c.day().getYear(), c.party(), names.getOrDefault(c.party(), c.party()),
					c.partyType().name(), c.describe(), c.before().words(), c.after().words(), c.source()));
		}
		sink.end();
	}

	static void writeChecks(TableSink sink, List<MembershipCheck> differences) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Membership checks", "membership_checks",
						"Where other membership sources disagree with the membership file"),
				List.of(Column.text("Other source"), Column.text("Party"), Column.text("Name"),
						Column.text("Membership file"), Column.text("Other source says"), Column.text("Difference")));
		for (MembershipCheck c : differences) {
			sink.row(Arrays.asList(c.source(), c.party(), c.name(), c.here(), c.there(), c.difference()));
		}
		sink.end();
	}

}
