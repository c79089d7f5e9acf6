package org.migrationstats.pipeline.ingest;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link Header}: names as compared and footnote marks.
 */
class HeaderTests {

	@ParameterizedTest(name = "\"{0}\" is compared as \"{1}\"")
	@CsvSource(delimiter = '|',
			value = { "  Country Name |country name", "Country\u00a0 Name*|country name", "1995 (a)|1995",
					"Population [1]|population", "Kazakhstan \u2020\u2021|kazakhstan",
					"Kazakhstan** (a) [12]|kazakhstan", "Value (a b)|value (a b)", "Total (abc)|total (abc)",
					"Code [YR19]|code [yr19]", "(a)|''", "\u3000Country\u3000*|country" })
	void cleanForComparison(String text, String cleaned) {
		assertThat(Header.clean(text)).isEqualTo(cleaned);
	}

	@ParameterizedTest(name = "\"{0}\" without its footnote is \"{1}\"")
	@CsvSource(delimiter = '|',
			value = { "   Kazakhstan*|Kazakhstan", "C\u00f4te d'Ivoire (a)|C\u00f4te d'Ivoire",
					"T\u00fcrkiye [1] *|T\u00fcrkiye", "Kazakhstan\u00a0*|Kazakhstan", "Bahamas, The|Bahamas, The",
					"Korea (Rep.)|Korea (Rep.)" })
	void dropTrailingFootnoteMarks(String text, String bare) {
		assertThat(Header.withoutFootnote(text)).isEqualTo(bare);
	}

	@Test
	void cleanALongCellOfMarksQuickly() {
		String marks = "Country" + " (1)".repeat(100_000);
		String stars = " *".repeat(100_000) + "x";
		assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
			assertThat(Header.clean(marks)).isEqualTo("country");
			assertThat(Header.withoutFootnote(stars)).isEqualTo(stars.strip());
		});
	}

	@Test
	void findAColumnByItsGroupAndName() {
		Header header = Header.combine(List.of(List.of("", "Both sexes", ""), List.of("Country", "1990", "1995")), 2);
		assertThat(header.indexOf("Both sexes 1995")).isEqualTo(2);
		assertThat(header.display(2)).isEqualTo("Both sexes / 1995");
		assertThat(header.indexOf("country*")).isZero();
	}

}
