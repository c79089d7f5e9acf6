package org.migrationstats.pipeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.reference.Country;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.LengthLimits;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Ingest throughput of statistical agencies' formats against a plain long CSV of the same
 * values: the same observations (countries × years, one value in five flagged, one in
 * fifty missing) written as a plain long CSV with the same dimension columns
 * ({@code freq,citizen,age,unit,sex,geo,year,value}, filtered on sex alike), as SDMX-CSV
 * 1.0 (Eurostat's columns, {@code OBS_FLAG}) and as Eurostat's bulk TSV (one row per
 * series, a column per year, flags in the cells), the TSV also gzip-compressed as
 * Eurostat serves it ({@code .tsv.gz}); each file read and mapped to observations the way
 * the ingest step does (the file opened by its format, the table found, every row
 * mapped), in alternating passes in one JVM after a warm-up, the median of each format's
 * passes reported with its ratio to the plain CSV's. Database writes, the same per value
 * whatever the format, are not timed.
 * <p>
 * Arguments: the number of series (default 20000) and of years (default 30), the passes
 * (default 7).
 */
public final class AgencyFormatsBenchmark {

	private AgencyFormatsBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int series = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int years = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int passes = (args.length > 2) ? Integer.parseInt(args[2]) : 7;
		CountryReference countries = CountryReference.shipped();
		List<Country> keys = countries.countries().stream().filter((c) -> !c.iso2().isEmpty()).toList();
		Path folder = Files.createDirectories(Path.of("output/benchmark/agency"));
		Path plain = folder.resolve("plain.csv");
		Path sdmx = folder.resolve("sdmx.csv");
		Path tsv = folder.resolve("eurostat.tsv");
		Path gzip = folder.resolve("eurostat.tsv.gz");
		write(plain, sdmx, tsv, keys, series, years);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
			Files.copy(tsv, out);
		}
		long values = (long) series * years;
		DatasetSpec plainSpec = spec(TableSpec.Format.TEXT, Layout.LONG,
				new ColumnMapping(List.of("geo"), List.of("year"), List.of("value"), Map.of()),
				Map.of("sex", List.of("T")));
		DatasetSpec sdmxSpec = spec(TableSpec.Format.SDMX_CSV, Layout.LONG,
				new ColumnMapping(List.of("REF_AREA", "geo"), List.of("TIME_PERIOD"), List.of("OBS_VALUE"), Map.of()),
				Map.of("sex", List.of("T")));
		DatasetSpec tsvSpec = spec(TableSpec.Format.EUROSTAT_TSV, Layout.WIDE,
				new ColumnMapping(List.of("geo"), List.of(), List.of(), Map.of()), Map.of("sex", List.of("T")));
		for (int i = 0; i < 2; i++) {
			read(plain, plainSpec, countries);
			read(sdmx, sdmxSpec, countries);
			read(tsv, tsvSpec, countries);
			read(gzip, tsvSpec, countries);
		}
		List<Double> plainSeconds = new ArrayList<>();
		List<Double> sdmxSeconds = new ArrayList<>();
		List<Double> tsvSeconds = new ArrayList<>();
		List<Double> gzipSeconds = new ArrayList<>();
		for (int pass = 0; pass < passes; pass++) {
			plainSeconds.add(read(plain, plainSpec, countries));
			sdmxSeconds.add(read(sdmx, sdmxSpec, countries));
			tsvSeconds.add(read(tsv, tsvSpec, countries));
			gzipSeconds.add(read(gzip, tsvSpec, countries));
		}
		double p = median(plainSeconds);
		double s = median(sdmxSeconds);
		double t = median(tsvSeconds);
		double g = median(gzipSeconds);
		System.out.println(String.format(Locale.ROOT,
				"%,d values (%,d series x %d years), median of %d alternating passes:%n"
						+ "  plain long CSV   %.3f s  %,.0f values/s%n"
						+ "  SDMX-CSV         %.3f s  %,.0f values/s  throughput %.2f of plain%n"
						+ "  Eurostat TSV     %.3f s  %,.0f values/s  throughput %.2f of plain%n"
						+ "  Eurostat TSV.gz  %.3f s  %,.0f values/s  throughput %.2f of plain, %.2f of the TSV",
				values, series, years, passes, p, values / p, s, values / s, p / s, t, values / t, p / t, g, values / g,
				p / g, t / g));
	}

	private static DatasetSpec spec(TableSpec.Format format, Layout layout, ColumnMapping columns,
			Map<String, List<String>> filters) {
		return new DatasetSpec("bench", "bench", (format == TableSpec.Format.TEXT) ? ',' : (char) 0,
				StandardCharsets.UTF_8, layout, Measure.IMMIGRANTS, columns, BigDecimal.ONE,
				JobSpecReader.DEFAULT_MISSING, "", 1, "", false,
				new TableSpec(format, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false, Map.of(), filters,
						TableSpec.OnError.FAIL, null, 0, LengthLimits.DEFAULT, false));
	}

	private static double read(Path file, DatasetSpec dataset, CountryReference countries) {
		long start = System.nanoTime();
		long checksum = 0;
		try (TableReader table = TableFiles.openTable(file, file.toString(), dataset, "")) {
			RowMapper mapper = new RowMapper(dataset, file.toString(), "", table.header(), countries);
			SourceRow row;
			while ((row = table.next()) != null) {
				if (mapper.map(row) instanceof MappedRow.CountryRow country) {
					for (var o : country.observations()) {
						checksum += o.value() + o.flags().length();
					}
				}
			}
		}
		if (checksum == 0) {
			throw new IllegalStateException("nothing read from " + file);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static double median(List<Double> seconds) {
		List<Double> sorted = seconds.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * Writes the same values three ways: value {@code v} of series {@code s}, year
	 * {@code y}; every fifth flagged {@code p}, every fiftieth missing.
	 */
	private static void write(Path plain, Path sdmx, Path tsv, List<Country> countries, int series, int years)
			throws IOException {
		try (BufferedWriter p = Files.newBufferedWriter(plain, StandardCharsets.UTF_8);
				BufferedWriter s = Files.newBufferedWriter(sdmx, StandardCharsets.UTF_8);
				BufferedWriter t = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
			p.write("dataset,freq,citizen,age,unit,sex,geo,year,value,flag\n");
			s.write("DATAFLOW,freq,citizen,age,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n");
			t.write("freq,citizen,age,unit,sex,geo\\TIME_PERIOD");
			for (int y = 0; y < years; y++) {
				t.write("\t" + (1990 + y) + " ");
			}
			t.write("\n");
			for (int i = 0; i < series; i++) {
				String geo = countries.get(i % countries.size()).iso2();
				String citizen = "C" + (i / countries.size());
				t.write("A," + citizen + ",TOTAL,NR,T," + geo);
				for (int y = 0; y < years; y++) {
					long index = (long) i * years + y;
					long value = 1000 + index % 100_000;
					boolean missing = index % 50 == 0;
					String flag = (index % 5 == 0) ? "p" : "";
					int year = 1990 + y;
					String written = missing ? "" : String.valueOf(value);
					p.write("ESTAT:MIGR_IMM1CTZ(1.0),A," + citizen + ",TOTAL,NR,T," + geo + "," + year + "," + written
							+ "," + (missing ? "" : flag) + "\n");
					s.write("ESTAT:MIGR_IMM1CTZ(1.0),A," + citizen + ",TOTAL,NR,T," + geo + "," + year + "," + written
							+ "," + (missing ? "" : flag) + "\n");
					t.write("\t" + (missing ? ":" : value + " " + flag));
				}
				t.write("\n");
			}
		}
	}

}
