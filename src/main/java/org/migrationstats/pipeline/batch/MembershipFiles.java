package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.excel.WorkbookTable;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipException;
import org.migrationstats.pipeline.reference.MembershipFileReader;

/**
 * Reads a membership file, CSV or workbook (.xlsx or .xls, its first sheet), the kind
 * told by the file's first bytes, not by its name.
 */
public final class MembershipFiles {

	private MembershipFiles() {
	}

	/**
	 * @param file the membership file
	 * @param countries the country reference, for state parties
	 * @return the membership
	 * @throws MembershipException naming the file and row of the first problem
	 */
	public static Membership read(Path file, CountryReference countries) {
		MembershipFileReader reader = new MembershipFileReader(countries);
		try {
			if (Files.isRegularFile(file) && WorkbookTable.isWorkbook(file)) {
				WorkbookTable table = WorkbookTable.read(file);
				return reader.read(file.toString(), table.header(), table.rows());
			}
		}
		catch (IOException | SourceFormatException ex) {
			throw new MembershipException(file.toString(), 0, "cannot read the membership file: " + ex.getMessage());
		}
		return reader.read(file);
	}

}
