package jp.renkei.apps.er;

import java.util.List;
import java.util.Locale;

/**
 * A small trend line of repeated lab values as inline SVG, drawn on the server (no JavaScript, a
 * few hundred bytes). Built from numbers only, so it is safe to insert unescaped.
 */
final class TrendChart {

	static final int WIDTH = 120;
	static final int HEIGHT = 32;
	private static final int PAD = 3;

	private TrendChart() {}

	/** The chart of {@code values} (oldest first), or empty when there are fewer than two. */
	static String svg(List<Double> values) {
		if (values.size() < 2) {
			return "";
		}
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double span = max - min == 0 ? 1 : max - min;
		StringBuilder points = new StringBuilder();
		double x = 0;
		double y = 0;
		for (int i = 0; i < values.size(); i++) {
			x = PAD + (WIDTH - 2.0 * PAD) * i / (values.size() - 1);
			y = max - min == 0 ? HEIGHT / 2.0 : PAD + (HEIGHT - 2.0 * PAD) * (max - values.get(i)) / span;
			points.append(i == 0 ? "" : " ").append(format(x)).append(',').append(format(y));
		}
		return "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
				+ "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" aria-hidden=\"true\" focusable=\"false\">"
				+ "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"" + points + "\"/>"
				+ "<circle cx=\"" + format(x) + "\" cy=\"" + format(y) + "\" r=\"2.5\" fill=\"currentColor\"/></svg>";
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
