package org.migrationstats.pipeline.ingest.excel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the one-line messages given for files that are no readable workbook: each
 * file is made here, small, and opened as a dataset file whose type the job leaves open.
 */
class BrokenFilesTests {

	@TempDir
	Path dir;

	private static Workbook workbook(Workbook workbook) {
		for (int r = 0; r < 200; r++) {
			workbook.createSheet((r == 0) ? "Data" : "Sheet" + r);
			workbook.getSheet("Data").createRow(r).createCell(0).setCellValue("row " + r);
		}
		return workbook;
	}

	private static void assertMessage(Path file, String start) {
		assertThatExceptionOfType(SourceFormatException.class).isThrownBy(
				() -> Fixtures.readAll(TableFiles.open(file, file.getFileName().toString(), Fixtures.dataset(), "")))
			.withMessageStartingWith(start)
			.withMessageNotContaining("\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "xlsx", "xls" })
	void truncatedWorkbook(String type) throws IOException {
		Workbook workbook = type.equals("xlsx") ? new XSSFWorkbook() : new HSSFWorkbook();
		byte[] bytes = Files.readAllBytes(Fixtures.write(workbook(workbook), this.dir.resolve("whole." + type)));
		Path file = Files.write(this.dir.resolve("half." + type), Arrays.copyOf(bytes, bytes.length / 2));
		assertMessage(file, "half." + type + ": not a readable workbook (truncated or corrupt): ");
	}

	@ParameterizedTest
	@CsvSource({ "xl/worksheets/sheet1.xml, worksheet, sheetData", "xl/sharedStrings.xml, sst, si" })
	void zipBomb(String entry, String root, String child) throws IOException {
		Path file = Fixtures.write(workbook(new XSSFWorkbook()), this.dir.resolve("bomb.xlsx"));
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root
				+ " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><" + child + ">"
				+ " ".repeat(4_000_000) + "</" + child + "></" + root + ">";
		Fixtures.replaceEntry(file, entry, xml.getBytes(StandardCharsets.UTF_8));
		assertMessage(file, "bomb.xlsx: refused: the workbook expands too much for its size, as a zip bomb does "
				+ "(Zip bomb detected! The file would exceed the max. ratio of compressed file size to the size of "
				+ "the expanded data.");
	}

	@Test
	void sheetEntryDamagedInTheMiddle() throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Data");
		for (int r = 0; r < 5000; r++) {
			sheet.createRow(r).createCell(0).setCellValue(r * 7919.5);
		}
		Path whole = Fixtures.write(workbook, this.dir.resolve("whole.xlsx"));
		String entry = "xl/worksheets/sheet1.xml";
		long size;
		try (ZipFile zip = new ZipFile(whole.toFile())) {
			size = zip.getEntry(entry).getCompressedSize();
		}
		byte[] bytes = Files.readAllBytes(whole);
		byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
		int header = indexOf(bytes, name) - 30;
		int data = header + 30 + name.length + (bytes[header + 28] & 0xFF) + ((bytes[header + 29] & 0xFF) << 8);
		Arrays.fill(bytes, data + (int) size / 2, data + (int) size / 2 + 64, (byte) 0);
		Path file = Files.write(this.dir.resolve("damaged.xlsx"), bytes);
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> Fixtures.readAll(TableFiles.open(file, "damaged.xlsx", Fixtures.dataset(), "")))
			.withMessageMatching("damaged\\.xlsx, sheet \"Data\", row [1-9][0-9]+: the sheet cannot be read further "
					+ "\\(truncated or corrupt\\): [^\\n]+");
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		throw new AssertionError("not found");
	}

	@Test
	void encryptedWorkbook() throws IOException, GeneralSecurityException {
		EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
		Encryptor encryptor = info.getEncryptor();
		encryptor.confirmPassword("secret");
		Path file = this.dir.resolve("secret.xlsx");
		try (POIFSFileSystem fs = new POIFSFileSystem(); Workbook workbook = workbook(new XSSFWorkbook())) {
			try (OutputStream data = encryptor.getDataStream(fs)) {
				workbook.write(data);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				fs.writeFilesystem(out);
			}
		}
		assertMessage(file, "secret.xlsx: the workbook is encrypted (password-protected); save it without a password");
	}

	@Test
	void htmlPageNamedXls() throws IOException {
		Path file = Files.writeString(this.dir.resolve("download.xls"),
				"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><table></table></body></html>");
		assertMessage(file, "download.xls: an HTML page (a web page saved under the name of a workbook or CSV file)");
	}

	@Test
	void emptyFile() throws IOException {
		Path file = Files.write(this.dir.resolve("empty.xlsx"), new byte[0]);
		assertMessage(file, "empty.xlsx: the file is empty");
	}

	@Test
	void oleFileWithoutWorkbook() throws IOException {
		Path file = this.dir.resolve("report.xls");
		try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
			fs.createDocument(new ByteArrayInputStream(new byte[600]), "WordDocument");
			fs.writeFilesystem(out);
		}
		assertMessage(file, "report.xls: an OLE2 file (a Word document or another Office file), not an Excel workbook");
	}

	@Test
	void wordDocumentNamedXlsx() throws IOException {
		Path file = this.dir.resolve("letter.xlsx");
		try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
			document.createParagraph().createRun().setText("Dear reader");
			document.write(out);
		}
		assertMessage(file, "letter.xlsx: a Word document, not an Excel workbook");
	}

	@Test
	void zipWithoutWorkbook() throws IOException {
		Path file = this.dir.resolve("data.xlsx");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.putNextEntry(new ZipEntry("data.csv"));
			out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		assertMessage(file, "data.xlsx: a zip archive of other files (data.csv), not an Excel workbook; "
				+ "unzip it and name the file inside");
	}

	@Test
	void missingFile() {
		assertMessage(this.dir.resolve("missing.xlsx"), "missing.xlsx: file not found");
	}

}
