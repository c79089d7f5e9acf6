package org.migrationstats.pipeline.reference;

import java.time.LocalDate;

/**
 * How many parties held each status on one day.
 *
 * @param day the day counted
 * @param memberStates member states
 * @param observerStates observer states
 * @param observerBodies non-state observers
 */
public record MembershipCounts(LocalDate day, int memberStates, int observerStates, int observerBodies) {

	/**
	 * @return all observers, states and non-state bodies together
	 */
	public int observers() {
		return this.observerStates + this.observerBodies;
	}

}
