package uk.gov.hertfordshire.sapsimulator;

import java.util.Set;

/**
 * The simulator's logon and its finance master data.
 *
 * @param user the communication user SAP's services accept (basic authentication)
 * @param password its password
 * @param companyCodes the company codes that exist
 * @param glAccounts the general ledger accounts that exist (the chart of accounts)
 */
public record SimulatorSettings(
        String user, String password, Set<String> companyCodes, Set<String> glAccounts) {

    /** The council's company code, with its fees income and payment clearing accounts. */
    public static SimulatorSettings county(String user, String password) {
        return new SimulatorSettings(
                user,
                password,
                Set.of("HCC1"),
                Set.of("11001000", "11002000", "41001000", "41002000", "41003000", "52001000"));
    }
}
