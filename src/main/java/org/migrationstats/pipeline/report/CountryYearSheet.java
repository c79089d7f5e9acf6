package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.migrationstats.pipeline.compute.CountryYearFigures;

/**
 * The Country-year sheet: every figure per country and year, less the columns no dataset
 * of the run can fill, and the flags of its values where the run has flagged values.
 */
final class CountryYearSheet {

	private final Fields<CountryYearFigures> fields;

	CountryYearSheet(Availability run) {
		this.fields = new Fields<CountryYearFigures>().add(Column.text("Country code"), CountryYearFigures::country)
			.add(Column.text("Country"), CountryYearFigures::name)
			.add(Column.year("Year"), CountryYearFigures::year)
			.add(Column.text("Status at year end"), (c) -> c.status().words())
			.add(run.population(), Column.count("Population"), CountryYearFigures::population)
			.add(run.population(), Column.text("Population source"), CountryYearFigures::populationSource)
			.add(run.flows(), Column.count("Immigrants"), CountryYearFigures::immigrants)
			.add(run.flows(), Column.count("Emigrants"), CountryYearFigures::emigrants)
			.add(run.netMigration(), Column.count("Net migration"), CountryYearFigures::netMigration)
			.add(run.netMigration(), Column.text("Net migration source"), CountryYearFigures::netMigrationSource)
			.add(run.births(), Column.count("Births"), CountryYearFigures::births)
			.add(run.deaths(), Column.count("Deaths"), CountryYearFigures::deaths)
			.add(run.naturalIncrease(), Column.count("Natural increase"), CountryYearFigures::naturalIncrease)
			.add(run.population(), Column.count("Population change"), CountryYearFigures::populationChange)
			.add(run.population() && run.netMigration(), Column.rate("Net migration rate, per 1,000"),
					CountryYearFigures::netMigrationRate)
			.add(run.population() && run.births(), Column.rate("Birth rate, per 1,000"), CountryYearFigures::birthRate)
			.add(run.population() && run.deaths(), Column.rate("Death rate, per 1,000"), CountryYearFigures::deathRate)
			.add(run.reportedChange(), Column.count("Reported population change"),
					CountryYearFigures::reportedPopulationChange)
			.add(run.flows(), Column.count("Immigrants minus emigrants"), CountryYearFigures::migrationFlowsNet)
			.add(run.balance(), Column.count("Balancing residual"), CountryYearFigures::balanceResidual)
			.add(run.migrantStock(), Column.count("International migrant stock"), CountryYearFigures::migrantStock)
			.addWhen(run.flagged(), Column.text(PeriodSheets.FLAGS), CountryYearFigures::flags);
	}

	List<String> leftOut() {
		return this.fields.leftOut();
	}

	/**
	 * @param sink where to
	 * @param rows streams the figures in country and year order to the consumer it is
	 * given
	 * @throws IOException if it cannot be written
	 */
	void write(TableSink sink, Consumer<Consumer<CountryYearFigures>> rows) throws IOException {
		List<Note> notes = new ArrayList<>(List.of(Note.SHORTHAND, Note.ROUNDING, Note.PRECEDENCE));
		if (!leftOut().isEmpty()) {
			notes.add(Note.COLUMNS_LEFT_OUT);
		}
		sink.begin(new TableSink.TableInfo("Country-year", "country_year", "Figures per country and year",
				Note.cite(notes.toArray(Note[]::new))), this.fields.columns());
		List<IOException> failures = new ArrayList<>(1);
		rows.accept((c) -> {
			if (!failures.isEmpty()) {
				return;
			}
			try {
				sink.row(this.fields.row(c));
			}
			catch (IOException ex) {
				failures.add(ex);
			}
		});
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
		sink.end();
	}

}
