package org.migrationstats.pipeline.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MembershipFileReader} on small fixture files, each a slice of the
 * shipped input/membership/iom.csv with one thing wrong.
 */
class MembershipFileReaderTests {

	private static final String HEADER = "organisation,party,party_type,status,from,to,source\n";

	private static final String KGZ_OBSERVER = "IOM,KGZ,STATE,OBSERVER,1993-05,2000-11,"
			+ "\"IOM: observer from May 1993 until admitted as a member in November 2000\"\n";

	private static final String KGZ_MEMBER = "IOM,KGZ,STATE,MEMBER,2000-11,,\"IOM: admitted as a member in November 2000\"\n";

	private static final MembershipFileReader READER = new MembershipFileReader(CountryReference.shipped());

	@TempDir
	Path folder;

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.folder.resolve(name), content, StandardCharsets.UTF_8);
	}

	@Nested
	class ValidFiles {

		@Test
		void resolveStatesGivenByName() throws IOException {
			Path file = write("names.csv", HEADER + "IOM,Kyrgyz Republic,STATE,OBSERVER,1993-05,2000-11,IOM\n"
					+ "IOM,Kyrgyzstan,STATE,MEMBER,2000-11,,IOM\n");
			Membership membership = READER.read(file);
			assertThat(membership.records()).extracting(MembershipRecord::party).containsExactly("KGZ", "KGZ");
			assertThat(membership.statusOn("KGZ", LocalDate.of(2000, 11, 1))).isEqualTo(MembershipStatus.MEMBER);
		}

		@Test
		void keepNonStateBodiesByName() throws IOException {
			Path file = write("bodies.csv", HEADER + "IOM,Human Rights Watch,ORGANISATION,OBSERVER,2002-12-02,,"
					+ "\"IOM Council, 84th session, 2 December 2002: granted observer status\"\n");
			MembershipRecord record = READER.read(file).records().get(0);
			assertThat(record.party()).isEqualTo("Human Rights Watch");
			assertThat(record.partyType()).isEqualTo(PartyType.ORGANISATION);
			assertThat(record.source())
				.isEqualTo("IOM Council, 84th session, 2 December 2002: granted observer status");
			assertThat(record.row()).isEqualTo(2);
		}

		@Test
		void readStatusAndTypeInAnyCase() throws IOException {
			Path file = write("case.csv", HEADER + "IOM,TJK,state,member,1994,,\"IOM: member since 1994\"\n");
			assertThat(READER.read(file).statusOn("TJK", LocalDate.of(1994, 1, 1))).isEqualTo(MembershipStatus.MEMBER);
		}

	}

	@Nested
	class PartialDates {

		@ParameterizedTest(name = "\"{0}\" is {1}")
		@CsvSource(delimiter = '|',
				value = { "1994|1994-01-01", "2000-11|2000-11-01", "1993-05|1993-05-01", "2002-12-02|2002-12-02" })
		void standForTheirFirstDay(String text, LocalDate day) {
			assertThat(MembershipFileReader.date(text, "iom.csv", 2, "from")).isEqualTo(day);
		}

		@Test
		void leaveAnEmptyDateEmpty() {
			assertThat(MembershipFileReader.date(" ", "iom.csv", 2, "to")).isNull();
		}

		@Test
		void areReadFromTheSampleFile() {
			Membership iom = READER.read(Path.of("input/membership/iom.csv"));
			assertThat(iom.records()).filteredOn((r) -> r.party().equals("TJK"))
				.singleElement()
				.satisfies((r) -> assertThat(r.from()).isEqualTo(LocalDate.of(1994, 1, 1)));
		}

	}

	@Nested
	class BadFiles {

		@Test
		void refuseOverlappingRecordsNamingFileAndRow() throws IOException {
			Path file = write("overlap.csv",
					HEADER + "IOM,KGZ,STATE,OBSERVER,1993-05,,\"IOM: observer\"\n" + KGZ_MEMBER);
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 3: the record for KGZ from 2000-11-01 overlaps row 2 (OBSERVER from "
						+ "1993-05-01, still open): close the earlier record with a to-date");
		}

		@Test
		void sayInWordsWhatIsWrongWithTheQuotingAndOnWhichRow() throws IOException {
			Path file = write("quotes.csv",
					HEADER + KGZ_OBSERVER + "IOM,KAZ,STATE,MEMBER,2002-12-02,,\"IOM Council\" 84th session\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 3: text after the closing quote of a quoted field (a quote inside a "
						+ "quoted field is written twice: \"\")");
			Path open = write("open-quote.csv", HEADER + KGZ_OBSERVER + "IOM,KAZ,STATE,MEMBER,2002-12-02,,\"IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(open))
				.withMessageStartingWith(open + ", row 3: a quoted field is not closed before the end of the file");
		}

		@Test
		void refuseAToDateBeforeTheFromDate() throws IOException {
			Path file = write("reversed.csv", HEADER + KGZ_MEMBER + "IOM,KGZ,STATE,OBSERVER,2000-11,1993-05,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 3: 'to' (1993-05) is not after 'from' (2000-11)");
		}

		@Test
		void refuseAToDateEqualToTheFromDate() throws IOException {
			Path file = write("same-day.csv", HEADER + "IOM,KAZ,STATE,MEMBER,2002-12-02,2002-12-02,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 2: 'to' (2002-12-02) is not after 'from' (2002-12-02)");
		}

		@Test
		void refuseAnUnknownStateSuggestingTheClosestName() throws IOException {
			Path file = write("unknown.csv",
					HEADER + KGZ_OBSERVER + "IOM,Kazakstan,STATE,MEMBER,2002-12-02,,\"IOM Council, 84th session\"\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 3: unknown state 'Kazakstan' (did you mean Kazakhstan?)");
		}

		@Test
		void refuseAnAggregateAsAState() throws IOException {
			Path file = write("aggregate.csv", HEADER + "IOM,World,STATE,MEMBER,1951,,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 2: unknown state 'World'");
		}

		@ParameterizedTest(name = "from \"{0}\"")
		@CsvSource({ "2002-12-32", "2002-13", "20O2", "2 December 2002", "02/12/2002", "2002-1", "+994", "0000",
				"1700" })
		void refuseADateThatIsNotADate(String text) throws IOException {
			Path file = write("dates.csv", HEADER + "IOM,KAZ,STATE,MEMBER," + text + ",,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(
						file + ", row 2: from '" + text + "' is not a date (expected 2002-12-02, 2000-11 or 1994)");
		}

		@Test
		void refuseARecordWithoutFromDate() throws IOException {
			Path file = write("no-from.csv", HEADER + "IOM,KAZ,STATE,MEMBER,,,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 2: 'from' is empty: every record needs the date it took effect");
		}

		@Test
		void refuseAnUnknownStatusListingTheKnownOnes() throws IOException {
			Path file = write("status.csv", HEADER + "IOM,KAZ,STATE,MEMEBER,2002-12-02,,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 2: status 'MEMEBER' is not one of [MEMBER, NON_MEMBER, OBSERVER]");
		}

		@Test
		void refuseANonMemberRecord() throws IOException {
			Path file = write("non-member.csv", HEADER + "IOM,KAZ,STATE,NON_MEMBER,1991,,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 2: status must be MEMBER or OBSERVER, found NON_MEMBER");
		}

		@Test
		void refuseARecordOfAnotherOrganisation() throws IOException {
			Path file = write("organisations.csv", HEADER + KGZ_OBSERVER + "UNHCR,KAZ,STATE,MEMBER,1992,,UNHCR\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 3: organisation 'UNHCR' is not 'IOM', the organisation of the first "
						+ "record: a membership file holds the records of one organisation");
		}

		@Test
		void refuseANonStateMember() throws IOException {
			Path file = write("body-member.csv",
					HEADER + "IOM,Sovereign Order of Malta,ORGANISATION,MEMBER,1994-12,,IOM\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file
						+ ", row 2: 'Sovereign Order of Malta' is a non-state body (ORGANISATION) with status MEMBER: "
						+ "members are counted as member states; a non-state body can be an OBSERVER");
		}

		@Test
		void refuseAFileWithoutTheExpectedColumns() throws IOException {
			Path file = write("columns.csv", "organisation,party,status,from\nIOM,KAZ,MEMBER,2002-12-02\n");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ", row 1: missing column(s) [party_type, to, source], expected "
						+ "[organisation, party, party_type, status, from, to, source]");
		}

		@Test
		void refuseAMissingFile() {
			Path file = MembershipFileReaderTests.this.folder.resolve("absent.csv");
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> READER.read(file))
				.withMessage(file + ": membership file not found");
		}

	}

}
