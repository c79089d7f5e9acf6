package org.migrationstats.pipeline;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the domain code plain Java, the terminal to the command-line layer, and the
 * packages depending on each other one way.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.migrationstats.pipeline");

	@Test
	void domainCodeDependsOnNoFrameworkPoiOrJdbc() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage("..pipeline.spec..", "..pipeline.ingest..", "..pipeline.reference..",
					"..pipeline.compute..")
			.and()
			.resideOutsideOfPackages("..pipeline.ingest.excel..", "..pipeline.compute.jdbc..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.poi..", "java.sql..", "javax.sql..",
					"org.springframework.batch..")
			.because("parsing, reference data and figures are plain Java, tested without a Spring context");
		assertNoViolations(rule);
	}

	@Test
	void figuresAreComputedWithoutKnowingHowTheyAreReported() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("..pipeline.compute..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..pipeline.report..")
			.because("the report reads the figures compute makes, not the reverse");
		assertNoViolations(rule);
	}

	@Test
	void theReportReadsFiguresWithoutTheStatementsThatComputeThem() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("..pipeline.report..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..pipeline.compute.jdbc..")
			.because("the report reads the figures through its own queries; compute's plain records are shared");
		assertNoViolations(rule);
	}

	@Test
	void onlyTheCommandLineWritesToTheTerminal() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("org.migrationstats.pipeline..")
			.and()
			.resideOutsideOfPackage("..pipeline.cli..")
			.should(ACCESS_STANDARD_STREAMS)
			.because("everything else logs with SLF4J");
		assertNoViolations(rule);
	}

	@Test
	void packagesDependOnEachOtherWithoutCycles() {
		assertNoViolations(slices().matching("org.migrationstats.pipeline.(*)..")
			.should()
			.beFreeOfCycles()
			.because("each stage can then be read, tested and changed from its own package down"));
	}

	@Test
	void theJobsAreWiredWithoutKnowingHowTheyAreOperated() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("..pipeline.batch..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..pipeline.operate..")
			.because("operating the jobs (running, restarting, history) uses the job wiring, not the reverse");
		assertNoViolations(rule);
	}

	@Test
	void theCommandLineUsesOnlyTheOperatingPackageTheJobFilesAndTheSchedule() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("..pipeline.cli..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..pipeline.batch..", "..pipeline.ingest..", "..pipeline.reference..",
					"..pipeline.compute..", "..pipeline.report..", "..pipeline.store..")
			.because("commands parse arguments and print; what they do is the operating package's");
		assertNoViolations(rule);
	}

	@Test
	void theConsoleActsThroughTheOperatingPackage() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("..pipeline.console..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..pipeline.batch..", "..pipeline.store..", "..pipeline.compute..", "..pipeline.cli..",
					"org.springframework.batch..", "org.springframework.jdbc..")
			.because("the console's pages and actions are the command line's, through the same services");
		assertNoViolations(rule);
	}

	@Test
	void nothingIsMadeTransactionalByAnnotation() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.transaction.annotation.Transactional")
			.because("the application leaves out Boot's transaction and AOP auto-configurations (PipelineApplication), "
					+ "so the annotation would do nothing: a TransactionTemplate or the step's transaction does it");
		assertNoViolations(rule);
	}

	private static void assertNoViolations(ArchRule rule) {
		EvaluationResult result = rule.evaluate(CLASSES);
		assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
	}

}
