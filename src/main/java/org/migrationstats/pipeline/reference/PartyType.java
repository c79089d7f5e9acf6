package org.migrationstats.pipeline.reference;

/**
 * Whether a party is a state or a non-state body (an NGO observer, another organisation).
 */
public enum PartyType {

	STATE, ORGANISATION

}
