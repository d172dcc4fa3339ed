package uk.gov.hertfordshire.sapsimulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's purchase orders: the commitments {@code API_PURCHASEORDER_PROCESS_SRV} made. */
public final class PurchaseOrders {

    private final List<Order> orders = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong(4500000001L);

    /**
     * A purchase order with its one account-assigned item, as the simulator stores it.
     *
     * @param purchaseOrder SAP's number (EBELN, 10 digits)
     * @param companyCode the company code
     * @param supplier the supplier (LIFNR)
     * @param currency the document currency
     * @param purchaseOrderDate the purchase order's date (BEDAT)
     * @param validityStart the start of the validity period (KDATB)
     * @param validityEnd the end of the validity period (KDATE)
     * @param itemText the item's short text (TXZ01, 40 characters)
     * @param orderQuantity the quantity ordered
     * @param netPriceAmount the net price per unit
     * @param glAccount the item's account assignment: G/L account
     * @param costCenter the item's account assignment: cost centre
     */
    public record Order(
            String purchaseOrder,
            String companyCode,
            String supplier,
            String currency,
            LocalDate purchaseOrderDate,
            LocalDate validityStart,
            LocalDate validityEnd,
            String itemText,
            BigDecimal orderQuantity,
            BigDecimal netPriceAmount,
            String glAccount,
            String costCenter) {}

    Order create(
            String companyCode,
            String supplier,
            String currency,
            LocalDate purchaseOrderDate,
            LocalDate validityStart,
            LocalDate validityEnd,
            String itemText,
            BigDecimal orderQuantity,
            BigDecimal netPriceAmount,
            String glAccount,
            String costCenter) {
        Order order =
                new Order(
                        Long.toString(next.getAndIncrement()),
                        companyCode,
                        supplier,
                        currency,
                        purchaseOrderDate,
                        validityStart,
                        validityEnd,
                        itemText,
                        orderQuantity,
                        netPriceAmount,
                        glAccount,
                        costCenter);
        orders.add(order);
        return order;
    }

    /** Every purchase order, oldest first. */
    public List<Order> all() {
        return List.copyOf(orders);
    }

    /** Deletes a purchase order, to plant a missing commitment; false if there is none. */
    public boolean remove(String purchaseOrder) {
        return orders.removeIf(o -> o.purchaseOrder().equals(purchaseOrder));
    }

    /** Copies a purchase order under a new number, to plant a duplicated commitment. */
    public Optional<Order> duplicate(String purchaseOrder) {
        return orders.stream()
                .filter(o -> o.purchaseOrder().equals(purchaseOrder))
                .findFirst()
                .map(
                        o ->
                                create(
                                        o.companyCode(),
                                        o.supplier(),
                                        o.currency(),
                                        o.purchaseOrderDate(),
                                        o.validityStart(),
                                        o.validityEnd(),
                                        o.itemText(),
                                        o.orderQuantity(),
                                        o.netPriceAmount(),
                                        o.glAccount(),
                                        o.costCenter()));
    }

    /** The purchase orders whose item carries this text (the platform's reference). */
    public List<Order> withItemText(String text) {
        return orders.stream().filter(o -> o.itemText().equals(text)).toList();
    }
}
