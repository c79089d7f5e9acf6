package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.DatasetSpec;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Maps each source row to a country's observations. A row about an aggregate (World, a
 * region) is filtered: it is kept aside for the report and counted in the step's filter
 * count; so is a row of a series the dataset does not take. A row that cannot be used
 * throws with its rejection, which the ingest step records.
 * <p>
 * What the value cells showed about the decimal separator is kept with every committed
 * block, as the reader's position is: a restart does not map the rows it skips, and must
 * report the same as a clean run.
 */
class RowMappingProcessor {

	/** The key of the number format finding in the partition's execution context. */
	static final String NUMBER_FORMAT = "numbers.format";

	private final DatasetSpec dataset;

	private final String file;

	private final SourceRowReader reader;

	private final CountryReference countries;

	private final List<MappedRow.AggregateRow> aggregates = new ArrayList<>();

	private RowMapper mapper;

	private NumberFormatCheck.Finding resumed;

	RowMappingProcessor(DatasetSpec dataset, String file, SourceRowReader reader, CountryReference countries) {
		this.dataset = dataset;
		this.file = file;
		this.reader = reader;
		this.countries = countries;
	}

	/**
	 * Takes up the number format finding of the rows committed before a restart.
	 * @param context the partition's execution context
	 */
	void open(ExecutionContext context) {
		String saved = context.getString(NUMBER_FORMAT, null);
		this.resumed = (saved != null) ? NumberFormatCheck.Finding.valueOf(saved) : null;
	}

	/**
	 * Keeps the number format finding with the block about to be committed.
	 * @param context the partition's execution context
	 */
	void update(ExecutionContext context) {
		if (this.mapper != null) {
			context.putString(NUMBER_FORMAT, this.mapper.numberFormat().finding().name());
		}
	}

	/**
	 * @param row a source row
	 * @return the country's observations, or {@code null} for a row filtered (an
	 * aggregate, another series)
	 * @throws RowRejectedException if the whole row is unusable
	 * @throws org.migrationstats.pipeline.ingest.SourceFormatException if the file lacks
	 * a mapped column, or a value cell reads only with the other decimal separator than
	 * the dataset's
	 */
	MappedRow.CountryRow process(SourceRow row) {
		if (this.mapper == null) {
			this.mapper = new RowMapper(this.dataset, this.file, this.reader.sheet(), this.reader.header(),
					this.countries);
			if (this.resumed != null) {
				this.mapper.numberFormat().resume(this.resumed);
			}
		}
		MappedRow mapped = this.mapper.map(row);
		if (mapped instanceof MappedRow.AggregateRow aggregate) {
			this.aggregates.add(aggregate);
			return null;
		}
		if (mapped instanceof MappedRow.OtherSeriesRow) {
			return null;
		}
		return (MappedRow.CountryRow) mapped;
	}

	/**
	 * Hands over the aggregate rows filtered since the last call; the writer stores them
	 * in the same chunk transaction.
	 * @return the aggregate rows
	 */
	List<MappedRow.AggregateRow> drainAggregates() {
		List<MappedRow.AggregateRow> drained = List.copyOf(this.aggregates);
		this.aggregates.clear();
		return drained;
	}

}
