/**
 * The web console ({@code serve}, {@code schedule --serve}): server-rendered pages of the
 * jobs, their runs and one run in full, with downloads of its report, and the operators'
 * actions (restart, stop, abandon, run, recover), behind a form login with the users of
 * {@code MIG_CONSOLE_USER}. It reads and acts through {@code operate} (and the report's
 * queries for the rejects), as the command line does; it is left out of the component
 * scan of every other command, which start no web server.
 */
package org.migrationstats.pipeline.console;
