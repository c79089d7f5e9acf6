package org.migrationstats.pipeline.store;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.migrationstats.pipeline.compute.Precedence;
import org.migrationstats.pipeline.reference.Country;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipRecord;
import org.migrationstats.pipeline.reference.MembershipStatus;
import org.migrationstats.pipeline.reference.PartyType;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a run was prepared with: its datasets and files, the membership records and the
 * country reference, so that a restart works from exactly the same inputs.
 */
@Repository
public class RunStore {

	private final JdbcTemplate jdbc;

	public RunStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Replaces the run's datasets, files and membership records.
	 * @param runId the run
	 * @param spec the job
	 * @param inputs the files found for each dataset
	 * @param membership the membership records
	 */
	public void savePreparation(long runId, JobSpec spec, List<RunInput> inputs, Membership membership) {
		for (String table : List.of("MIG_DATASET", "MIG_RUN_INPUT", "MIG_MEMBERSHIP", "MIG_PRECEDENCE",
				"MIG_GROUP_MEMBER")) {
			this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
		}
		List<DatasetSpec> datasets = spec.datasets();
		for (int i = 0; i < datasets.size(); i++) {
			DatasetSpec d = datasets.get(i);
			this.jdbc.update(
					"INSERT INTO MIG_DATASET (RUN_ID, DATASET_ID, ORDINAL, PATH, LAYOUT, MEASURE, SCALE, VINTAGE, "
							+ "REFERENCE_DATE, SUM_RECORDS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					runId, d.id(), i, d.path(), d.layout().name(), (d.measure() != null) ? d.measure().name() : null,
					d.scale().longValueExact(), d.vintage(), d.referenceDate(), d.sumRecords());
		}
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_RUN_INPUT (RUN_ID, DATASET_ID, FILE_NAME, FILE_SIZE, SHA256) VALUES (?, ?, ?, ?, ?)",
				inputs, inputs.size(), (ps, in) -> {
					ps.setLong(1, runId);
					ps.setString(2, in.datasetId());
					ps.setString(3, in.fileName());
					ps.setLong(4, in.size());
					ps.setString(5, in.sha256());
				});
		List<Object[]> ranks = new java.util.ArrayList<>();
		Precedence.order(spec.figures(), datasets.stream().map(DatasetSpec::id).toList()).forEach((measure, ids) -> {
			for (int rank = 0; rank < ids.size(); rank++) {
				ranks.add(new Object[] { measure.name(), ids.get(rank), rank + 1 });
			}
		});
		this.jdbc.batchUpdate("INSERT INTO MIG_PRECEDENCE (RUN_ID, MEASURE, DATASET_ID, RANK) VALUES (?, ?, ?, ?)",
				ranks, 500, (ps, r) -> {
					ps.setLong(1, runId);
					ps.setString(2, (String) r[0]);
					ps.setString(3, (String) r[1]);
					ps.setInt(4, (Integer) r[2]);
				});
		spec.figures().groups().forEach((group, countries) -> {
			for (String country : new java.util.LinkedHashSet<>(countries)) {
				this.jdbc.update("INSERT INTO MIG_GROUP_MEMBER (RUN_ID, GROUP_NAME, COUNTRY) VALUES (?, ?, ?)", runId,
						group, country);
			}
		});
		List<MembershipRecord> records = membership.records();
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_MEMBERSHIP (RUN_ID, ORGANISATION, PARTY, PARTY_TYPE, STATUS, "
						+ "FROM_DATE, TO_DATE, SOURCE, SOURCE_ROW) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				records, 500, (ps, r) -> {
					ps.setLong(1, runId);
					ps.setString(2, r.organisation());
					ps.setString(3, r.party());
					ps.setString(4, r.partyType().name());
					ps.setString(5, r.status().name());
					ps.setDate(6, Date.valueOf(r.from()));
					ps.setDate(7, (r.to() != null) ? Date.valueOf(r.to()) : null);
					ps.setString(8, r.source());
					ps.setLong(9, r.row());
				});
	}

	/**
	 * Replaces the country reference table.
	 * @param countries every known country and territory
	 */
	public void saveCountries(Iterable<Country> countries) {
		this.jdbc.update("DELETE FROM MIG_COUNTRY");
		List<Country> list = new java.util.ArrayList<>();
		countries.forEach(list::add);
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_COUNTRY (COUNTRY_KEY, ISO2, M49, NAME, REGION, SUB_REGION) VALUES (?, ?, ?, ?, ?, ?)",
				list, 500, (ps, c) -> {
					ps.setString(1, c.key());
					ps.setString(2, c.iso2());
					ps.setInt(3, c.m49());
					ps.setString(4, c.name());
					ps.setString(5, c.region());
					ps.setString(6, c.subRegion());
				});
	}

	/**
	 * Records the size and checksum of a file that changed before it was ingested.
	 * @param runId the run
	 * @param input the file as recorded
	 * @param size its size now
	 * @param sha256 its checksum now
	 */
	public void updateInput(long runId, RunInput input, long size, String sha256) {
		this.jdbc.update("UPDATE MIG_RUN_INPUT SET FILE_SIZE = ?, SHA256 = ? WHERE RUN_ID = ? AND DATASET_ID = ? "
				+ "AND FILE_NAME = ?", size, sha256, runId, input.datasetId(), input.fileName());
	}

	/**
	 * @param runId the run
	 * @return the files the run was prepared with, in dataset order
	 */
	public List<RunInput> inputs(long runId) {
		return this.jdbc.query(
				"SELECT i.DATASET_ID, i.FILE_NAME, i.FILE_SIZE, i.SHA256 FROM MIG_RUN_INPUT i "
						+ "JOIN MIG_DATASET d ON d.RUN_ID = i.RUN_ID AND d.DATASET_ID = i.DATASET_ID "
						+ "WHERE i.RUN_ID = ? ORDER BY d.ORDINAL, i.FILE_NAME",
				(rs, n) -> new RunInput(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), runId);
	}

	/**
	 * @param runId the run
	 * @param source the membership file's name, for messages
	 * @return the membership records the run was prepared with
	 */
	public Membership membership(long runId, String source) {
		List<MembershipRecord> records = this.jdbc.query(
				"SELECT ORGANISATION, PARTY, PARTY_TYPE, STATUS, FROM_DATE, "
						+ "TO_DATE, SOURCE, SOURCE_ROW FROM MIG_MEMBERSHIP WHERE RUN_ID = ? ORDER BY SOURCE_ROW",
				(rs, n) -> new MembershipRecord(rs.getString(1), rs.getString(2), PartyType.valueOf(rs.getString(3)),
						MembershipStatus.valueOf(rs.getString(4)), rs.getDate(5).toLocalDate(),
						(rs.getDate(6) != null) ? rs.getDate(6).toLocalDate() : null, rs.getString(7), rs.getLong(8)),
				runId);
		return new Membership(source, records);
	}

	/**
	 * @param executionId a job execution
	 * @return its status as the job repository holds it now, or empty if there is no such
	 * execution: the status alone, where the repository's own {@code getJobExecution}
	 * reads every step execution of the run with its context (3,000 of them, 0.2 s, for a
	 * job of 3,000 files)
	 */
	public Optional<String> executionStatus(long executionId) {
		return this.jdbc
			.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
					executionId)
			.stream()
			.findFirst();
	}

}
