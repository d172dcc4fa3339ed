package uk.gov.hertfordshire.cases.queue;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.servicecase.CaseLists;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code GET /api/cases}: the staff work queue (filter by status, service, team, assignee, channel,
 * overdue; sort; page). {@code GET /api/cases/mine}: the cases a citizen reported or follows.
 */
@RestController
@RequestMapping("/api/cases")
class QueueController {

    private final CaseLists queues;

    QueueController(CaseLists queues) {
        this.queues = queues;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENT', 'OFFICER', 'ADMIN')")
    CaseLists.Page queue(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String serviceCode,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return queues.staffQueue(
                QueueQuery.parse(
                        status, serviceCode, team, assignee, channel, overdue, sort, page, size));
    }

    @GetMapping("/mine")
    @PreAuthorize("hasRole('CITIZEN')")
    List<CaseLists.CaseSummary> mine(Caller caller) {
        return queues.followedBy(caller.id()).stream()
                .map(CaseLists.CaseSummary::withoutAssignee)
                .toList();
    }
}
