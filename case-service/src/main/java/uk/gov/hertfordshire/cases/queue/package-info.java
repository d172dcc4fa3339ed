/** Lists of cases: staff work queues (filter, sort, page, overdue) and a citizen's own cases. */
package uk.gov.hertfordshire.cases.queue;
