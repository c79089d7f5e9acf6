/**
 * The nightly schedule: each job file's cron in its zone, daylight-saving days, catching
 * up a missed firing, and re-reading the job folder as files change. It may use
 * {@code spec} and Spring's scheduling support; it hands each firing to a runner it is
 * given.
 */
package org.migrationstats.pipeline.schedule;
