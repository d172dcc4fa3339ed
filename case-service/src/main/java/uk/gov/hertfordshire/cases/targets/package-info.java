/**
 * Response targets in working time: Monday to Friday, 09:00 to 17:00 in Europe/London, skipping
 * bank holidays in England and Wales (a data file the council updates). A target is a number of
 * working hours or working days; summer-time changes are handled by working in local time.
 */
package uk.gov.hertfordshire.cases.targets;
