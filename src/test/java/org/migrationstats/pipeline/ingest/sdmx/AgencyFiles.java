package org.migrationstats.pipeline.ingest.sdmx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.LengthLimits;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Reads a small agency file written by a test as the ingest step does: opened by its
 * format, mapped row by row, each row's outcome kept.
 */
final class AgencyFiles {

	static final CountryReference COUNTRIES = CountryReference.shipped();

	private AgencyFiles() {
	}

	static DatasetSpec dataset(TableSpec.Format format, Layout layout, Measure measure, ColumnMapping columns,
			Map<String, List<String>> filters, Map<String, Measure> series, boolean sumToYear) {
		return new DatasetSpec("agency", "input/agency.txt", (char) 0, StandardCharsets.UTF_8, layout, measure, columns,
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false,
				new TableSpec(format, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false, series, filters,
						TableSpec.OnError.FAIL, null, 0, LengthLimits.DEFAULT, sumToYear));
	}

	/**
	 * @return each data row's outcome: a {@link MappedRow}, or the
	 * {@link RowRejectedException} it was rejected with
	 */
	static List<Object> read(Path folder, String text, DatasetSpec dataset) {
		Path file = folder.resolve("agency.txt");
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return read(file, dataset);
	}

	/**
	 * @return each data row's outcome of a file already written: a {@link MappedRow}, or
	 * the {@link RowRejectedException} it was rejected with
	 */
	static List<Object> read(Path file, DatasetSpec dataset) {
		String name = file.getFileName().toString();
		List<Object> outcomes = new ArrayList<>();
		try (TableReader table = TableFiles.openTable(file, name, dataset, "")) {
			RowMapper mapper = new RowMapper(dataset, name, "", table.header(), COUNTRIES);
			SourceRow row;
			while ((row = table.next()) != null) {
				try {
					outcomes.add(mapper.map(row));
				}
				catch (RowRejectedException ex) {
					outcomes.add(ex);
				}
			}
		}
		return outcomes;
	}

}
