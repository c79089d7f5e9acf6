package org.migrationstats.pipeline.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a country-year sheet of synthetic rows through {@link XlsxTableSink}, for
 * {@link LargeSheetIT} to run in a JVM with a small heap. Prints the peak heap used, for
 * the record.
 */
public final class MillionRows {

	static final List<Column> COLUMNS = List.of(Column.text("Country code"), Column.text("Country"),
			Column.year("Year"), Column.text("Status at year end"), Column.count("Population"),
			Column.text("Population source"), Column.count("Immigrants"), Column.count("Emigrants"),
			Column.count("Net migration"), Column.text("Net migration source"), Column.count("Births"),
			Column.count("Deaths"), Column.count("Natural increase"), Column.count("Population change"),
			Column.rate("Net migration rate, per 1,000"), Column.rate("Birth rate, per 1,000"),
			Column.rate("Death rate, per 1,000"), Column.count("Reported population change"),
			Column.count("Immigrants minus emigrants"), Column.date("Checked on"));

	private MillionRows() {
	}

	/**
	 * @param args the workbook to write and the number of rows
	 * @throws Exception if it cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int rows = Integer.parseInt(args[1]);
		try (XlsxTableSink sink = new XlsxTableSink()) {
			sink.begin(new TableSink.TableInfo("Country-year", "country_year", "Figures per country and year"),
					COLUMNS);
			for (int i = 0; i < rows; i++) {
				sink.row(row(i));
			}
			sink.end();
			sink.properties("Large", "Large", "Large", LocalDate.of(2002, 12, 31));
			sink.save(file);
		}
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.println("peak heap bytes " + peak);
	}

	/**
	 * @param i the row's index
	 * @return a row of the country-year shape, different for every index
	 */
	static List<Object> row(int i) {
		List<Object> row = new ArrayList<>(COLUMNS.size());
		long population = 1_000_000L + i;
		row.add(String.format("C%05d", i / 200));
		row.add("Country number " + (i / 200));
		row.add(1800 + i % 200);
		row.add((i % 3 == 0) ? "MEMBER" : "NON_MEMBER");
		row.add(population);
		row.add("wb-population");
		row.add((long) i);
		row.add(2L * i);
		row.add(-(long) i);
		row.add("wpp-net-migration");
		row.add(30_000L + i % 1000);
		row.add(20_000L + i % 700);
		row.add(10_000L + i % 1000 - i % 700);
		row.add((long) (i % 5000) - 2500);
		row.add(BigDecimal.valueOf(-i % 100_000, 3));
		row.add(new BigDecimal("21.500"));
		row.add(new BigDecimal("9.250"));
		row.add(-1L * (i % 77));
		row.add(-(long) i);
		row.add(LocalDate.of(2002, 12, 31));
		return row;
	}

}
