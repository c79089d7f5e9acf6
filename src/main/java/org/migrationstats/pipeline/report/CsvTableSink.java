package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes each table as a CSV file for machines: UTF-8, a header row, {@code .} as decimal
 * point, ISO dates, no thousands separators. Text cells that a spreadsheet could take for
 * a formula are neutralised unless {@code neutralise} is off.
 */
final class CsvTableSink implements TableSink {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

	private final Path folder;

	private final boolean neutralise;

	private CSVPrinter printer;

	CsvTableSink(Path folder, boolean neutralise) {
		this.folder = folder;
		this.neutralise = neutralise;
	}

	@Override
	public void begin(TableInfo table, List<Column> columns) throws IOException {
		Writer writer = Files.newBufferedWriter(this.folder.resolve(table.csv() + ".csv"), StandardCharsets.UTF_8);
		this.printer = new CSVPrinter(writer, FORMAT);
		this.printer.printRecord(columns.stream().map(Column::header).toList());
	}

	@Override
	public void row(List<?> cells) throws IOException {
		List<String> values = new ArrayList<>(cells.size());
		for (Object cell : cells) {
			values.add(format(cell));
		}
		this.printer.printRecord(values);
	}

	private String format(Object cell) {
		if (cell == null || cell instanceof Missing) {
			return "";
		}
		if (cell instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (cell instanceof String text) {
			return this.neutralise ? SafeText.neutralise(text) : text;
		}
		return cell.toString();
	}

	@Override
	public void end() throws IOException {
		this.printer.close(true);
		this.printer = null;
	}

}
