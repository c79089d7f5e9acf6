package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.migrationstats.pipeline.ingest.SourceFormatException;

/**
 * A workbook's shared strings as plain text, held in memory as cells refer to them by
 * number from anywhere in a sheet: each string at most as long as a row may be, and all
 * of them within a budget of {@value #BUDGET} times that, counting what each string costs
 * the heap beside its characters.
 */
final class SharedStrings {

	/** The memory the strings may take, in rows as long as a row may be. */
	static final int BUDGET = 64;

	/**
	 * What a string costs beside its characters: its object, its array, its reference.
	 */
	private static final int OVERHEAD = 44;

	private SharedStrings() {
	}

	/**
	 * @param pkg the workbook
	 * @param xml the factory of XML readers
	 * @param name the file as shown to users
	 * @param maxLine the most characters a row, and so a string, may have
	 * @return the shared strings, in their order
	 * @throws SourceFormatException naming the file if a string is too long or the
	 * strings together take more than the budget
	 */
	static List<String> read(OPCPackage pkg, XMLInputFactory xml, String name, int maxLine)
			throws IOException, XMLStreamException {
		List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
		if (parts.isEmpty()) {
			return List.of();
		}
		long budget = (long) BUDGET * maxLine;
		long used = 0;
		List<String> strings = new ArrayList<>();
		try (InputStream in = parts.get(0).getInputStream()) {
			XMLStreamReader reader = xml.createXMLStreamReader(in);
			try {
				while (reader.hasNext()) {
					if (SheetXml.next(reader, maxLine) == XMLStreamConstants.START_ELEMENT
							&& "si".equals(reader.getLocalName())) {
						String text = SheetXml.stringItem(reader, maxLine);
						used += text.length() + OVERHEAD;
						if (used > budget) {
							throw new SourceFormatException(String.format("%s: the workbook's shared strings take "
									+ "more memory than %d rows of max-line-length (%,d characters; %,d strings "
									+ "read): the workbook is not read; raise max-line-length in the job file, and "
									+ "the Java heap with it", name, BUDGET, budget, strings.size()));
						}
						strings.add(text);
					}
				}
			}
			catch (SheetXml.TextTooLongException ex) {
				throw new SourceFormatException(String.format("%s: shared string %,d is longer than %,d characters "
						+ "(max-line-length): the workbook is not read; a longer text needs a higher max-line-length "
						+ "in the job file", name, strings.size() + 1, maxLine), ex);
			}
			finally {
				reader.close();
			}
		}
		return strings;
	}

}
