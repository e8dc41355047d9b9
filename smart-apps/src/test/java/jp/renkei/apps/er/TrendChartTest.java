package jp.renkei.apps.er;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendChartTest {

	@Test
	void drawsOnePointPerValueHighestAtTheTop() {
		String svg = TrendChart.svg(List.of(8.0, 6.0, 4.0));

		assertThat(svg).startsWith("<svg class=\"trend\"").endsWith("</svg>")
				.contains("points=\"3.0,3.0 60.0,16.0 117.0,29.0\"")
				// The last (latest) value is marked.
				.contains("<circle cx=\"117.0\" cy=\"29.0\"");
		assertThat(svg.length()).isLessThan(400);
	}

	@Test
	void equalValuesMakeAFlatLine() {
		assertThat(TrendChart.svg(List.of(5.0, 5.0))).contains("points=\"3.0,16.0 117.0,16.0\"");
	}

	@Test
	void oneValueMakesNoChart() {
		assertThat(TrendChart.svg(List.of(5.0))).isEmpty();
		assertThat(TrendChart.svg(List.of())).isEmpty();
	}
}
