package org.migrationstats.pipeline.compute;

import java.math.BigDecimal;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrationstats.pipeline.reference.MembershipStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Rates}, with Kazakhstan's figures from the sample files: net migration
 * from WPP 2024 migration.txt (1994: -520.028 thousand; 1991-2002: -3,067.947 thousand)
 * and population from World Bank population.csv (1991: 17,278,600; 1994: 17,043,771;
 * 2002: 15,656,677).
 */
class RatesTests {

	private static final long KAZ_NET_MIGRATION_1994 = -520_028L;

	private static final long KAZ_POPULATION_1994 = 17_043_771L;

	private static final long KAZ_NET_MIGRATION_1991_2002 = -3_067_947L;

	private static final long KAZ_POPULATION_1991 = 17_278_600L;

	private static final long KAZ_POPULATION_2002 = 15_656_677L;

	@Nested
	class PerThousand {

		@Test
		void giveKazakhstansPeakEmigrationRate() {
			// -520,028,000 / 17,043,771 = -30.5113...; WPP publishes -30.5 for 1994
			assertThat(Rates.perThousand(KAZ_NET_MIGRATION_1994, KAZ_POPULATION_1994))
				.isEqualTo(new BigDecimal("-30.511"));
		}

		@Test
		void alwaysHaveThreeDecimals() {
			assertThat(Rates.perThousand(1L, 1000L)).isEqualTo(new BigDecimal("1.000"));
			assertThat(Rates.perThousand(0L, KAZ_POPULATION_1994)).isEqualTo(new BigDecimal("0.000"));
		}

		@ParameterizedTest(name = "{0} per {1} is {2}")
		@CsvSource(delimiter = '|', value = { "1|16000|0.062", "3|16000|0.188", "5|16000|0.312", "7|16000|0.438",
				"-1|16000|-0.062", "-3|16000|-0.188", "1|3|333.333", "2|3|666.667" })
		void roundHalfToEven(long count, long population, BigDecimal rate) {
			assertThat(Rates.perThousand(count, population)).isEqualTo(rate);
		}

		@Test
		void areUnknownWhenACountIsUnknown() {
			assertThat(Rates.perThousand(null, KAZ_POPULATION_1994)).isNull();
			assertThat(Rates.perThousand(KAZ_NET_MIGRATION_1994, null)).isNull();
			assertThat(Rates.perThousand(null, null)).isNull();
		}

		@Test
		void areUnknownForANonPositivePopulation() {
			assertThat(Rates.perThousand(KAZ_NET_MIGRATION_1994, 0L)).isNull();
			assertThat(Rates.perThousand(KAZ_NET_MIGRATION_1994, -1L)).isNull();
		}

		@Test
		void doNotOverflowForLargeCounts() {
			assertThat(Rates.perThousand(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(new BigDecimal("1000.000"));
		}

	}

	@Nested
	class AverageAnnualPerThousand {

		@Test
		void giveKazakhstansAverageSinceIndependence() {
			// -3,067,947 × 2000 / ((17,278,600 + 15,656,677) × 12) = -15.5251...
			assertThat(Rates.averageAnnualPerThousand(KAZ_NET_MIGRATION_1991_2002, KAZ_POPULATION_1991,
					KAZ_POPULATION_2002, 12))
				.isEqualTo(new BigDecimal("-15.525"));
		}

		@Test
		void divideByTheMeanPopulationAndTheYears() {
			assertThat(Rates.averageAnnualPerThousand(3000L, 900L, 1100L, 3)).isEqualTo(new BigDecimal("1000.000"));
			assertThat(Rates.averageAnnualPerThousand(1L, 8000L, 8000L, 2)).isEqualTo(new BigDecimal("0.062"));
		}

		@Test
		void areUnknownWhenAnInputIsMissing() {
			assertThat(Rates.averageAnnualPerThousand(null, KAZ_POPULATION_1991, KAZ_POPULATION_2002, 12)).isNull();
			assertThat(Rates.averageAnnualPerThousand(KAZ_NET_MIGRATION_1991_2002, null, KAZ_POPULATION_2002, 12))
				.isNull();
			assertThat(Rates.averageAnnualPerThousand(KAZ_NET_MIGRATION_1991_2002, KAZ_POPULATION_1991, null, 12))
				.isNull();
		}

		@Test
		void areUnknownWithoutYearsOrPopulation() {
			assertThat(Rates.averageAnnualPerThousand(KAZ_NET_MIGRATION_1991_2002, KAZ_POPULATION_1991,
					KAZ_POPULATION_2002, 0))
				.isNull();
			assertThat(Rates.averageAnnualPerThousand(KAZ_NET_MIGRATION_1991_2002, 0L, 0L, 12)).isNull();
		}

	}

	@Nested
	class FiguresRecords {

		@Test
		void giveACountryYearItsNetMigrationRate() {
			CountryYearFigures figures = new CountryYearFigures("KAZ", "Kazakhstan", 1994, MembershipStatus.NON_MEMBER,
					KAZ_POPULATION_1994, "wb-population", null, null, KAZ_NET_MIGRATION_1994, "wpp-net-migration", null,
					null, null, null, null, null, null, null, null);
			assertThat(figures.netMigrationRate()).isEqualTo(new BigDecimal("-30.511"));
		}

		@Test
		void giveAPeriodItsAverageRateAndCompleteness() {
			PeriodFigures figures = new PeriodFigures("since-independence", 1991, 2002, "KAZ", "Kazakhstan",
					MembershipStatus.MEMBER, KAZ_NET_MIGRATION_1991_2002, 12, null, 0, KAZ_POPULATION_1991,
					KAZ_POPULATION_2002, KAZ_POPULATION_2002 - KAZ_POPULATION_1991, null, 0, null);
			assertThat(figures.years()).isEqualTo(12);
			assertThat(figures.averageNetMigrationRate()).isEqualTo(new BigDecimal("-15.525"));
		}

		@Test
		void averageAnIncompletePeriodOverTheYearsThatHaveValues() {
			PeriodFigures figures = new PeriodFigures("since-independence", 1991, 2002, "KAZ", "Kazakhstan",
					MembershipStatus.MEMBER, -1_200_000L, 11, null, 0, 1_000_000L, 1_000_000L, 0L, null, 0, null);
			assertThat(figures.averageNetMigrationRate()).isEqualTo(new BigDecimal("-109.091"));
		}

	}

}
