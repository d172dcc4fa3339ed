/** Events published by case-service on {@code cases.events}. */
package uk.gov.hertfordshire.platform.events.cases;
