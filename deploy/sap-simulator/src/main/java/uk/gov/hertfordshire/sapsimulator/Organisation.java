package uk.gov.hertfordshire.sapsimulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The county's organisation as SAP HR holds it: departments (teams) in directorates, and staff with
 * their team, cost centre, platform roles and status. Generated from a fixed seed, so every run has
 * the same people; the demo personas are always there with the teams and roles the local platform
 * needs.
 */
public final class Organisation {

    /**
     * A team: an Employee Central FODepartment, under its directorate's code ({@code parent}).
     *
     * @param code the department's externalCode
     * @param name its name
     * @param directorate the directorate's name
     * @param parent the directorate's code
     * @param costCenter its cost centre
     * @param active false once the team is wound up
     * @param changedAt when HR last changed it
     */
    public record Department(
            String code,
            String name,
            String directorate,
            String parent,
            String costCenter,
            boolean active,
            Instant changedAt) {}

    // The directorates' codes, the parent of each of their teams.
    private static final Map<String, String> DIRECTORATES =
            Map.of(
                    "Environment and Infrastructure", "DIR-ENV",
                    "Adult Care Services", "DIR-ADULT",
                    "Children's Services", "DIR-CHILDREN",
                    "Community Protection", "DIR-COMMUNITY",
                    "Public Health", "DIR-PUBLIC-HEALTH",
                    "Resources", "DIR-RESOURCES");

    /** A staff member: an Employee Central User. */
    public record Employee(
            String userId,
            String firstName,
            String lastName,
            String email,
            String department,
            String costCenter,
            List<String> roles,
            boolean active,
            Instant changedAt) {}

    // Directorate, team code, team name, the roles its staff hold on the platform (possibly none).
    private static final String[][] TEAMS = {
        {"Environment and Infrastructure", "HWY-INSPECT", "Highways inspection", "OFFICER"},
        {"Environment and Infrastructure", "HWY-LIGHTING", "Street lighting", "OFFICER"},
        {"Environment and Infrastructure", "HWY-DRAINAGE", "Highways drainage", "OFFICER"},
        {"Environment and Infrastructure", "HWY-VERGES", "Verges and trees", "OFFICER"},
        {"Environment and Infrastructure", "HWY-ENFORCE", "Highways enforcement", "OFFICER"},
        {"Environment and Infrastructure", "ROW", "Rights of way", "OFFICER"},
        {"Environment and Infrastructure", "WASTE", "Waste management", ""},
        {"Adult Care Services", "BLUE-BADGE", "Blue Badge team", "OFFICER"},
        {"Adult Care Services", "ADULT-SAFEGUARD", "Adult safeguarding", "PRACTITIONER"},
        {"Adult Care Services", "ADULT-MGMT", "Adult care management", "CARE_MANAGER"},
        {"Adult Care Services", "ADULT-CARE", "Adult social care", ""},
        {"Children's Services", "SCHOOL-TRANSPORT", "School transport", "OFFICER"},
        {"Children's Services", "CHILD-SAFEGUARD", "Children's safeguarding", "PRACTITIONER"},
        {"Children's Services", "SCHOOLS", "Schools and admissions", ""},
        {"Community Protection", "FIRE-RESCUE", "Fire and rescue", ""},
        {"Community Protection", "LIBRARIES", "Libraries", "OFFICER"},
        {"Community Protection", "TRADING-STANDARDS", "Trading standards", ""},
        {"Public Health", "PUBLIC-HEALTH", "Public health", ""},
        {"Resources", "CUSTOMER-SERVICE", "Customer service centre", "AGENT"},
        {"Resources", "WEB-CONTENT", "Web and digital content", "EDITOR"},
        {"Resources", "PERFORMANCE", "Performance and improvement", "ANALYST"},
        {"Resources", "ICT", "ICT service desk", ""},
        {"Resources", "FINANCE", "Finance", ""},
        {"Resources", "HR", "Human resources", ""},
    };

    // Persona staff ids, as the identity provider's demo personas carry them.
    private static final String[][] PERSONAS = {
        {"00010001", "Carol", "Agent", "CUSTOMER-SERVICE", "AGENT"},
        {"00010002", "Dan", "Officer", "HWY-INSPECT", "OFFICER"},
        {"00010003", "Erin", "Editor", "WEB-CONTENT", "EDITOR"},
        {"00010004", "Frank", "Publisher", "WEB-CONTENT", "PUBLISHER"},
        {"00010005", "Grace", "Practitioner", "ADULT-SAFEGUARD", "PRACTITIONER"},
        {"00010006", "Heidi", "Caremanager", "ADULT-MGMT", "CARE_MANAGER"},
        {"00010007", "Ivan", "Analyst", "PERFORMANCE", "ANALYST"},
        {"00010008", "Judy", "Admin", "ICT", "ADMIN"},
    };

    private static final String[] FIRST = {
        "Amelia", "Oliver", "Isla", "George", "Ava", "Harry", "Mia", "Noah", "Sophie", "Jack",
        "Grace", "Leo", "Emily", "Arthur", "Lily", "Oscar", "Freya", "Charlie", "Ella", "Thomas"
    };
    private static final String[] LAST = {
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Wood", "Clarke"
    };

    private final Clock clock;
    private final Map<String, Department> departments = new LinkedHashMap<>();
    private final Map<String, Employee> employees = new LinkedHashMap<>();

