/** Events published by sap-adapter on {@code sap.hr.events} and {@code sap.finance.events}. */
package uk.gov.hertfordshire.platform.events.sap;
