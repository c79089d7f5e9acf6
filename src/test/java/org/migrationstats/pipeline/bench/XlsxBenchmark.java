package org.migrationstats.pipeline.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.ThreadMXBean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads a generated sheet of N rows × 8 columns with the pipeline's streaming .xlsx
 * reader, with POI's own SAX event model ({@link XSSFSheetXMLHandler} and
 * {@link DataFormatter}) and, as a floor, the same data as CSV with Commons CSV; prints
 * rows per second and peak heap of each. Not a test: run it with row counts as arguments,
 * for example {@code java -Xmx256m -cp ... XlsxBenchmark 100000 1000000}.
 */
public final class XlsxBenchmark {

	private static final Path DIR = Path.of("target/bench");

	private static final int RUNS = 3;

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static final List<String> HEADER = List.of("country", "year", "stock", "men", "women", "refugees", "share",
			"net");

	private XlsxBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args row counts
	 * @throws Exception if a file cannot be written or read
	 */
	public static void main(String[] args) throws Exception {
		Files.createDirectories(DIR);
		System.out.printf(Locale.ROOT,
				"max heap %d MB, %d runs per reader after one warm-up read of the first size, best run shown%n",
				Runtime.getRuntime().maxMemory() >> 20, RUNS);
		if (args.length > 0) {
			int rows = Integer.parseInt(args[0]);
			readOurs(xlsx(rows));
			readStock(xlsx(rows));
			readCsv(csv(rows));
		}
		for (String arg : args) {
			int rows = Integer.parseInt(arg);
			Path xlsx = xlsx(rows);
			Path csv = csv(rows);
			System.out.printf(Locale.ROOT, "%n%,d rows x 8 columns: %s %,d KB, %s %,d KB%n", rows, xlsx.getFileName(),
					Files.size(xlsx) >> 10, csv.getFileName(), Files.size(csv) >> 10);
			Result ours = measure("XlsxRowSource (StAX)", rows, () -> readOurs(xlsx));
			Result stock = measure("XSSFSheetXMLHandler + DataFormatter", rows, () -> readStock(xlsx));
			measure("Commons CSV (same data)", rows, () -> readCsv(csv));
			System.out.printf(Locale.ROOT, "ours/stock: %.2f x the rows per second, %.2f x the peak heap%n",
					ours.rowsPerSecond() / stock.rowsPerSecond(), (double) ours.peakHeap() / stock.peakHeap());
		}
	}