    /** The county: {@code size} staff in all (the personas among them), changed at {@code asOf}. */
    public static Organisation county(int size, Clock clock) {
        Organisation organisation = new Organisation(clock);
        Instant asOf = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int centre = 4100;
        for (String[] team : TEAMS) {
            organisation.departments.put(
                    team[1],
                    new Department(
                            team[1],
                            team[2],
                            team[0],
                            DIRECTORATES.get(team[0]),
                            "CC" + centre++,
                            true,
                            asOf));
        }
        for (String[] persona : PERSONAS) {
            organisation.put(
                    persona[0],
                    persona[1],
                    persona[2],
                    persona[3],
                    List.of(persona[4]),
                    true,
                    asOf);
        }
        Random random = new Random(2026);
        for (int i = 0; organisation.employees.size() < size; i++) {
            String[] team = TEAMS[i % TEAMS.length];
            String userId = String.format("%08d", 20_000 + i);
            boolean active = random.nextInt(50) != 0; // about one in fifty has left
            // Last changed some time in the past year, as HR records are.
            Instant changedAt = asOf.minusMillis(random.nextLong(365L * 24 * 3_600_000));
            organisation.put(
                    userId,
                    FIRST[random.nextInt(FIRST.length)],
                    LAST[random.nextInt(LAST.length)],
                    team[1],
                    team[3].isEmpty() ? List.of() : List.of(team[3]),
                    active,
                    changedAt);
        }
        return organisation;
    }

    private Organisation(Clock clock) {
        this.clock = clock;
    }

    private void put(
            String userId,
            String first,
            String last,
            String department,
            List<String> roles,
            boolean active,
            Instant changedAt) {
        String email =
                (first + "." + last + "." + userId.substring(4)).toLowerCase()
                        + "@hertfordshire.gov.uk";
        employees.put(
                userId,
                new Employee(
                        userId,
                        first,
                        last,
                        email,
                        department,
                        departments.get(department).costCenter(),
                        roles,
                        active,
                        changedAt));
    }

    /** Staff changed after {@code since} (all when null), oldest change first, then by id. */
    public synchronized List<Employee> employeesChangedAfter(Instant since) {
        return employees.values().stream()
                .filter(e -> since == null || e.changedAt().isAfter(since))
                .sorted(Comparator.comparing(Employee::changedAt).thenComparing(Employee::userId))
                .toList();
    }

    /** Departments changed after {@code since} (all when null), oldest change first. */
    public synchronized List<Department> departmentsChangedAfter(Instant since) {
        return departments.values().stream()
                .filter(d -> since == null || d.changedAt().isAfter(since))
                .sorted(Comparator.comparing(Department::changedAt).thenComparing(Department::code))
                .toList();
    }

    public synchronized Optional<Employee> employee(String userId) {
        return Optional.ofNullable(employees.get(userId));
    }

    public synchronized int size() {
        return employees.size();
    }

    /**
     * Changes a staff member as HR would: a move to another team, other roles, or leaving. Values
     * left null stay as they were. The change is stamped now.
     *
     * @throws IllegalArgumentException for an unknown staff member or department
     */
    public synchronized Employee change(
            String userId, String department, List<String> roles, Boolean active) {
        return change(userId, department, roles, active, null);
    }

    /**
     * A change whose transaction SuccessFactors commits late: stamped {@code stampedAt} (when it
     * was made), it becomes visible only now, possibly after changes stamped later have already
     * been read. A delta read from a mark past {@code stampedAt} does not see it.
     *
     * @throws IllegalArgumentException for an unknown staff member or department
     */
    public synchronized Employee changeCommittedLate(
            String userId,
            String department,
            List<String> roles,
            Boolean active,
            Instant stampedAt) {
        return change(userId, department, roles, active, stampedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    private Employee change(
            String userId,
            String department,
            List<String> roles,
            Boolean active,
            Instant stampedAt) {
        Employee current = employees.get(userId);
        if (current == null) {
            throw new IllegalArgumentException("No employee " + userId);
        }
        String newDepartment = department == null ? current.department() : department;
        Department target = departments.get(newDepartment);
        if (target == null) {
            throw new IllegalArgumentException("No department " + newDepartment);
        }
        Employee changed =
                new Employee(
                        userId,
                        current.firstName(),
                        current.lastName(),
                        current.email(),
                        newDepartment,
                        target.costCenter(),
                        roles == null ? current.roles() : List.copyOf(roles),
                        active == null ? current.active() : active,
                        stampedAt != null ? stampedAt : later(current.changedAt()));
        employees.put(userId, changed);
        return changed;
    }

    /**
     * Winds up a team or brings it back, as HR would; the change is stamped now.
     *
     * @throws IllegalArgumentException for an unknown department
     */
    public synchronized Department changeDepartment(String code, boolean active) {
        Department current = departments.get(code);
        if (current == null) {
            throw new IllegalArgumentException("No department " + code);
        }
        Department changed =
                new Department(
                        code,
                        current.name(),
                        current.directorate(),
                        current.parent(),
                        current.costCenter(),
                        active,
                        later(current.changedAt()));
        departments.put(code, changed);
        return changed;
    }

    /** Now, or just after {@code previous} if the clock has not moved on since. */
    private Instant later(Instant previous) {
        // OData v2 dates carry milliseconds: a finer stamp could not be asked for by delta.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    /** The cost centres of every department: SAP's cost centre master data. */
    public synchronized List<String> costCenters() {
        List<String> centres = new ArrayList<>();
        departments.values().forEach(d -> centres.add(d.costCenter()));
        return centres;
    }
}
