package org.migrationstats.pipeline.ingest.excel;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * Reads the parts of an .xlsx workbook (sheets, shared strings) with Woodstox, text of
 * elements within a length limit: a cell or a shared string of 200 MB would otherwise be
 * read into memory whole. Woodstox bounds each stretch of text between two entities; the
 * text of an element, made of such stretches and of the runs of a rich string, is bounded
 * here.
 */
final class SheetXml {

	private SheetXml() {
	}

	/**
	 * Woodstox, named rather than found on the class path: the sheet XML is most of the
	 * time of reading a workbook, and it parses it about 40 % faster than the JDK's own
	 * StAX parser. DTDs and external entities are off, as for any file from outside.
	 * @param maxText the most characters of text in one stretch
	 * @return a factory of readers
	 */
	static XMLInputFactory factory(int maxText) {
		XMLInputFactory factory = new WstxInputFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxText);
		return factory;
	}

	/**
	 * Reads the text of an element whose start tag is the current event, up to its end
	 * tag, as {@link XMLStreamReader#getElementText()} does.
	 * @param xml the reader
	 * @param limit the most characters the text may have
	 * @return the text
	 * @throws TextTooLongException if it has more
	 */
	static String elementText(XMLStreamReader xml, int limit) throws XMLStreamException {
		StringBuilder text = null;
		String only = "";
		while (true) {
			int event = next(xml, limit);
			if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
				String stretch = text(xml, limit);
				if (text == null && only.isEmpty()) {
					// the common case, one stretch of text: no builder
					only = stretch;
				}
				else {
					text = (text != null) ? text : new StringBuilder(only);
					text.append(stretch);
				}
				if (((text != null) ? text.length() : only.length()) > limit) {
					throw new TextTooLongException(limit);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				return (text != null) ? text.toString() : only;
			}
			else if (event == XMLStreamConstants.START_ELEMENT) {
				throw new XMLStreamException("an element inside a text element");
			}
		}
	}

	/**
	 * Reads the text of a string item ({@code <si>} of the shared strings, {@code <is>}
	 * of an inline string) whose start tag is the current event: its {@code <t>} or the
	 * {@code <t>} of each of its runs, without phonetic guides, with Excel's escapes of
	 * control characters ({@code _x000D_}) decoded as POI decodes them.
	 * @param xml the reader
	 * @param limit the most characters the text may have
	 * @return the text
	 * @throws TextTooLongException if it has more
	 */
	static String stringItem(XMLStreamReader xml, int limit) throws XMLStreamException {
		StringBuilder text = new StringBuilder();
		int depth = 1;
		while (depth > 0) {
			int event = next(xml, limit);
			if (event == XMLStreamConstants.START_ELEMENT) {
				String element = xml.getLocalName();
				if ("t".equals(element)) {
					text.append(elementText(xml, limit - text.length()));
				}
				else if ("rPh".equals(element)) {
					skipElement(xml, limit);
				}
				else {
					depth++;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
		String read = text.toString();
		return read.contains("_x") ? new XSSFRichTextString(read).getString() : read;
	}

	/**
	 * Skips an element whose start tag is the current event, up to its end tag.
	 * @param xml the reader
	 * @param limit the most characters a stretch of text may have
	 */
	static void skipElement(XMLStreamReader xml, int limit) throws XMLStreamException {
		int depth = 1;
		while (depth > 0) {
			int event = next(xml, limit);
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
	}

	/**
	 * The next event, with Woodstox's refusal of a stretch of text longer than its limit
	 * told from a broken file.
	 * @param xml the reader
	 * @param limit the limit the reader's factory was made with
	 * @return the event
	 */
	static int next(XMLStreamReader xml, int limit) throws XMLStreamException {
		try {
			return xml.next();
		}
		catch (XMLStreamException ex) {
			throw tooLong(ex, limit);
		}
	}

	/**
	 * The current stretch of text, which Woodstox reads only when asked.
	 */
	private static String text(XMLStreamReader xml, int limit) throws XMLStreamException {
		try {
			return xml.getText();
		}
		catch (RuntimeException ex) {
			// Woodstox wraps what it finds while reading text lazily
			if (ex.getCause() instanceof XMLStreamException cause) {
				throw tooLong(cause, limit);
			}
			throw ex;
		}
	}

	private static XMLStreamException tooLong(XMLStreamException ex, int limit) {
		if (String.valueOf(ex.getMessage()).startsWith("Text size limit")) {
			throw new TextTooLongException(limit);
		}
		return ex;
	}

	/** Text longer than allowed: the part is read no further. */
	static final class TextTooLongException extends RuntimeException {

		TextTooLongException(int limit) {
			super("a text of more than " + limit + " characters");
		}

	}

}
