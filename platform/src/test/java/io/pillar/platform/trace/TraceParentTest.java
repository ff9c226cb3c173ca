package io.pillar.platform.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void traceParentsAreCheckedAndMadeAsW3CSays() {
        assertTrue(TraceParent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
        assertFalse(TraceParent.valid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.valid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
        assertFalse(TraceParent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nx: y"));
        assertFalse(TraceParent.valid(null));
        assertTrue(TraceParent.valid(TraceParent.newParent()));
    }

    @Test
    void outsideARequestThereIsNone() {
        assertNull(TraceParent.current());
    }
}