	private static Path xlsx(int rows) throws IOException {
		return cached("bench-" + rows + ".xlsx", (random, out) -> {
			try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 1000, true, true)) {
				Sheet sheet = workbook.createSheet("Data");
				Row header = sheet.createRow(0);
				for (int c = 0; c < HEADER.size(); c++) {
					header.createCell(c).setCellValue(HEADER.get(c));
				}
				for (int r = 1; r <= rows; r++) {
					Object[] values = values(random);
					Row row = sheet.createRow(r);
					row.createCell(0).setCellValue((String) values[0]);
					for (int c = 1; c < values.length; c++) {
						row.createCell(c).setCellValue(((Number) values[c]).doubleValue());
					}
				}
				workbook.write(out);
			}
		}, rows);
	}

	private static Path csv(int rows) throws IOException {
		return cached("bench-" + rows + ".csv", (random, out) -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
			printer.printRecord(HEADER);
			for (int r = 1; r <= rows; r++) {
				printer.printRecord(values(random));
			}
			printer.flush();
		}, rows);
	}

	/**
	 * @return the file under {@code target/bench}, written first unless it is there from
	 * an earlier run; the same row count gives the same data in every format
	 */
	private static Path cached(String name, Generator generator, int rows) throws IOException {
		Path file = DIR.resolve(name);
		if (!Files.exists(file)) {
			Path partial = DIR.resolve(name + ".part");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
				generator.write(new Random(rows), out);
			}
			Files.move(partial, file);
		}
		return file;
	}

	/** Writes the rows of one file. */
	@FunctionalInterface
	private interface Generator {

		void write(Random random, OutputStream out) throws IOException;

	}

	/**
	 * @return one row: a country code from a few hundred, a year, whole numbers, a share
	 * with decimals and a signed net figure
	 */
	private static Object[] values(Random random) {
		String country = String.valueOf((char) ('A' + random.nextInt(26))) + (char) ('A' + random.nextInt(26))
				+ (char) ('A' + random.nextInt(3));
		int stock = random.nextInt(20_000_000);
		int men = stock / 2 + random.nextInt(1000);
		BigDecimal share = BigDecimal.valueOf(random.nextInt(1_000_000), 3);
		return new Object[] { country, 1990 + random.nextInt(35), stock, men, stock - men, random.nextInt(500_000),
				share, random.nextInt(2_000_000) - 1_000_000 };
	}

	static long readOurs(Path file) {
		DatasetSpec dataset = new DatasetSpec("bench", file.toString(), ',', StandardCharsets.UTF_8, Layout.WIDE,
				Measure.MIGRANT_STOCK, new ColumnMapping(List.of("country"), List.of(), List.of(), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "bench", 1);
		long chars = 0;
		try (RowSource rows = TableFiles.open(file, file.getFileName().toString(), dataset, "")) {
			for (SourceRow row = rows.next(); row != null; row = rows.next()) {
				for (String value : row.values()) {
					chars += value.length();
				}
			}
		}
		return chars;
	}

	static long readStock(Path file) throws Exception {
		AtomicLong chars = new AtomicLong();
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			SheetContentsHandler cells = new SheetContentsHandler() {

				@Override
				public void startRow(int row) {
				}

				@Override
				public void endRow(int row) {
				}

				@Override
				public void cell(String reference, String formatted, XSSFComment comment) {
					chars.addAndGet(formatted.length());
				}

			};
			XMLReader parser = XMLHelper.newXMLReader();
			parser.setContentHandler(
					new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, cells, new DataFormatter(), false));
			try (InputStream sheet = reader.getSheetsData().next()) {
				parser.parse(new InputSource(sheet));
			}
			pkg.revert();
		}
		return chars.get();
	}

	private static long readCsv(Path file) throws IOException {
		long chars = 0;
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
			for (CSVRecord record : parser) {
				for (int i = 0; i < record.size(); i++) {
					String value = record.get(i);
					chars += value.length();
				}
			}
		}
		return chars;
	}

	private static Result measure(String name, int rows, Read read) throws Exception {
		Result best = null;
		for (int run = 0; run < RUNS; run++) {
			System.gc();
			List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.toList();
			pools.forEach(MemoryPoolMXBean::resetPeakUsage);
			HeapSampler sampler = new HeapSampler();
			sampler.start();
			long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
			long start = System.nanoTime();
			long chars = read.read();
			double seconds = (System.nanoTime() - start) / 1e9;
			long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
			sampler.finish();
			long poolPeaks = pools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
			Result result = new Result(rows / seconds, sampler.peak, sampler.live, poolPeaks, allocated, seconds,
					chars);
			if (best == null || result.seconds() < best.seconds()) {
				best = result;
			}
		}
		System.out.printf(Locale.ROOT,
				"%-36s %6.2f s %,10.0f rows/s  peak heap used %4d MB (sum of pool peaks %4d MB), "
						+ "live after GC %5.1f MB, allocated %,d bytes/row  %,d chars%n",
				name, best.seconds(), best.rowsPerSecond(), best.peakHeap() >> 20, best.poolPeaks() >> 20,
				best.live() / 1048576.0, best.allocated() / rows, best.chars());
		return best;
	}

	/** One way of reading a file. */
	@FunctionalInterface
	private interface Read {

		long read() throws Exception;

	}

	/**
	 * What one run gave.
	 *
	 * @param rowsPerSecond rows per second
	 * @param peakHeap the most heap in use seen while reading, in bytes
	 * @param live the most heap in use seen just after a garbage collection while reading
	 * (what the reader keeps, without its garbage), in bytes
	 * @param poolPeaks the sum of the heap pools' peaks, in bytes
	 * @param allocated the bytes allocated by the reading thread
	 * @param seconds the time taken
	 * @param chars the characters read, so that no reader can skip its work
	 */
	private record Result(double rowsPerSecond, long peakHeap, long live, long poolPeaks, long allocated,
			double seconds, long chars) {
	}

	/** Samples the heap in use every few milliseconds while a reader runs. */
	private static final class HeapSampler extends Thread {

		private volatile boolean running = true;

		private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
			.toList();

		private final long before = afterGc();

		private long peak;

		private long live;

		HeapSampler() {
			setDaemon(true);
		}

		private long afterGc() {
			return this.pools.stream().mapToLong((pool) -> pool.getCollectionUsage().getUsed()).sum();
		}

		@Override
		public void run() {
			while (this.running) {
				this.peak = Math.max(this.peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
				long after = afterGc();
				if (after != this.before) {
					this.live = Math.max(this.live, after);
				}
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void finish() throws InterruptedException {
			this.running = false;
			join();
		}

	}

}
