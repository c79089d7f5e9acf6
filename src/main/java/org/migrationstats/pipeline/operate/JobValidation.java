package org.migrationstats.pipeline.operate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.migrationstats.pipeline.batch.InputException;
import org.migrationstats.pipeline.batch.MembershipFiles;
import org.migrationstats.pipeline.batch.RunInputs;
import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.ingest.RepeatedRows;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.MembershipException;
import org.migrationstats.pipeline.schedule.NightlySchedule;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.SpecException;

/**
 * Checks a job file, its schedule, its membership file and every input it names without
 * running anything and without a database: the files exist, have the columns the job
 * maps, decode in the dataset's encoding, write numbers with the dataset's decimal
 * separator and, for a wide table, give each country's measure in one row. Each file is
 * read as the run would read it, so what passes here is what the run reads.
 */
public final class JobValidation {

	/** How many reasons for filtered rows a file's note names. */
	private static final int SHOWN_REASONS = 5;

	/** How many different texts of filtered rows are counted per file, at most. */
	private static final int COUNTED_TEXTS = 1_000;

	private JobValidation() {
	}

	/**
	 * Validates a job file, reporting each finding as it is made.
	 * @param jobFile the job file
	 * @param headersOnly whether to check the header rows only, not every row
	 * @param findings told each finding, in order
	 * @return what the validation found
	 */
	public static Result validate(Path jobFile, boolean headersOnly, Consumer<Finding> findings) {
		JobSpec job;
		try {
			job = JobSpecReader.read(jobFile);
		}
		catch (SpecException ex) {
			return Result.invalid(ex.getMessage());
		}
		try {
			NightlySchedule.of(job);
		}
		catch (IllegalArgumentException ex) {
			return Result.invalid(jobFile + ": schedule \"" + job.schedule()
					+ "\" is not a six-field cron expression (second minute hour day month weekday): "
					+ ex.getMessage());
		}
		CountryReference countries;
		try {
			countries = CountryReference.shipped().withAliases(job.aliases());
		}
		catch (IllegalArgumentException ex) {
			return Result.invalid(jobFile + ": aliases: " + ex.getMessage());
		}
		int problems = 0;
		try {
			MembershipFiles.read(job.membership(), countries);
		}
		catch (MembershipException ex) {
			findings.accept(Finding.error(ex.getMessage()));
			problems++;
		}
		int files = 0;
		for (DatasetSpec dataset : job.datasets()) {
			List<Path> paths;
			try {
				paths = RunInputs.files(dataset);
			}
			catch (InputException ex) {
				findings.accept(Finding.error(ex.getMessage()));
				problems++;
				continue;
			}
			for (Path path : paths) {
				files++;
				List<String> sheets = dataset.table().sheets().isEmpty() ? List.of("") : dataset.table().sheets();
				for (String sheet : sheets) {
					try {
						checkTable(dataset, path, sheet, countries, headersOnly, findings);
					}
					catch (SourceFormatException ex) {
						findings.accept(Finding.error("dataset " + dataset.id() + ": " + ex.getMessage()));
						problems++;
					}
				}
			}
		}
		return new Result(null, problems, job.datasets().size(), files, job.periods().size());
	}

