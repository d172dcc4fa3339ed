package uk.gov.hertfordshire.platform.events.sap;

import java.util.regex.Pattern;

/** The shapes of SAP's finance keys, as SAP's own field lengths allow them. */
public final class SapCodes {

    /** Company code (BUKRS): up to four letters or digits. */
    public static final Pattern COMPANY_CODE = Pattern.compile("[A-Z0-9]{1,4}");

    /** Cost centre (KOSTL): up to ten letters or digits. */
    public static final Pattern COST_CENTRE = Pattern.compile("[A-Z0-9]{1,10}");

    /** General ledger account (SAKNR): up to ten digits. */
    public static final Pattern GL_ACCOUNT = Pattern.compile("[0-9]{1,10}");

    /** An accounting period, {@code YYYY-MM}. */
    public static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private SapCodes() {}
}
