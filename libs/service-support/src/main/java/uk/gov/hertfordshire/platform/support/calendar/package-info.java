/**
 * Working time shared by every service that runs clocks against it (case-service's response
 * targets, care-service's statutory clocks): Monday to Friday, 09:00 to 17:00 in Europe/London,
 * skipping bank holidays in England and Wales from {@code
 * calendar/bank-holidays-england-and-wales.txt} (a data file the council updates). Summer-time
 * changes are handled by counting in local time. {@link
 * uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar#coveredUntil()} says how far the
 * bank-holiday data reaches, so a service can say so rather than guess beyond it.
 */
package uk.gov.hertfordshire.platform.support.calendar;
