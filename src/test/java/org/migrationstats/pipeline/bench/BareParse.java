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
 * ingest step reads it, and prints the rows per second.
 */
public final class BareParse {

	private BareParse() {
	}

	/**
	 * @param args the file and its number of data rows
	 */
	public static void main(String[] args) throws IOException {
		System.out
			.println(String.format(Locale.ROOT, "%.0f", rowsPerSecond(Path.of(args[0]), Integer.parseInt(args[1]), 1)));
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
