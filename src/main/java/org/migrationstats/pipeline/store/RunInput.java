package org.migrationstats.pipeline.store;

/**
 * One input file of a run, as recorded when the run was prepared.
 *
 * @param datasetId the dataset it belongs to
 * @param fileName the file's path as the job names it
 * @param size its size in bytes
 * @param sha256 its SHA-256 digest in hex
 */
public record RunInput(String datasetId, String fileName, long size, String sha256) {
}
