package io.pillar.identity.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.Principal;
import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.checks.AccountModel;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.mapping.AccessViews.AssumableRole;
import io.pillar.identity.mapping.AccessViews.ChangeView;
import io.pillar.identity.mapping.AccessViews.CredentialActionView;
import io.pillar.identity.mapping.AccessViews.Holder;
import io.pillar.identity.mapping.AccessViews.OpenViolation;
import io.pillar.identity.mapping.AccessViews.PrincipalDetail;
import io.pillar.identity.mapping.AccessViews.StatementView;
import io.pillar.identity.mapping.AccessViews.WhoCan;
import io.pillar.identity.mapping.IdentityImportView;
import io.pillar.identity.mapping.PrincipalMapper;
import io.pillar.identity.policy.Decision;
import io.pillar.identity.repository.CredentialActionRepository;
import io.pillar.identity.repository.IdentityAccountRepository;
import io.pillar.identity.repository.IdentityImportRepository;
import io.pillar.identity.repository.PrincipalChangeRepository;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.identity.repository.ViolationRepository;
import io.pillar.platform.json.Json;
import io.pillar.platform.security.Caller;

/** What an auditor asks: one principal's effective permissions, who can do an action, what an import did. */
@ApplicationScoped
public class AccessQueries {
    @Inject
    PrincipalRepository principals;
    @Inject
    PrincipalChangeRepository changes;
    @Inject
    CredentialActionRepository credentialActions;
    @Inject
    ViolationRepository violations;
    @Inject
    IdentityAccountRepository accounts;
    @Inject
    IdentityImportRepository imports;
    @Inject
    AccountPictures pictures;
    @Inject
    IdentityChecks checks;

    @Transactional
    public IdentityImportView importOf(UUID id, Caller caller) {
        IdentityImport job = imports.findById(id);
        if (job == null || !caller.reads(job.team)) {
            throw new NotFoundException("no import " + id);
        }
        return IdentityImportView.of(job);
    }

    @Transactional
    public PrincipalDetail principal(UUID id, Caller caller) {
        Principal row = principals.findById(id);
        if (row == null || !caller.reads(row.team)) {
            throw new NotFoundException("no principal " + id);
        }
        List<OpenViolation> open = violations.findOpenByResource(row.account, row.externalId).stream()
                .map(v -> new OpenViolation(v.checkId, v.resource, v.severity, v.detail, v.openedAt)).toList();
        List<ChangeView> history = changes.findByPrincipal(row.id, 50).stream()
                .map(c -> new ChangeView(c.change, c.importId.toString(), c.changedAt)).toList();
        List<CredentialActionView> acted = credentialActions.findByPrincipal(row.id, 50).stream()
                .map(a -> new CredentialActionView(a.id.toString(), a.credentialId, a.action, a.status, a.actor,
                        a.reason, a.incidentId, a.detail, a.createdAt))
                .toList();
        if (!"aws".equals(row.source)) {
            // a Keycloak user: its roles in effect are in its picture; no IAM policy applies
            return new PrincipalDetail(PrincipalMapper.toView(row), readTree(row.document), List.of(), false,
                    List.of(), false, List.of(), open, history, acted);
        }
        AwsPrincipal p = AccountPictures.read(row.document);
        AccountModel model = checks.model(pictures.load(row.account));
        var perms = model.permissions(p.arn());
        List<StatementView> statements = perms == null
                ? List.of()
                : perms.grants().stream().map(StatementView::of).toList();
        List<AssumableRole> roles = AwsPrincipal.USER.equals(p.kind()) || AwsPrincipal.ROLE.equals(p.kind())
                ? model.assumableBy(p).stream().map(a -> new AssumableRole(a.role().arn(), a.conditional())).toList()
                : List.of();
        return new PrincipalDetail(PrincipalMapper.toView(row), Json.MAPPER.valueToTree(
                Json.SNAKE_CASE.valueToTree(p)), statements, perms != null && perms.hasBoundary(),
                model.unknownPolicies(p.arn()), row.removedAt == null && model.isAdmin(p.arn()), roles, open,
                history, acted);
    }

    /** Users and roles that may perform the action (on the resource, or on some resource), in every visible account. */
    @Transactional
    public WhoCan whoCan(String action, String resource, String account, Caller caller) {
        if (action == null || !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("action must be one IAM action, service:Action (no wildcard), was "
                    + action);
        }
        List<Holder> out = new ArrayList<>();
        for (IdentityAccount a : accounts.listAll()) {
            if (!"aws".equals(a.kind) || !caller.reads(a.team) || (account != null && !account.equals(a.id))) {
                continue;
            }
            AwsAccount picture = pictures.load(a.id);
            AccountModel model = checks.model(picture);
            Map<String, UUID> ids = principals.findActiveByAccount(a.id).stream()
                    .collect(Collectors.toMap(p -> p.externalId, p -> p.id, (x, y) -> x));
            for (AwsPrincipal p : model.actors()) {
                Decision d = model.permissions(p.arn()).decide(action, resource);
                if (d.permits()) {
                    out.add(holder(ids, p, a.id, d, null));
                    continue;
                }
                for (AccountModel.Assumption role : model.assumableBy(p)) {
                    Decision viaRole = model.permissions(role.role().arn()).decide(action, resource);
                    if (viaRole.permits()) {
                        out.add(holder(ids, p, a.id, viaRole, role.role().arn()));
                        break;
                    }
                }
            }
        }
        return new WhoCan(action, resource, out);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored principal is not JSON", e);
        }
    }

    private static Holder holder(Map<String, UUID> ids, AwsPrincipal p, String account, Decision d, String role) {
        UUID id = ids.get(p.arn());
        return new Holder(id == null ? null : id.toString(), p.arn(), p.kind(), account,
                d.outcome().name().toLowerCase(Locale.ROOT),
                d.allowedBy().stream().map(g -> g.source().describe()).distinct().toList(), role);
    }
}
