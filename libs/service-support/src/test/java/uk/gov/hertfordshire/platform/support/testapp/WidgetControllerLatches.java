package uk.gov.hertfordshire.platform.support.testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets a test hold a "slow" widget request in flight and release it. */
public final class WidgetControllerLatches {

    private WidgetControllerLatches() {}

    public static void holdSlowRequests() {
        TestServiceApplication.WidgetController.slowRequestArrived = new CountDownLatch(1);
        TestServiceApplication.WidgetController.slowRequestRelease = new CountDownLatch(1);
    }

    /** Waits for one more held request, still holding the one already in. */
    public static void expectAnotherSlowRequest() {
        TestServiceApplication.WidgetController.slowRequestArrived = new CountDownLatch(1);
    }

    public static boolean awaitSlowRequest() throws InterruptedException {
        return TestServiceApplication.WidgetController.slowRequestArrived.await(
                30, TimeUnit.SECONDS);
    }

    public static void releaseSlowRequests() {
        TestServiceApplication.WidgetController.slowRequestRelease.countDown();
    }
}
