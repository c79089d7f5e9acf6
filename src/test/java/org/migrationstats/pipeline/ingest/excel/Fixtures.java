package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Workbook;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;

/**
 * Writes the workbooks the tests read, and reads their rows back.
 */
final class Fixtures {

	private Fixtures() {
	}

	/**
	 * @return a dataset that takes any type of file
	 */
	static DatasetSpec dataset() {
		return new DatasetSpec("stock", "input/stock.xlsx", ',', StandardCharsets.UTF_8, Layout.WIDE,
				Measure.MIGRANT_STOCK, new ColumnMapping(List.of("country"), List.of(), List.of(), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "test", 1);
	}

	/**
	 * Writes a workbook and closes it.
	 * @param workbook the workbook
	 * @param file where to write it
	 * @return the file
	 */
	static Path write(Workbook workbook, Path file) throws IOException {
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		return file;
	}

	/**
	 * Replaces one entry of a zip package (or adds it), keeping the others.
	 * @param file the package
	 * @param entry the entry's name
	 * @param content its new content
	 */
	static void replaceEntry(Path file, String entry, byte[] content) throws IOException {
		Path copy = file.resolveSibling(file.getFileName() + ".tmp");
		try (ZipFile in = new ZipFile(file.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry e : Collections.list(in.entries())) {
				out.putNextEntry(new ZipEntry(e.getName()));
				if (e.getName().equals(entry)) {
					out.write(content);
				}
				else {
					try (InputStream data = in.getInputStream(e)) {
						data.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * @param file a zip package
	 * @param entry an entry's name
	 * @return the entry's content
	 */
	static byte[] entry(Path file, String entry) throws IOException {
		try (ZipFile in = new ZipFile(file.toFile()); InputStream data = in.getInputStream(in.getEntry(entry))) {
			return data.readAllBytes();
		}
	}

	/**
	 * Reads all rows and closes the source.
	 * @param rows the rows
	 * @return them
	 */
	static List<SourceRow> readAll(RowSource rows) {
		try (rows) {
			List<SourceRow> all = new ArrayList<>();
			for (SourceRow row = rows.next(); row != null; row = rows.next()) {
				all.add(row);
			}
			return all;
		}
	}

}
