package org.migrationstats.pipeline;

import java.util.List;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The application's components, named here rather than found by a component scan: a scan
 * reads every class file of the application (over three hundred, out of the jar) to find
 * the few dozen that are components, on every start of every command. Named by class
 * name, as some are not visible outside their package. A test
 * ({@code PipelineComponentsTests}) scans for them and fails when a component is added
 * without being named here, or one named is no longer a component. The web console's are
 * not among them: only the commands that serve it add its configuration.
 */
final class PipelineComponents implements ImportSelector {

	static final List<String> CLASSES = List.of("org.migrationstats.pipeline.batch.IngestCounts",
			"org.migrationstats.pipeline.batch.JobSpecs", "org.migrationstats.pipeline.batch.OperationsConfiguration",
			"org.migrationstats.pipeline.batch.PipelineBatchConfiguration",
			"org.migrationstats.pipeline.batch.PipelineJobs", "org.migrationstats.pipeline.batch.RemotePartitioning",
			"org.migrationstats.pipeline.batch.RunInputs", "org.migrationstats.pipeline.batch.RunLogging",
			"org.migrationstats.pipeline.compute.jdbc.FigureComputation",
			"org.migrationstats.pipeline.operate.ConsoleUsers", "org.migrationstats.pipeline.operate.DatabaseBackup",
			"org.migrationstats.pipeline.operate.DatabaseCompaction",
			"org.migrationstats.pipeline.operate.ExecutionControl",
			"org.migrationstats.pipeline.operate.ExecutionHistory", "org.migrationstats.pipeline.operate.JobLock",
			"org.migrationstats.pipeline.operate.JobRunner", "org.migrationstats.pipeline.operate.LateNights",
			"org.migrationstats.pipeline.operate.Notifications", "org.migrationstats.pipeline.operate.RunRetention",
			"org.migrationstats.pipeline.operate.Workers", "org.migrationstats.pipeline.report.ReportWriter",
			"org.migrationstats.pipeline.report.jdbc.FigureQueries",
			"org.migrationstats.pipeline.report.jdbc.InputQueries", "org.migrationstats.pipeline.store.FileCountStore",
			"org.migrationstats.pipeline.store.IngestStore", "org.migrationstats.pipeline.store.RunData",
			"org.migrationstats.pipeline.store.RunStore", "org.migrationstats.pipeline.store.SchemaConfiguration");

	@Override
	public String[] selectImports(AnnotationMetadata importingClassMetadata) {
		return CLASSES.toArray(String[]::new);
	}

}
