package org.migrationstats.pipeline.console;

import java.nio.file.Path;

import org.migrationstats.pipeline.PipelineApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the commands that serve the console start their application context: the pipeline's
 * own, with the console's configuration and a servlet web server.
 */
public final class ConsoleApplication {

	private ConsoleApplication() {
	}

	/**
	 * @param settings the console's settings
	 * @return a builder of the context with the console
	 */
	public static SpringApplicationBuilder builder(Settings settings) {
		return new SpringApplicationBuilder(PipelineApplication.class, ConsoleConfiguration.class)
			.web(WebApplicationType.SERVLET)
			.properties("pipeline.console.jobs-dir=" + settings.jobsFolder());
	}

	/**
	 * The arguments the context is started with: the console brings back the web,
	 * template and security auto-configuration that {@code application.properties} leaves
	 * out of every other command.
	 * @param settings the console's settings, or {@code null} for no console
	 * @return the arguments
	 */
	public static String[] arguments(Settings settings) {
		if (settings == null) {
			return new String[0];
		}
		return new String[] { "--spring.main.web-application-type=servlet", "--spring.autoconfigure.exclude=" };
	}

	/**
	 * @param context a started context with the console
	 * @return the console's address, as a browser opens it
	 */
	public static String address(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String host = context.getEnvironment().getProperty("server.address", "127.0.0.1");
		boolean tls = context.getEnvironment().getProperty("server.ssl.bundle") != null
				|| context.getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
		return (tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
	}

	/**
	 * @param failure why the context did not start
	 * @return whether it is that the console has no user
	 */
	public static boolean noUser(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof NoConsoleUserException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the console is told by the command that starts it.
	 *
	 * @param jobsFolder the folder of job files its jobs page lists
	 */
	public record Settings(Path jobsFolder) {
	}

}
