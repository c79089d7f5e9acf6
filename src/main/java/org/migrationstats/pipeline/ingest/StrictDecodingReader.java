package org.migrationstats.pipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a byte stream strictly: a byte sequence that is not valid in the charset is an
 * error naming its byte offset and line, never a replacement character. Everything before
 * the bad bytes is delivered first, so rows before them are read normally.
 */
public final class StrictDecodingReader extends Reader {

	private final InputStream in;

	private final Charset charset;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	private long bytesBefore;

	private long lines = 1;

	private boolean endOfInput;

	private CharacterCodingException pending;

	private boolean flushed;

	private int carried = -1;

	/**
	 * @param in the bytes, closed with this reader
	 * @param charset their character set
	 */
	public StrictDecodingReader(InputStream in, Charset charset) {
		this.in = in;
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.carried >= 0) {
			buffer[offset] = (char) this.carried;
			this.carried = -1;
			return 1;
		}
		if (this.pending != null) {
			throw this.pending;
		}
		if (this.flushed) {
			return -1;
		}
		CharBuffer out = CharBuffer.wrap(buffer, offset, length);
		while (out.position() == offset) {
			if (!this.bytes.hasRemaining() && !this.endOfInput) {
				fill();
			}
			CoderResult result = this.decoder.decode(this.bytes, out, this.endOfInput);
			if (result.isError()) {
				this.pending = error(out, offset, result);
				break;
			}
			if (result.isOverflow() && out.position() == offset) {
				// room for one char and the next is a surrogate pair: hand out its high
				// half now and its low half on the next read
				CharBuffer pair = CharBuffer.allocate(2);
				this.decoder.decode(this.bytes, pair, this.endOfInput);
				pair.flip();
				out.put(pair.get());
				this.carried = pair.hasRemaining() ? pair.get() : -1;
				break;
			}
			if (result.isUnderflow()) {
				if (this.endOfInput) {
					CoderResult flush = this.decoder.flush(out);
					if (flush.isError()) {
						this.pending = error(out, offset, flush);
					}
					this.flushed = true;
					break;
				}
				if (this.bytes.hasRemaining()) {
					// an incomplete sequence at the end of the buffer: read more bytes
					fill();
				}
			}
		}
		int read = out.position() - offset;
		countLines(buffer, offset, read);
		if (read == 0) {
			if (this.pending != null) {
				throw this.pending;
			}
			return -1;
		}
		return read;
	}

	/**
	 * Says where in a file the bytes begin, for bytes read from the middle of it: the
	 * byte offsets and line numbers of errors are then the file's.
	 * @param byteOffset the file offset of the first byte
	 * @param line the line of the first byte, counted by line feeds from 1
	 */
	public void startAt(long byteOffset, long line) {
		this.bytesBefore = byteOffset;
		this.lines = line;
	}

	/**
	 * @return how many bytes were decoded so far: the offset of the next byte to decode
	 */
	public long bytesDecoded() {
		return this.bytesBefore + this.bytes.position();
	}

	private void fill() throws IOException {
		this.bytesBefore += this.bytes.position();
		this.bytes.compact();
		int n = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		if (n < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + n);
		}
		this.bytes.flip();
	}

	private CharacterCodingException error(CharBuffer out, int offset, CoderResult result) {
		long lineOfError = this.lines;
		for (int i = offset; i < out.position(); i++) {
			if (out.array()[out.arrayOffset() + i] == '\n') {
				lineOfError++;
			}
		}
		long byteOffset = this.bytesBefore + this.bytes.position();
		StringBuilder hex = new StringBuilder();
		int count = 0;
		for (int i = 0; i < result.length() && this.bytes.position() + i < this.bytes.limit(); i++) {
			hex.append(String.format(" %02X", this.bytes.get(this.bytes.position() + i)));
			count++;
		}
		String what = (count == 1) ? "byte" + hex + " is" : "bytes" + hex + " are";
		return new MalformedBytesException("line " + lineOfError + ", byte offset " + byteOffset + ": " + what
				+ " not valid " + this.charset.name(), lineOfError);
	}

	private void countLines(char[] buffer, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			if (buffer[i] == '\n') {
				this.lines++;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * Bytes that are not valid in the file's charset, with where they are.
	 */
	public static final class MalformedBytesException extends CharacterCodingException {

		private final String message;

		private final long line;

		MalformedBytesException(String message, long line) {
			this.message = message;
			this.line = line;
		}

		@Override
		public String getMessage() {
			return this.message;
		}

		/**
		 * @return the 1-based line of the bad bytes
		 */
		public long getLine() {
			return this.line;
		}

	}

}
