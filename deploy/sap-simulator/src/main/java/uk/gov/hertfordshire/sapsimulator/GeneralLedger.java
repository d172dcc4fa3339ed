package uk.gov.hertfordshire.sapsimulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The simulator's journal: every document posted, with its items, as SAP's universal journal holds
 * them. Document numbers run per company code and fiscal year from 0100000000, as a standard SA
 * number range does.
 */
public final class GeneralLedger {

    /** One line of a journal entry, with the fields A_JournalEntryItemBasic shows. */
    public record Item(
            String companyCode,
            String fiscalYear,
            String accountingDocument,
            String ledgerGlLineItem,
            String accountingDocumentType,
            LocalDate postingDate,
            LocalDate documentDate,
            String glAccount,
            String costCenter,
            BigDecimal amount,
            String currency,
            String debitCreditCode,
            String documentItemText,
            String documentReferenceId,
            String headerText) {}

    /** A posted document: its key and its items. */
    public record Document(
            String companyCode, String fiscalYear, String accountingDocument, List<Item> items) {}

    private final List<Document> documents = new ArrayList<>();
    private long next = 100_000_000L;

    /** Posts a document made of these items (their document number is given here). */
    public synchronized Document post(List<Item> lines) {
        String number = String.format("%010d", next++);
        List<Item> items = new ArrayList<>();
        int line = 1;
        for (Item item : lines) {
            items.add(
                    new Item(
                            item.companyCode(),
                            item.fiscalYear(),
                            number,
                            String.format("%06d", line++),
                            item.accountingDocumentType(),
                            item.postingDate(),
                            item.documentDate(),
                            item.glAccount(),
                            item.costCenter(),
                            item.amount(),
                            item.currency(),
                            item.debitCreditCode(),
                            item.documentItemText(),
                            item.documentReferenceId(),
                            item.headerText()));
        }
        Document document =
                new Document(items.get(0).companyCode(), items.get(0).fiscalYear(), number, items);
        documents.add(document);
        return document;
    }

    /** Every item matching, in document order. */
    public synchronized List<Item> items(Predicate<Item> filter) {
        return documents.stream()
                .flatMap(document -> document.items().stream())
                .filter(filter)
                .toList();
    }

    /** Every document, in the order posted. */
    public synchronized List<Document> documents() {
        return List.copyOf(documents);
    }

    /** The documents whose items carry this text (the platform's reference). */
    public synchronized List<Document> withItemText(String text) {
        return documents.stream()
                .filter(d -> d.items().stream().anyMatch(i -> text.equals(i.documentItemText())))
                .toList();
    }

    /** Removes a document, as if it had never been posted (to plant a missing posting). */
    public synchronized boolean remove(String accountingDocument) {
        return documents.removeIf(d -> d.accountingDocument().equals(accountingDocument));
    }

    /** Posts a second copy of a document under a new number (to plant a duplicate). */
    public synchronized Optional<Document> duplicate(String accountingDocument) {
        return documents.stream()
                .filter(d -> d.accountingDocument().equals(accountingDocument))
                .findFirst()
                .map(d -> post(d.items()));
    }
}
