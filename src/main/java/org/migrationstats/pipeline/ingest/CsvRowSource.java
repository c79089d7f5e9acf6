package org.migrationstats.pipeline.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.spec.DatasetSpec;

/**
 * Reads a delimited text file row by row with Commons CSV: the first record is the
 * header, decoding is strict (a byte that is not valid in the file's encoding is an
 * error, never a replacement character), and a byte-order mark is skipped.
 */
public final class CsvRowSource implements Closeable {

	private final String name;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	/**
	 * Opens a file and reads its header.
	 * @param path the file
	 * @param name the file's name as shown to users
	 * @param dataset the dataset that says the delimiter and encoding
	 * @throws SourceFormatException if the file is missing, empty or unreadable
	 */
	public CsvRowSource(Path path, String name, DatasetSpec dataset) {
		this.name = name;
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(dataset.delimiter())
			.setIgnoreEmptyLines(true)
			.setQuote((dataset.delimiter() == '\t') ? null : '"')
			.get();
		try {
			BufferedReader reader = new BufferedReader(
					new StrictDecodingReader(Files.newInputStream(path), dataset.encoding()), 1 << 16);
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
			this.parser = CSVParser.parse(reader, format);
			this.records = this.parser.iterator();
			if (!this.records.hasNext()) {
				throw new SourceFormatException(name + ": the file is empty (no header row)");
			}
			this.header = this.records.next().toList();
		}
		catch (NoSuchFileException ex) {
			throw new SourceFormatException(name + ": file not found");
		}
		catch (IOException ex) {
			throw failure(ex);
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
	}

	/**
	 * @return the header row's cells
	 */
	public List<String> header() {
		return this.header;
	}

	/**
	 * @return the next data row, or {@code null} at the end of the file
	 * @throws SourceFormatException if the file cannot be decoded or parsed
	 */
	public SourceRow next() {
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord record = this.records.next();
			List<String> values = new ArrayList<>(record.size());
			record.forEach(values::add);
			return new SourceRow(record.getRecordNumber(), values);
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
		catch (IllegalStateException ex) {
			throw new SourceFormatException(
					this.name + ", near line " + this.parser.getCurrentLineNumber() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Skips rows already taken in an earlier run.
	 * @param rows the number of data rows to skip
	 */
	public void skip(long rows) {
		for (long i = 0; i < rows && next() != null; i++) {
			// skipping
		}
	}

	private SourceFormatException failure(IOException ex) {
		if (ex instanceof CharacterCodingException) {
			return new SourceFormatException(this.name + ", " + ex.getMessage()
					+ " (the dataset's encoding; set 'encoding' in the job file if the file uses another)", ex);
		}
		return new SourceFormatException(this.name + ": cannot be read: " + ex.getMessage(), ex);
	}

	@Override
	public void close() {
		try {
			if (this.parser != null) {
				this.parser.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
