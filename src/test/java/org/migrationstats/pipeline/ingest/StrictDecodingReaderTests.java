package org.migrationstats.pipeline.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.StrictDecodingReader.MalformedBytesException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StrictDecodingReader}.
 */
class StrictDecodingReaderTests {

	private static StrictDecodingReader reader(byte[] bytes, Charset charset) {
		return new StrictDecodingReader(new ByteArrayInputStream(bytes), charset);
	}

	private static StrictDecodingReader reader(String text) {
		return reader(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	@Test
	void readsACharBeyondTheBasicPlaneOneHalfAtATime() throws IOException {
		try (StrictDecodingReader reader = reader("x\uD83D\uDE00y")) {
			assertThat(reader.read()).isEqualTo('x');
			assertThat(reader.read()).isEqualTo(0xD83D);
			assertThat(reader.read()).isEqualTo(0xDE00);
			assertThat(reader.read()).isEqualTo('y');
			assertThat(reader.read()).isEqualTo(-1);
		}
	}

	@Test
	void keepsSayingEndOfInputAfterTheEnd() throws IOException {
		try (StrictDecodingReader reader = reader("Kazakhstan")) {
			char[] buffer = new char[64];
			assertThat(reader.read(buffer, 0, 64)).isEqualTo(10);
			assertThat(reader.read(buffer, 0, 64)).isEqualTo(-1);
			assertThat(reader.read(buffer, 0, 64)).isEqualTo(-1);
			assertThat(reader.read()).isEqualTo(-1);
		}
	}

	@Test
	void deliversTheTextBeforeBadBytesThenNamesTheirLineAndOffset() throws IOException {
		byte[] bytes = "a,b\nc,d\n\u00e9".getBytes(StandardCharsets.UTF_8);
		bytes[bytes.length - 2] = (byte) 0xE9;
		try (StrictDecodingReader reader = reader(bytes, StandardCharsets.UTF_8)) {
			char[] buffer = new char[64];
			assertThat(new String(buffer, 0, reader.read(buffer, 0, 64))).isEqualTo("a,b\nc,d\n");
			assertThatExceptionOfType(MalformedBytesException.class).isThrownBy(() -> reader.read(buffer, 0, 64))
				.withMessage("line 3, byte offset 8: bytes E9 A9 are not valid UTF-8")
				.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
			assertThatExceptionOfType(MalformedBytesException.class).isThrownBy(() -> reader.read(buffer, 0, 64));
		}
	}

	@Test
	void aSequenceCutShortByTheEndOfTheFileIsMalformed() throws IOException {
		try (StrictDecodingReader reader = reader(new byte[] { 'a', '\n', (byte) 0xC3 }, StandardCharsets.UTF_8)) {
			char[] buffer = new char[64];
			assertThat(reader.read(buffer, 0, 64)).isEqualTo(2);
			assertThatExceptionOfType(MalformedBytesException.class).isThrownBy(() -> reader.read(buffer, 0, 64))
				.withMessage("line 2, byte offset 2: byte C3 is not valid UTF-8");
		}
	}

}
