package io.pillar.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aDeadLetterKeepsTheRecordAndSaysWhyAndWhereFrom() {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>("pillar.findings.raw", 2, 41L, "k",
                "{not json".getBytes(StandardCharsets.UTF_8));
        r.headers().add("pillar-format", "asff".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> letter = DeadLetters.of(r, "not JSON at line 1, column 2");
        assertEquals("pillar.findings.raw.dlq", letter.topic());
        assertEquals("k", letter.key());
        assertArrayEquals(r.value(), letter.value());
        assertEquals("asff", text(letter, "pillar-format"));
        assertEquals("not JSON at line 1, column 2", text(letter, DeadLetters.REASON));
        assertEquals("pillar.findings.raw", text(letter, DeadLetters.TOPIC));
        assertEquals("2", text(letter, DeadLetters.PARTITION));
        assertEquals("41", text(letter, DeadLetters.OFFSET));
    }

    private static String text(ProducerRecord<?, ?> r, String header) {
        return new String(r.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
