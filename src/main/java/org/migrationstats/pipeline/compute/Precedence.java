package org.migrationstats.pipeline.compute;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.spec.FigureSettings;
import org.migrationstats.pipeline.spec.Measure;

/**
 * Decides, per measure, the order in which datasets are preferred: those the job file
 * lists for the measure first, then the others in job-file order. Older vintages that
 * another dataset revises are left out: they are compared with the newer one, never used.
 */
public final class Precedence {

	private Precedence() {
	}

	/**
	 * @param settings the job's figure settings
	 * @param datasets the job's dataset ids, in job-file order
	 * @return per measure, the dataset ids in order of preference
	 */
	public static Map<Measure, List<String>> order(FigureSettings settings, List<String> datasets) {
		Map<Measure, List<String>> order = new EnumMap<>(Measure.class);
		for (Measure measure : Measure.values()) {
			List<String> ids = new ArrayList<>(settings.precedence().getOrDefault(measure, List.of()));
			for (String id : datasets) {
				if (!ids.contains(id)) {
					ids.add(id);
				}
			}
			ids.removeAll(settings.revisions().values());
			order.put(measure, List.copyOf(ids));
		}
		return order;
	}

}
