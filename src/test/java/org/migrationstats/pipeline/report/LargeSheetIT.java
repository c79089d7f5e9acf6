package org.migrationstats.pipeline.report;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.SAXParserFactory;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of more rows than a sheet holds is written with bounded memory: the writing
 * runs in a JVM with a 128 MB heap, which a workbook held in memory would exceed many
 * times over, and the sheet is then read back as a stream, row by row. It holds the first
 * 1,048,573 rows (Excel's 1,048,576 less the title, the header and a last line), and its
 * last line says how many of how many and where the rest are.
 */
class LargeSheetIT {

	private static final int ROWS = 1_100_000;

	/** The rows a sheet holds below a title and a header and above a last line. */
	private static final int SHOWN = 1_048_573;

	@TempDir
	Path folder;

	@Test
	void aTableLongerThanASheetIsWrittenUnderA128MegabyteHeapUpToTheSheetsLastRow() throws Exception {
		Path file = this.folder.resolve("large.xlsx");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + this.folder, "-cp",
				System.getProperty("java.class.path"), MillionRows.class.getName(), file.toString(),
				Integer.toString(ROWS))
			.redirectErrorStream(true)
			.start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.waitFor()).as(output).isZero();

		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
			InputStream sheet = sheets.next();
			assertThat(sheets.getSheetName()).isEqualTo("Country-year");
			List<XSSFTable> tables = new ArrayList<>();
			for (PackageRelationship relation : sheets.getSheetPart()
				.getRelationshipsByType(XSSFRelation.TABLE.getRelation())) {
				tables.add(new XSSFTable(sheets.getSheetPart().getRelatedPart(relation)));
			}
			assertThat(tables).hasSize(1);
			assertThat(tables.get(0).getCTTable().getRef()).isEqualTo("A2:T" + (SHOWN + 2));
			assertThat(tables.get(0).getColumns().get(14).getName()).isEqualTo("Net migration rate, per 1,000");
			Rows rows = new Rows();
			try (sheet) {
				SAXParserFactory.newDefaultNSInstance().newSAXParser().parse(sheet, rows);
			}
			// the title, the header, the rows and the last line: every row of the sheet
			assertThat(rows.count).isEqualTo(SHOWN + 3).isEqualTo(1_048_576);
			assertThat(rows.first).containsExactly("Figures per country and year");
			// Row 1,048,572 as MillionRows makes it; the date is Excel's serial number.
			assertThat(rows.beforeLast).containsExactly("C05242", "Country number 5242", "1972", "MEMBER", "2048572",
					"wb-population", "1048572", "2097144", "-1048572", "wpp-net-migration", "30572", "20672", "9900",
					"1072", "-48.572", "21.5", "9.25", "-63", "-1048572", "37621");
			assertThat(rows.last).containsExactly("Only the first 1,048,573 of 1,100,000 rows are on this sheet, as "
					+ "many as it holds: all of them are in country_year.csv.");
		}
	}

	/** Counts the rows of a sheet and keeps the values of the last, read as a stream. */
	private static final class Rows extends DefaultHandler {

		private int count;

		private List<String> current = new ArrayList<>();

		private List<String> first = List.of();

		private List<String> beforeLast = List.of();

		private List<String> last = List.of();

		private StringBuilder value;

		@Override
		public void startElement(String uri, String localName, String qName, Attributes attributes) {
			switch (localName) {
				case "row" -> {
					this.count++;
					this.current = new ArrayList<>();
				}
				case "v", "t" -> this.value = new StringBuilder();
				default -> {
				}
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if (this.value != null) {
				this.value.append(ch, start, length);
			}
		}

		@Override
		public void endElement(String uri, String localName, String qName) {
			if ((localName.equals("v") || localName.equals("t")) && this.value != null) {
				String text = this.value.toString();
				this.current
					.add(text.matches("-?[0-9.]+") ? new BigDecimal(text).stripTrailingZeros().toPlainString() : text);
				this.value = null;
			}
			else if (localName.equals("row")) {
				if (this.count == 1) {
					this.first = this.current;
				}
				this.beforeLast = this.last;
				this.last = this.current;
			}
		}

	}

}
