/**
 * The Spring Batch job and its steps: preparing a run's inputs, ingesting each file in a
 * partition of its own, or a large delimited file in one per byte range (reader position
 * and rows committed together), computing figures and writing the report; with the step
 * listeners that log progress; and remote partitioning, where the ingest partitions go
 * over RabbitMQ to worker processes sharing a PostgreSQL database
 * ({@link org.migrationstats.pipeline.batch.RemotePartitioning}). It may use every stage
 * package ({@code ingest}, {@code reference}, {@code compute}, {@code report},
 * {@code store}, {@code spec}), Spring Batch and Spring AMQP; it does not know how jobs
 * are operated ({@code operate}).
 */
package org.migrationstats.pipeline.batch;
