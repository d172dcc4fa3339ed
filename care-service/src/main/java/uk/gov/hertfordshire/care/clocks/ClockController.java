package uk.gov.hertfordshire.care.clocks;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/care/clocks}: every running clock, most urgent first, for care managers. */
@RestController
class ClockController {

    private final StatutoryClocks clocks;

    ClockController(StatutoryClocks clocks) {
        this.clocks = clocks;
    }

    @GetMapping("/api/care/clocks")
    @PreAuthorize("hasAnyRole('CARE_MANAGER', 'ADMIN')")
    List<StatutoryClocks.RunningClock> running() {
        return clocks.running();
    }
}
