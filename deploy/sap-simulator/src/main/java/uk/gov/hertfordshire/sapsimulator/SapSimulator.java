package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local platform's SAP on one port: S/4HANA finance, SuccessFactors HR, and the simulator's
 * admin API. Start it with {@code java -jar sap-simulator-exec.jar [--port 8090] [--staff 7000]},
 * or in-process with {@link #start}.
 */
public final class SapSimulator implements AutoCloseable {

    /** The local communication user; published demo values, the simulator listens on loopback. */
    public static final String DEFAULT_USER = "HERTS_PLATFORM";

    public static final String DEFAULT_PASSWORD = "local-sap-secret";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final GeneralLedger ledger = new GeneralLedger();
    private final PurchaseOrders purchaseOrders = new PurchaseOrders();
    private final Organisation organisation;
    private final JournalEntryService journalEntries;

    private SapSimulator(HttpServer server, SimulatorSettings settings, int staff, Clock clock) {
        this.server = server;
        this.organisation = Organisation.county(staff, clock);
        this.journalEntries =
                new JournalEntryService(settings, ledger, organisation, faults, clock);
        this.executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext(JournalEntryService.PATH, journalEntries);
        server.createContext(
                JournalEntryItemApi.PATH, new JournalEntryItemApi(settings, ledger, faults));
        server.createContext(
                PurchaseOrderApi.PATH, new PurchaseOrderApi(settings, purchaseOrders, faults));
        server.createContext(
                EmployeeCentral.PATH, new EmployeeCentral(settings, organisation, faults));
        server.createContext(AdminApi.PATH, new AdminApi(this));
        server.createContext(
                "/actuator/health", exchange -> Http.json(exchange, 200, Map.of("status", "UP")));
        // Scraped like every other component of the local platform (Prometheus text format).
        server.createContext(
                "/actuator/prometheus",
                exchange ->
                        Http.send(
                                exchange,
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                "# HELP sap_simulator_documents Documents the simulated SAP holds,"
                                        + " by kind.\n"
                                        + "# TYPE sap_simulator_documents gauge\n"
                                        + "sap_simulator_documents{kind=\"journal_entry\"} "
                                        + ledger.documents().size()
                                        + "\nsap_simulator_documents{kind=\"purchase_order\"} "
                                        + purchaseOrders.all().size()
                                        + "\n"));
    }

    /** Starts a simulator on loopback; port 0 picks a free one. */
    public static SapSimulator start(int port, int staff, SimulatorSettings settings)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        SapSimulator simulator = new SapSimulator(server, settings, staff, Clock.systemUTC());
        server.start();
        return simulator;
    }

    public static void main(String[] args) throws IOException {
        // ./platform passes the port as SERVER_PORT, as it does to every service.
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8090"));
        int staff = 7000;
        for (int i = 0; i + 1 < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--staff" -> staff = Integer.parseInt(args[i + 1]);
                default -> {} // options meant for the Spring services (a profile) do not apply
            }
        }
        String user = System.getenv().getOrDefault("SAP_SIMULATOR_USER", DEFAULT_USER);
        String password = System.getenv().getOrDefault("SAP_SIMULATOR_PASSWORD", DEFAULT_PASSWORD);
        SapSimulator simulator = start(port, staff, SimulatorSettings.county(user, password));
        System.getLogger(SapSimulator.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "SAP simulator on {0} with {1} staff",
                        simulator.baseUrl(),
                        simulator.organisation().size());
    }

    /** The address SAP's services are at, e.g. {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public GeneralLedger ledger() {
        return ledger;
    }

    /** The purchase orders (commitments) made through {@code API_PURCHASEORDER_PROCESS_SRV}. */
    public PurchaseOrders purchaseOrders() {
        return purchaseOrders;
    }

    public Organisation organisation() {
        return organisation;
    }

    JournalEntryService journalEntries() {
        return journalEntries;
    }

    /** Closes a posting period ({@code YYYY-MM}). */
    public void closePeriod(String period) {
        journalEntries.closePeriod(period);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
