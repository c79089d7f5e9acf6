package org.migrationstats.pipeline.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference the ingest step is measured against: Commons CSV parsing a file into
 * typed fields (the text of the second column, every later column as a long) and nothing
 * else. Run as a program it parses the file once in its own fresh JVM, as the job's
 * ingest step reads it, and prints the rows per second; given a workbook, it reads it
 * with POI's stock SAX event model instead.
 */
public final class BareParse {

	private BareParse() {
	}

	/**
	 * Parses a CSV file with Commons CSV, or reads a workbook's first sheet with POI's
	 * stock SAX event model (the reference for workbooks), once, and prints the rows per
	 * second.
	 * @param args the file and its number of data rows
	 */
	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int rows = Integer.parseInt(args[1]);
		double rowsPerSecond;
		if (file.toString().endsWith(".xlsx")) {
			long start = System.nanoTime();
			XlsxBenchmark.readStock(file);
			rowsPerSecond = rows / ((System.nanoTime() - start) / 1e9);
		}
		else {
			rowsPerSecond = rowsPerSecond(file, rows, 1);
		}
		System.out.println(String.format(Locale.ROOT, "%.0f", rowsPerSecond));
	}

	/**
	 * Parses the file the given number of times and gives the fastest pass.
	 * @param file a CSV file with a header row
	 * @param rows its number of data rows
	 * @param passes how many times to parse it
	 * @return rows per second of the fastest pass
	 */
	static double rowsPerSecond(Path file, int rows, int passes) throws IOException {
		double best = Double.MAX_VALUE;
		for (int pass = 0; pass < passes; pass++) {
			long start = System.nanoTime();
			long checksum = 0;
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.DEFAULT.builder()
						.setHeader()
						.setSkipHeaderRecord(true)
						.get()
						.parse(reader)) {
				for (CSVRecord record : parser) {
					checksum += record.get(1).length();
					for (int i = 2; i < record.size(); i++) {
						checksum += Long.parseLong(record.get(i));
					}
				}
			}
			best = Math.min(best, (System.nanoTime() - start) / 1e9);
			if (checksum == 42) {
				System.out.print("");
			}
		}
		return rows / best;
	}

}
