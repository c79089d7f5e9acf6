package org.migrationstats.pipeline.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InputChecksumTest {

	@TempDir
	Path folder;

	@Test
	void aFileHasTheSha256OfItsWholeBytes() throws Exception {
		// longer than several reads of the stream, and not a whole number of them
		byte[] bytes = new byte[(5 << 19) + 17];
		new Random(18).nextBytes(bytes);
		Path file = Files.write(this.folder.resolve("flows.csv"), bytes);
		assertThat(PrepareInputsTasklet.sha256(file))
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		assertThat(PrepareInputsTasklet.sha256(Files.write(this.folder.resolve("empty.csv"), new byte[0])))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void aFileThatCannotBeReadIsAnInputErrorNamingIt() {
		Path missing = this.folder.resolve("missing.csv");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> PrepareInputsTasklet.sha256(missing))
			.withMessageStartingWith(missing + ": cannot be read: ");
	}

}
