package org.migrationstats.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.DisplayBlanks;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.openxmlformats.schemas.drawingml.x2006.main.CTNonVisualDrawingProps;

/**
 * Draws the report's native Excel charts on the Charts sheet: net migration per year for
 * the chart countries, and the period figures per group. Each series refers to the cells
 * of the Chart data sheet and carries their values too, so a program that does not
 * recalculate shows the same chart.
 */
final class ChartSheet {

	/**
	 * The UK Government Analysis Function's categorical colours, chosen to be told apart
	 * with colour vision deficiency; series beyond them reuse them.
	 */
	private static final String[] COLOURS = { "12436D", "28A197", "801650", "F46A25", "3D3D3D", "A285D1" };

	/**
	 * The markers of the lines, one per series, so that no series is told by colour
	 * alone.
	 */
	private static final MarkerStyle[] MARKERS = { MarkerStyle.CIRCLE, MarkerStyle.SQUARE, MarkerStyle.TRIANGLE,
			MarkerStyle.DIAMOND, MarkerStyle.X, MarkerStyle.STAR, MarkerStyle.PLUS };

	/** The dash of each line, with its marker. */
	private static final PresetLineDash[] DASHES = { PresetLineDash.SOLID, PresetLineDash.DASH,
			PresetLineDash.SYSTEM_DOT, PresetLineDash.LARGE_DASH_DOT, PresetLineDash.LARGE_DASH,
			PresetLineDash.SYSTEM_DASH_DOT };

	private static final int CHART_COLUMNS = 14;

	private static final int CHART_ROWS = 24;

	private final SXSSFSheet sheet;

	private final XSSFSheet drawingSheet;

	private final WorkbookStyles styles;

	private final Map<String, TablePlace> places;

	private int nextRow;

	ChartSheet(SXSSFSheet sheet, XSSFSheet drawingSheet, WorkbookStyles styles, Map<String, TablePlace> places) {
		this.sheet = sheet;
		this.drawingSheet = drawingSheet;
		this.styles = styles;
		this.places = places;
	}

	void draw(ChartData data) {
		line("Charts", this.styles.title);
		line("The figures each chart plots are on the sheets " + ChartData.COUNTRIES_SHEET + " and "
				+ ChartData.GROUPS_SHEET + ". Series are told apart by marker and dash (lines) or by fill and "
				+ "outline (bars) as well as by colour.", this.styles.text);
		boolean countries = !data.years().isEmpty() && !data.countries().isEmpty();
		boolean groups = !data.periods().isEmpty() && !data.groups().isEmpty();
		if (!countries) {
			line("No net migration for the chart countries (" + data.countriesInWords() + "), so no chart of it.",
					this.styles.text);
		}
		if (!groups) {
			line("No period figures per membership status or job-file list, so no charts of them.", this.styles.text);
		}
		XSSFDrawing drawing = this.drawingSheet.createDrawingPatriarch();
		int top = this.nextRow + 1;
		if (countries) {
			countriesChart(drawing, top, data);
			top = nextChart(top);
		}
		if (groups && !data.groupNetMigration().isEmpty()) {
			groupChart(drawing, top, data, "Cumulative net migration", 2, data.groupNetMigration());
			top = nextChart(top);
		}
		if (groups && !data.groupNaturalIncrease().isEmpty()) {
			groupChart(drawing, top, data, "Natural increase", 2 + data.groupNetMigration().size(),
					data.groupNaturalIncrease());
		}
	}

	private int nextChart(int top) {
		int next = top + CHART_ROWS + 1;
		// Each chart on a page of its own when printed.
		this.sheet.setRowBreak(next - 1);
		return next;
	}

