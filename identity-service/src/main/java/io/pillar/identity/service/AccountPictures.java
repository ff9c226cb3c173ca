package io.pillar.identity.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.pillar.identity.IamPolicyRow;
import io.pillar.identity.IdentityAccount;
import io.pillar.identity.Principal;
import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.ExternalAccess;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.repository.IamPolicyRepository;
import io.pillar.identity.repository.IdentityAccountRepository;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.platform.json.Json;

/** An account's stored picture (principals and managed policies) read back as the model the checks analyse. */
@ApplicationScoped
public class AccountPictures {
    @Inject
    PrincipalRepository principals;
    @Inject
    IamPolicyRepository policies;
    @Inject
    IdentityAccountRepository accounts;

    public AwsAccount load(String account) {
        Map<String, AwsPrincipal> byArn = new LinkedHashMap<>();
        for (Principal p : principals.findActiveByAccount(account)) {
            AwsPrincipal a = read(p.document);
            byArn.put(a.arn(), a);
        }
        Map<String, ManagedPolicy> byPolicy = new LinkedHashMap<>();
        for (IamPolicyRow row : policies.findByAccount(account)) {
            try {
                byPolicy.put(row.arn, new ManagedPolicy(row.arn, row.name, row.awsManaged, row.version,
                        Json.MAPPER.readTree(row.document)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored policy " + row.arn + " is not JSON", e);
            }
        }
        IdentityAccount row = accounts.findById(account);
        List<ExternalAccess> external = List.of();
        if (row != null && row.externalAccess != null) {
            try {
                external = Json.SNAKE_CASE.readValue(row.externalAccess, new TypeReference<List<ExternalAccess>>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored external access of " + account + " is not readable", e);
            }
        }
        return new AwsAccount(account, byArn, byPolicy, external);
    }

    public static AwsPrincipal read(String document) {
        try {
            return Json.SNAKE_CASE.readValue(document, AwsPrincipal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored principal is not readable: " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return Json.SNAKE_CASE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two JSON texts hold the same value, whatever the order of their keys. */
    static boolean sameJson(String a, String b) {
        try {
            return Json.MAPPER.readTree(a).equals(Json.MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The principals of a list by ARN, in order. */
    static Map<String, AwsPrincipal> byArn(List<AwsPrincipal> list) {
        Map<String, AwsPrincipal> out = new LinkedHashMap<>();
        list.forEach(p -> out.put(p.arn(), p));
        return out;
    }
}
