package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;

import org.springframework.stereotype.Component;

/**
 * The job specs of the runs in this process, read once per job file and fingerprint.
 */
@Component
public class JobSpecs {

	private final Map<Path, JobSpec> specs = new ConcurrentHashMap<>();

	/**
	 * @param file a job file
	 * @return its spec, re-read when the file changed since it was last read
	 */
	public JobSpec get(Path file) {
		JobSpec cached = this.specs.get(file);
		JobSpec current = JobSpecReader.read(file);
		if (cached != null && cached.fingerprint().equals(current.fingerprint())) {
			return cached;
		}
		this.specs.put(file, current);
		return current;
	}

}