	private static void checkTable(DatasetSpec dataset, Path path, String sheet, CountryReference countries,
			boolean headersOnly, Consumer<Finding> findings) {
		try (TableReader source = TableFiles.openTable(path, path.toString(), dataset, sheet)) {
			RowMapper mapper = new RowMapper(dataset, path.toString(), source.sheet(), source.header(), countries);
			String where = path + (source.sheet().isEmpty() ? "" : ", sheet \"" + source.sheet() + "\"");
			// wide tables are small; records repeat on purpose
			RepeatedRows repeats = (dataset.layout() == Layout.WIDE && !dataset.sumRecords())
					? new RepeatedRows(where, source.header(), mapper.valueColumns()) : null;
			FilteredRows filtered = new FilteredRows(COUNTED_TEXTS);
			long rows = 0;
			if (!headersOnly) {
				SourceRow row;
				while ((row = source.next()) != null) {
					rows++;
					mapRow(mapper, row, repeats, filtered);
				}
			}
			findings.accept(Finding.ok("dataset " + dataset.id() + ": " + where + ": header on row "
					+ source.header().row()
					+ (headersOnly ? ", the mapped columns present"
							: String.format(", %,d data rows, the mapped columns present", rows) + "; number format: "
									+ NumberFormatCheck.describe(dataset.table().decimalComma(),
											mapper.numberFormat().finding()))));
			for (Rejection column : mapper.leftOutColumns()) {
				findings.accept(Finding.note("dataset " + dataset.id() + ": " + column.describe()));
			}
			String filteredNote = filteredNote(dataset, where, filtered);
			if (filteredNote != null) {
				findings.accept(Finding.note(filteredNote));
			}
		}
	}

	/**
	 * Maps a row as the run would, for its value cells' decimal separator and for rows
	 * that repeat a country's measure: a row the run would reject is the run's to list,
	 * not a fault of the file.
	 */
	private static void mapRow(RowMapper mapper, SourceRow row, RepeatedRows repeats, FilteredRows filtered) {
		try {
			MappedRow mapped = mapper.map(row);
			if (repeats != null) {
				repeats.check(row, mapped);
			}
			if (mapped instanceof MappedRow.Filtered other) {
				filtered.add(other);
			}
		}
		catch (RowRejectedException ex) {
			// listed in the run's Rejects
		}
	}

	/**
	 * Says how many rows the run will filter and why (other than aggregates), the most
	 * frequent reasons first: where filters or a series mapping keep too much or too
	 * little, this shows it before a run.
	 */
	private static String filteredNote(DatasetSpec dataset, String where, FilteredRows filtered) {
		List<FilteredRows.Count> counts = new ArrayList<>(filtered.drain());
		if (counts.isEmpty()) {
			return null;
		}
		counts.sort(Comparator.comparingLong(FilteredRows.Count::rows).reversed());
		long total = counts.stream().mapToLong(FilteredRows.Count::rows).sum();
		List<String> shown = counts.stream()
			.limit(SHOWN_REASONS)
			.map((c) -> String.format("%,d \"%s\" (%s)", c.rows(), c.raw(), c.reason()))
			.toList();
		return String.format("dataset %s: %s: %,d row%s filtered: %s%s", dataset.id(), where, total,
				(total == 1) ? "" : "s", String.join("; ", shown), (counts.size() > shown.size()) ? "; ..." : "");
	}

	/**
	 * One thing validation found.
	 *
	 * @param level whether it is a file found good, a note or a problem
	 * @param text what was found, naming the dataset and file
	 */
	public record Finding(Level level, String text) {

		static Finding ok(String text) {
			return new Finding(Level.OK, text);
		}

		static Finding note(String text) {
			return new Finding(Level.NOTE, text);
		}

		static Finding error(String text) {
			return new Finding(Level.ERROR, text);
		}

		/** How a finding counts. */
		public enum Level {

			/** A file or sheet that passed. */
			OK,

			/** Something the run will leave out on purpose, worth knowing before it. */
			NOTE,

			/** A problem that fails the run's partition or the run. */
			ERROR

		}

	}

	/**
	 * What a validation found in all.
	 *
	 * @param invalidJob why the job file itself is invalid (its YAML, schedule or
	 * aliases), or {@code null} if it is valid and its files were checked
	 * @param problems how many problems were found in the files it names
	 * @param datasets how many datasets the job has
	 * @param files how many input files it names
	 * @param periods how many periods it defines
	 */
	public record Result(String invalidJob, int problems, int datasets, int files, int periods) {

		static Result invalid(String why) {
			return new Result(why, 0, 0, 0, 0);
		}

		/**
		 * @return whether the job file and every file it names passed
		 */
		public boolean valid() {
			return this.invalidJob == null && this.problems == 0;
		}

	}

}
