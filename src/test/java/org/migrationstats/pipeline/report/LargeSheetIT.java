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
 * A country-year sheet of a million rows is written with bounded memory: the writing runs
 * in a JVM with a 128 MB heap, which a workbook held in memory would exceed many times
 * over, and the sheet is then read back as a stream, row by row.
 */
class LargeSheetIT {

	private static final int ROWS = 1_000_000;

	@TempDir
	Path folder;

	@Test
	void aMillionRowSheetIsWrittenUnderA128MegabyteHeap() throws Exception {
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
			assertThat(tables.get(0).getCTTable().getRef()).isEqualTo("A2:T" + (ROWS + 2));
			assertThat(tables.get(0).getColumns().get(14).getName()).isEqualTo("Net migration rate, per 1,000");
			Rows rows = new Rows();
			try (sheet) {
				SAXParserFactory.newDefaultNSInstance().newSAXParser().parse(sheet, rows);
			}
			assertThat(rows.count).isEqualTo(ROWS + 2);
			// Row 999,999 as MillionRows makes it; the date is Excel's serial number.
			assertThat(rows.last).containsExactly("C04999", "Country number 4999", "1999", "MEMBER", "1999999",
					"wb-population", "999999", "1999998", "-999999", "wpp-net-migration", "30999", "20399", "10600",
					"2499", "-99.999", "21.5", "9.25", "0", "-999999", "37621");
		}
	}

	/** Counts the rows of a sheet and keeps the values of the last, read as a stream. */
	private static final class Rows extends DefaultHandler {

		private int count;

		private List<String> current = new ArrayList<>();

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
				this.last = this.current;
			}
		}

	}

}
