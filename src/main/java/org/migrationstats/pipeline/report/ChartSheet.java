package org.migrationstats.pipeline.report;

import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
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
				+ ChartData.GROUPS_SHEET + ".", this.styles.text);
		boolean countries = !data.years().isEmpty() && !data.countries().isEmpty();
		boolean groups = !data.periods().isEmpty() && !data.groups().isEmpty();
		if (!countries) {
			line("No net migration for the chart countries (" + data.countriesFrom() + "), so no chart of it.",
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
			groupChart(drawing, top, data, "Cumulative net migration per group, by period", 2,
					data.groupNetMigration());
			top = nextChart(top);
		}
		if (groups && !data.groupNaturalIncrease().isEmpty()) {
			groupChart(drawing, top, data, "Natural increase per group, by period", 2 + data.groupNetMigration().size(),
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
		XSSFChart chart = chart(drawing, top, "Net migration per year, " + data.countriesFrom());
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
			series.setMarkerStyle(MarkerStyle.NONE);
			XDDFShapeProperties shape = new XDDFShapeProperties();
			XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(colour(i)));
			line.setWidth(2.0);
			shape.setLineProperties(line);
			series.setShapeProperties(shape);
		}
		chart.plot(lines);
	}

	private void groupChart(XSSFDrawing drawing, int top, ChartData data, String title, int firstColumn,
			List<List<Long>> values) {
		TablePlace place = this.places.get(ChartData.GROUPS_TABLE);
		XSSFChart chart = chart(drawing, top, title);
		XDDFCategoryAxis groups = chart.createCategoryAxis(AxisPosition.BOTTOM);
		groups.setTitle("Membership status or job-file list at the period's end");
		groups.setTickLabelPosition(AxisTickLabelPosition.LOW);
		XDDFValueAxis persons = valueAxis(chart, "Persons");
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
			bar.setTitle(data.periods().get(p), place.header(firstColumn + p));
			XDDFShapeProperties shape = new XDDFShapeProperties();
			shape.setFillProperties(new XDDFSolidFillProperties(colour(p)));
			bar.setShapeProperties(shape);
		}
		chart.plot(bars);
	}

	private XSSFChart chart(XSSFDrawing drawing, int top, String title) {
		XSSFChart chart = drawing
			.createChart(drawing.createAnchor(0, 0, 0, 0, 0, top, CHART_COLUMNS, top + CHART_ROWS));
		chart.setTitleText(title);
		chart.setTitleOverlay(false);
		chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
		chart.displayBlanksAs(DisplayBlanks.GAP);
		chart.setPlotOnlyVisibleCells(false);
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
