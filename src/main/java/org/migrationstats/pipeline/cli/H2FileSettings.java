package org.migrationstats.pipeline.cli;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes an embedded H2 file database safe to kill: {@code WRITE_DELAY=0} writes every
 * commit to the file before the commit returns (by default H2 keeps the last half second
 * of commits in memory, and {@code kill -9} loses them), and
 * {@code DB_CLOSE_ON_EXIT=FALSE} leaves the database open while a process told to
 * terminate stops its executions (by default H2 closes it at once). Added to any
 * {@code jdbc:h2:file:} URL that does not set them; other databases are left alone.
 */
class H2FileSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final String URL = "spring.datasource.url";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		String url = environment.getProperty(URL);
		if (url == null || !url.startsWith("jdbc:h2:file:")) {
			return;
		}
		String safe = withSetting(withSetting(url, "WRITE_DELAY", "0"), "DB_CLOSE_ON_EXIT", "FALSE");
		if (!safe.equals(url)) {
			environment.getPropertySources().addFirst(new MapPropertySource("h2FileSettings", Map.of(URL, safe)));
		}
	}

	static String withSetting(String url, String name, String value) {
		return url.toUpperCase(Locale.ROOT).contains(";" + name + "=") ? url : url + ";" + name + "=" + value;
	}

}
