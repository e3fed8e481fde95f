package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.FieldProblem;
import dev.proximity.system.ForbiddenException;
import dev.proximity.system.IdGenerator;
import dev.proximity.system.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Owners' writes and everyone's reads of single businesses; the outermost transaction is here. */
@Service
public class BusinessService {

    private final BusinessRepository businesses;
    private final ChangeLog changeLog;
    private final IdempotencyStore idempotency;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    BusinessService(BusinessRepository businesses, ChangeLog changeLog, IdempotencyStore idempotency,
            IdGenerator ids, ApplicationEventPublisher events, TransactionTemplate transaction, ObjectMapper json) {
        this.businesses = businesses;
        this.changeLog = changeLog;
        this.idempotency = idempotency;
        this.ids = ids;
        this.events = events;
        this.transaction = transaction;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public BusinessResponse get(long id) {
        return businesses.findById(id).map(BusinessResponse::of)
                .orElseThrow(() -> BusinessNotFoundException.forId(id));
    }

    CreatedBusiness create(AuthenticatedOwner owner, BusinessRequest request, String idempotencyKey) {
        checkHours(request);
        if (idempotencyKey == null) {
            return new CreatedBusiness(transaction.execute(status -> {
                BusinessResponse response = insert(owner, request);
                logged(Long.parseLong(response.id()), BusinessChanged.Type.CREATED);
                return response;
            }), false);
        }
        IdempotencyStore.Claim claim = idempotency.claim(owner.id(), idempotencyKey, fingerprint(request));
        if (claim instanceof IdempotencyStore.Replay replay) {
            return new CreatedBusiness(read(replay.body()), true);
        }
        if (claim instanceof IdempotencyStore.OtherRequest) {
            throw IdempotencyKeyException.reusedWithOtherBody();
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw IdempotencyKeyException.stillInProgress();
        }
        return createOnce(owner, request, idempotencyKey);
    }

    private CreatedBusiness createOnce(AuthenticatedOwner owner, BusinessRequest request, String key) {
        try {
            BusinessResponse created = transaction.execute(status -> {
                BusinessResponse response = insert(owner, request);
                idempotency.complete(owner.id(), key, 201, Long.parseLong(response.id()), write(response));
                logged(Long.parseLong(response.id()), BusinessChanged.Type.CREATED);
                return response;
            });
            return new CreatedBusiness(created, false);
        } catch (RuntimeException e) {
            try {
                idempotency.release(owner.id(), key);
            } catch (RuntimeException releaseFailed) {
                // e.g. the primary went down: the claim stays until it counts as abandoned, and a retry
                // with the same key gets 409 until then, never a duplicate; the client sees the first failure
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
    }

    private BusinessResponse insert(AuthenticatedOwner owner, BusinessRequest request) {
        return BusinessResponse.of(businesses.saveAndFlush(new Business(ids.nextId(), owner.id(), request, now())));
    }

    /** The write's change log entry, last before the commit (see {@link ChangeLog}), and its event. */
    private void logged(long id, BusinessChanged.Type type) {
        events.publishEvent(new BusinessChanged(id, type, changeLog.appendBusiness(id)));
    }

    @Transactional
    BusinessResponse replace(AuthenticatedOwner owner, long id, BusinessRequest request, IfMatch ifMatch) {
        checkHours(request);
        Business business = loadForWrite(owner, id, ifMatch);
        business.apply(request, now());
        try {
            businesses.saveAndFlush(business);
        } catch (ObjectOptimisticLockingFailureException concurrentWrite) {
            if (ifMatch != null) {
                throw PreconditionFailedException.staleVersion(get(id).version());
            }
            throw concurrentWrite;
        }
        logged(id, BusinessChanged.Type.UPDATED);
        return BusinessResponse.of(business);
    }

    @Transactional
    void delete(AuthenticatedOwner owner, long id, IfMatch ifMatch) {
        Business business = loadForWrite(owner, id, ifMatch);
        businesses.delete(business);
        businesses.flush();
        logged(id, BusinessChanged.Type.DELETED);
    }

    @Transactional(readOnly = true)
    OwnerBusinessesPage listOwned(long ownerId, int limit, long beforeId) {
        List<Business> page = businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(ownerId, beforeId,
                Limit.of(limit + 1));
        boolean more = page.size() > limit;
        List<BusinessResponse> shown = page.stream().limit(limit).map(BusinessResponse::of).toList();
        String next = more ? OwnerPageToken.after(Long.parseLong(shown.get(shown.size() - 1).id())) : null;
        return new OwnerBusinessesPage(shown, next);
    }

    private Business loadForWrite(AuthenticatedOwner owner, long id, IfMatch ifMatch) {
        Business business = businesses.findById(id).orElseThrow(() -> BusinessNotFoundException.forId(id));
        if (!owner.mayManage(business.ownerId())) {
            throw ForbiddenException.notYourBusiness();
        }
        if (ifMatch != null && !ifMatch.matches(business.version())) {
            throw PreconditionFailedException.staleVersion(business.version());
        }
        return business;
    }

    private static void checkHours(BusinessRequest request) {
        List<FieldProblem> problems = request.hoursProblems();
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalidFields(problems);
        }
    }

    /** Postgres keeps microseconds: truncate so a response never shows more than a later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String fingerprint(BusinessRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BusinessResponse read(String body) {
        try {
            return json.readValue(body, BusinessResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
