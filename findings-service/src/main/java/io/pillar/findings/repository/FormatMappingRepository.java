package io.pillar.findings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.findings.FormatMapping;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class FormatMappingRepository implements PanacheRepositoryBase<FormatMapping, String> {

    public List<FormatMapping> byFormat() {
        return list("order by format");
    }

    /** Changes whenever a mapping is uploaded, replaced or deleted: the formats and their versions. */
    public String signature() {
        return String.join(",", getEntityManager()
                .createQuery(
                        "select m.format || ':' || m.version || ':' || cast(m.uploadedAt as string) from FormatMapping m order by m.format",
                        String.class)
                .getResultList());
    }
}
