package org.migrationstats.pipeline.report.jdbc;

/**
 * A country-year that fails a consistency check: a balancing residual beyond the
 * tolerance, or reported net migration that differs from immigrants minus emigrants.
 *
 * @param country the country key
 * @param name the country's name
 * @param year the year
 * @param check the check, in words
 * @param reported the value reported
 * @param expected the value the other figures give
 * @param difference reported minus expected
 */
public record FailedCheck(String country, String name, int year, String check, Long reported, Long expected,
		Long difference) {
}
