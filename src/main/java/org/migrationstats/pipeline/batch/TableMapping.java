package org.migrationstats.pipeline.batch;

import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.DatasetSpec;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The column mapping of one partition's table: maps each source row to a country's
 * observations, or to a row filtered: about an aggregate (World, a region), of a series
 * the dataset does not take, left out by its filters, or a section heading. A row that
 * cannot be used throws with its rejection, which the ingest step records. The mapping is
 * made from the table's header when its first row comes.
 * <p>
 * What the value cells showed about the decimal separator is kept with every committed
 * block, as the reader's position is: a restart does not map the rows it skips, and must
 * report the same as a clean run. So is whether the columns a wide table's header leaves
 * out were listed: once per file, with its first block.
 */
class TableMapping {

	/** The key of the number format finding in the partition's execution context. */
	static final String NUMBER_FORMAT = "numbers.format";

	/** The key saying the header's left-out columns were listed in a committed block. */
	static final String COLUMNS_LISTED = "header.columns-listed";

	private final DatasetSpec dataset;

	private final String file;

	private final SourceRowReader reader;

	private final CountryReference countries;

	private RowMapper mapper;

	private NumberFormatCheck.Finding resumed;

	private boolean columnsListed;

	private final boolean listsColumns;

	TableMapping(DatasetSpec dataset, String file, SourceRowReader reader, CountryReference countries) {
		this(dataset, file, reader, countries, true);
	}

	/**
	 * @param listsColumns whether this partition lists the columns the header leaves out:
	 * of a file read in byte ranges, the first range's does
	 */
	TableMapping(DatasetSpec dataset, String file, SourceRowReader reader, CountryReference countries,
			boolean listsColumns) {
		this.dataset = dataset;
		this.file = file;
		this.reader = reader;
		this.countries = countries;
		this.listsColumns = listsColumns;
	}

	/**
	 * Takes up what the rows committed before a restart showed.
	 * @param context the partition's execution context
	 */
	void open(ExecutionContext context) {
		String saved = context.getString(NUMBER_FORMAT, null);
		this.resumed = (saved != null) ? NumberFormatCheck.Finding.valueOf(saved) : null;
		this.columnsListed = !this.listsColumns || context.containsKey(COLUMNS_LISTED);
	}

	/**
	 * Keeps what the rows showed with the block about to be committed, in place of what
	 * the context held: after a file is read again from its first row, nothing of the
	 * first reading is left.
	 * @param context the partition's execution context
	 */
	void update(ExecutionContext context) {
		String numberFormat = numberFormat();
		if (numberFormat != null) {
			context.putString(NUMBER_FORMAT, numberFormat);
		}
		else {
			context.remove(NUMBER_FORMAT);
		}
		if (this.columnsListed) {
			context.putString(COLUMNS_LISTED, "true");
		}
		else {
			context.remove(COLUMNS_LISTED);
		}
	}

	/**
	 * @param row a source row
	 * @return the country's observations, or the row as filtered
	 * @throws RowRejectedException if the whole row is unusable
	 * @throws org.migrationstats.pipeline.ingest.SourceFormatException if the file lacks
	 * a mapped column, or a value cell reads only with the other decimal separator than
	 * the dataset's
	 */
	MappedRow map(SourceRow row) {
		if (this.mapper == null) {
			this.mapper = new RowMapper(this.dataset, this.file, this.reader.sheet(), this.reader.header(),
					this.countries);
			if (this.resumed != null) {
				this.mapper.numberFormat().resume(this.resumed);
			}
		}
		return this.mapper.map(row);
	}

	/**
	 * @return what the value cells mapped so far, before a restart too, showed about the
	 * decimal separator: a {@link NumberFormatCheck.Finding}'s name, or {@code null} if
	 * no row was mapped
	 */
	String numberFormat() {
		if (this.mapper != null) {
			return this.mapper.numberFormat().finding().name();
		}
		return (this.resumed != null) ? this.resumed.name() : null;
	}

	/**
	 * The columns the header leaves out (a wide table's years outside the accepted
	 * years), once per file: for the block being written.
	 * @return their rejections; empty after the first call, after a restart past the
	 * first block, and before a row was mapped
	 */
	List<Rejection> leftOutColumns() {
		if (this.columnsListed || this.mapper == null) {
			return List.of();
		}
		this.columnsListed = true;
		return this.mapper.leftOutColumns();
	}

}
