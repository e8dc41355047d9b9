package jp.renkei.server.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * Dates of the demo region, all counted back from one fixed anchor day so that every run produces
 * the same data whatever the machine's clock says. Times are Japan Standard Time.
 */
record DemoCalendar(LocalDate anchor) {

	/** The day the demo region "is": the latest records are from just before it. */
	static final DemoCalendar DEFAULT = new DemoCalendar(LocalDate.of(2026, 11, 1));

	private static final ZoneOffset JST = ZoneOffset.ofHours(9);
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	LocalDate day(int daysBeforeAnchor) {
		return anchor.minusDays(daysBeforeAnchor);
	}

	DateType date(LocalDate day) {
		return new DateType(day.toString());
	}

	/** A dateTime with day precision, e.g. {@code 2026-10-01}. */
	DateTimeType dayOf(LocalDate day) {
		return new DateTimeType(day.toString());
	}

	DateTimeType dateTime(LocalDate day, int minuteOfDay) {
		return new DateTimeType(text(day, minuteOfDay));
	}

	InstantType instant(LocalDate day, int minuteOfDay) {
		return new InstantType(text(day, minuteOfDay));
	}

	/** Date and time as FHIR writes it, e.g. {@code 2026-10-01T09:30:00+09:00}. */
	String text(LocalDate day, int minuteOfDay) {
		LocalDateTime time = day.atStartOfDay().plusMinutes(minuteOfDay);
		return time.atOffset(JST).format(DATE_TIME);
	}
}