	private void countriesChart(XSSFDrawing drawing, int top, ChartData data) {
		TablePlace place = this.places.get(ChartData.COUNTRIES_TABLE);
		String title = "Net migration per year, " + data.countriesInWords();
		XSSFChart chart = chart(drawing, top, title,
				"Line chart of net migration per year, in persons, from " + data.years().get(0) + " to "
						+ data.years().get(data.years().size() - 1) + ", one line per country ("
						+ String.join(", ", data.countries()) + "), each with its own colour, marker and dash. "
						+ "A gap in a line is a year without a figure. The figures are on the sheet "
						+ ChartData.COUNTRIES_SHEET + ".");
		XDDFCategoryAxis years = chart.createCategoryAxis(AxisPosition.BOTTOM);
		years.setTitle("Year");
		years.setTickLabelPosition(AxisTickLabelPosition.LOW);
		XDDFValueAxis persons = valueAxis(chart, "Net migration (persons)");
		XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, years, persons);
		lines.setVaryColors(false);
		XDDFDataSource<Integer> categories = XDDFDataSourcesFactory.fromArray(data.years().toArray(new Integer[0]),
				place.data(0));
		for (int i = 0; i < data.countries().size(); i++) {
			XDDFNumericalDataSource<Long> values = XDDFDataSourcesFactory
				.fromArray(data.netMigration().get(i).toArray(new Long[0]), place.data(i + 1));
			XDDFLineChartData.Series series = (XDDFLineChartData.Series) lines.addSeries(categories, values);
			series.setTitle(data.countries().get(i), place.header(i + 1));
			series.setSmooth(false);
			XDDFShapeProperties shape = new XDDFShapeProperties();
			XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(colour(i)));
			line.setWidth(2.0);
			line.setPresetDash(new XDDFPresetLineDash(DASHES[i % DASHES.length]));
			shape.setLineProperties(line);
			series.setShapeProperties(shape);
			// the program's default marker size: poi-ooxml-lite lacks the schema type of
			// a
			// size of one's own
			series.setMarkerStyle(MARKERS[i % MARKERS.length]);
			// the marker in the line's colour; left to the program, it takes the theme's
			XDDFShapeProperties marker = new XDDFShapeProperties();
			marker.setFillProperties(new XDDFSolidFillProperties(colour(i)));
			marker.setLineProperties(new XDDFLineProperties(new XDDFSolidFillProperties(colour(i))));
			series.getCTLineSer().getMarker().setSpPr(marker.getXmlObject());
		}
		chart.plot(lines);
	}

	private void groupChart(XSSFDrawing drawing, int top, ChartData data, String figure, int firstColumn,
			List<List<Long>> values) {
		TablePlace place = this.places.get(ChartData.GROUPS_TABLE);
		List<String> periods = new ArrayList<>();
		for (int p = 0; p < data.periods().size(); p++) {
			periods.add(data.periodLabel(p));
		}
		boolean alike = data.periodSpans()
			.stream()
			.map((span) -> span.substring(span.indexOf(',')))
			.distinct()
			.count() == 1;
		String title = figure + " per group, total over each period"
				+ (alike ? "" : " (periods of different lengths; not annual averages)");
		XSSFChart chart = chart(drawing, top, title,
				"Clustered bar chart of " + figure.toLowerCase(Locale.ROOT)
						+ ", in persons, per membership status at the period's end and per job-file list ("
						+ String.join(", ", data.groups()) + "), one bar per period: " + String.join("; ", periods)
						+ ". Each bar is the total over its period, not an annual average"
						+ (alike ? "." : ", so bars of periods of different lengths are not alike.") + " Bars of the "
						+ "periods differ in fill pattern as well as colour. The figures are on the sheet "
						+ ChartData.GROUPS_SHEET + ".");
		XDDFCategoryAxis groups = chart.createCategoryAxis(AxisPosition.BOTTOM);
		groups.setTitle("Membership status or job-file list at the period's end");
		groups.setTickLabelPosition(AxisTickLabelPosition.LOW);
		XDDFValueAxis persons = valueAxis(chart, "Persons, total over the period");
		XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, groups, persons);
		bars.setBarDirection(BarDirection.COL);
		bars.setBarGrouping(BarGrouping.CLUSTERED);
		bars.setVaryColors(false);
		XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromArray(data.groups().toArray(new String[0]),
				place.data(1));
		for (int p = 0; p < data.periods().size(); p++) {
			XDDFNumericalDataSource<Long> series = XDDFDataSourcesFactory.fromArray(values.get(p).toArray(new Long[0]),
					place.data(firstColumn + p));
			XDDFChartData.Series bar = bars.addSeries(categories, series);
			// The period with its span, not the whole heading: the legend stays short.
			bar.setTitle(data.periodLabel(p), null);
			// Told apart without colour: filled and hollow bars by turns, and each
			// period's outline in its own dash (poi-ooxml-lite has no pattern fills).
			XDDFShapeProperties shape = new XDDFShapeProperties();
			shape.setFillProperties(
					new XDDFSolidFillProperties((p % 2 == 0) ? colour(p) : XDDFColor.from(PresetColor.WHITE)));
			XDDFLineProperties outline = new XDDFLineProperties(new XDDFSolidFillProperties(colour(p)));
			outline.setWidth(1.5);
			outline.setPresetDash(new XDDFPresetLineDash(DASHES[p % DASHES.length]));
			shape.setLineProperties(outline);
			bar.setShapeProperties(shape);
		}
		chart.plot(bars);
	}

	/**
	 * A chart with its title and its alternative text: the drawing's name and title are
	 * the chart's title, its description says what the chart shows in words, for screen
	 * readers and for anyone who cannot see the colours.
	 */
	private XSSFChart chart(XSSFDrawing drawing, int top, String title, String description) {
		XSSFChart chart = drawing
			.createChart(drawing.createAnchor(0, 0, 0, 0, 0, top, CHART_COLUMNS, top + CHART_ROWS));
		chart.setTitleText(title);
		chart.setTitleOverlay(false);
		chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
		chart.displayBlanksAs(DisplayBlanks.GAP);
		chart.setPlotOnlyVisibleCells(false);
		CTNonVisualDrawingProps alt = chart.getGraphicFrame()
			.getCTGraphicalObjectFrame()
			.getNvGraphicFramePr()
			.getCNvPr();
		alt.setName(title);
		alt.setTitle(title);
		alt.setDescr(description);
		return chart;
	}

	private static XDDFValueAxis valueAxis(XSSFChart chart, String title) {
		XDDFValueAxis axis = chart.createValueAxis(AxisPosition.LEFT);
		axis.setTitle(title);
		axis.setCrosses(AxisCrosses.AUTO_ZERO);
		axis.setNumberFormat(WorkbookStyles.COUNT_FORMAT);
		axis.getOrAddMajorGridProperties()
			.setLineProperties(
					new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(PresetColor.GAINSBORO))));
		return axis;
	}

	private static XDDFColor colour(int index) {
		return XDDFColor.from(java.util.HexFormat.of().parseHex(COLOURS[index % COLOURS.length]));
	}

	private void line(String text, org.apache.poi.ss.usermodel.CellStyle style) {
		Cell cell = this.sheet.createRow(this.nextRow++).createCell(0);
		cell.setCellValue(text);
		cell.setCellStyle(style);
	}

}
