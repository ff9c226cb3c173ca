package io.pillar.response;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A finding, asset or principal an incident is about. */
@Entity
@Table(name = "incident_link")
@IdClass(IncidentLink.Key.class)
public class IncidentLink extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    /** {@code finding}, {@code asset} or {@code principal}. */
    @Id
    public String kind;
    @Id
    public String ref;

    public static IncidentLink of(UUID incident, String kind, String ref) {
        IncidentLink l = new IncidentLink();
        l.incidentId = incident;
        l.kind = kind;
        l.ref = ref;
        return l;
    }

    public static class Key implements Serializable {
        public UUID incidentId;
        public String kind;
        public String ref;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.incidentId, incidentId) && Objects.equals(k.kind, kind)
                    && Objects.equals(k.ref, ref);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, kind, ref);
        }
    }
}
