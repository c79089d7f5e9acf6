/**
 * The command line (picocli): one class per command, the exit codes, the terminal tables
 * and SIGTERM handling. The only package that writes to the terminal. It may use
 * {@code operate}, {@code spec} and {@code schedule}.
 */
package org.migrationstats.pipeline.cli;
