package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.Limits;
import org.migrationstats.pipeline.store.RowCounts;

/**
 * The job's limits on rejected rows, and the failures that name what went over them. A
 * file's share of rows rejected is checked against {@code max-reject-ratio} as its
 * partition ends ({@link FileLimit}); a dataset's rows rejected against
 * {@code max-rejects} once all its files are in, as is the share of a file read as
 * several sheets, one partition each ({@link #check}).
 */
final class RejectLimits {

	private RejectLimits() {
	}

	/**
	 * @param spec the job
	 * @param datasetId one of its datasets
	 * @return the dataset's own limits where it sets them, else the job's
	 */
	static Limits of(JobSpec spec, String datasetId) {
		Limits own = spec.dataset(datasetId).table().limits();
		return (own != null) ? own : spec.limits();
	}

	/**
	 * Checks each dataset's rows rejected, and the share of each file read as several
	 * sheets or byte ranges, once every file is in.
	 * @param spec the job
	 * @param files what ingest counted of each file, in dataset order
	 * @param executionId the job execution checking
	 * @throws RejectLimitException naming every dataset and file over its limit
	 */
	static void check(JobSpec spec, List<IngestCounts.Ingested> files, long executionId) {
		List<String> over = new ArrayList<>();
		Map<String, Long> rejectedPerDataset = new LinkedHashMap<>();
		for (IngestCounts.Ingested file : files) {
			rejectedPerDataset.merge(file.datasetId(), file.counts().rowsRejected(), Long::sum);
			if (spec.dataset(file.datasetId()).table().sheets().size() > 1 || file.inRanges()) {
				String fileOver = fileOver(file.fileName(), file.datasetId(), file.counts(),
						of(spec, file.datasetId()));
				if (fileOver != null) {
					over.add(fileOver);
				}
			}
		}
		rejectedPerDataset.forEach((dataset, rejected) -> {
			long limit = of(spec, dataset).maxRejects();
			if (limit >= 0 && rejected > limit) {
				over.add(String.format("dataset %s: %d rows rejected, more than max-rejects %d", dataset, rejected,
						limit));
			}
		});
		if (!over.isEmpty()) {
			throw new RejectLimitException(
					"too many rows rejected: " + String.join("; ", over) + "; see the rejects in the database (show "
							+ executionId + ") or raise the limit in " + spec.source() + " and restart");
		}
	}

	private static String fileOver(String fileName, String datasetId, RowCounts counts, Limits limits) {
		double limit = limits.maxRejectRatio();
		long read = counts.rowsRead();
		long rejected = counts.rowsRejected();
		if (read == 0 || (double) rejected / read <= limit) {
			return null;
		}
		return String.format("%s (dataset %s): %d of %d rows rejected (%.1f %%), more than max-reject-ratio %.1f %%",
				fileName, datasetId, rejected, read, 100.0 * rejected / read, 100 * limit);
	}

	/**
	 * A file's {@code max-reject-ratio}, checked when its partition has read it to its
	 * end.
	 *
	 * @param fileName the file
	 * @param datasetId its dataset
	 * @param limits the dataset's limits
	 * @param jobFile the job file the limit is set in
	 * @param executionId the job execution reading the file
	 */
	record FileLimit(String fileName, String datasetId, Limits limits, String jobFile, long executionId) {

		/**
		 * @param counts what was counted of the whole file
		 * @return the failure naming the file, its counts and the limit; {@code null} if
		 * the file is within its limit
		 */
		RejectLimitException check(RowCounts counts) {
			String over = fileOver(this.fileName, this.datasetId, counts, this.limits);
			if (over == null) {
				return null;
			}
			return new RejectLimitException(
					"too many rows rejected: " + over + "; see its rejects in the database (show " + this.executionId
							+ "), mend the file or raise the limit in " + this.jobFile
							+ ", and run the same command again: the file is read again from its first row");
		}

	}

}
