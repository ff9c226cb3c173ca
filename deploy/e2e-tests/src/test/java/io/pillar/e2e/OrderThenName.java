package io.pillar.e2e;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Classes by their {@link Order} (FirstRunIT last), the rest by name: the same order on every machine, where the
 * order the classes are found in is the file system's.
 */
public class OrderThenName implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor d) -> d.findAnnotation(Order.class).map(Order::value)
                        .orElse(Order.DEFAULT))
                .thenComparing(d -> d.getTestClass().getName()));
    }
}
