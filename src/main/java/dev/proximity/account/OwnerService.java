package dev.proximity.account;

import java.time.Clock;
import java.util.Optional;

import dev.proximity.system.IdGenerator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Registers owners and checks their credentials. */
@Service
public class OwnerService {

    private final OwnerRepository owners;
    private final PasswordEncoder passwordEncoder;
    private final PasswordHashingLimit hashingLimit;
    private final TransactionTemplate primary;
    private final IdGenerator ids;
    private final TokenService tokens;
    private final String dummyHash;
    private final Clock clock = Clock.systemUTC();

    OwnerService(OwnerRepository owners, PasswordEncoder passwordEncoder, PasswordHashingLimit hashingLimit,
            PlatformTransactionManager transactions, IdGenerator ids, TokenService tokens) {
        this.owners = owners;
        this.passwordEncoder = passwordEncoder;
        this.hashingLimit = hashingLimit;
        this.primary = new TransactionTemplate(transactions);
        this.ids = ids;
        this.tokens = tokens;
        this.dummyHash = passwordEncoder.encode("no such owner: equalises the time of a failed sign-in");
    }

    OwnerResponse register(OwnerRegistration registration) {
        if (owners.findByEmail(registration.email()).isPresent()) {
            throw EmailTakenException.create();
        }
        String hash = hashingLimit.inTurn(() -> passwordEncoder.encode(registration.password()));
        Owner owner = new Owner(ids.nextId(), registration.email(), hash, registration.name(), Role.OWNER,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        try {
            return OwnerResponse.of(owners.saveAndFlush(owner));
        } catch (DataIntegrityViolationException raceOnUniqueEmail) {
            throw EmailTakenException.create();
        }
    }

    /** Signs in for a bearer token; unknown e-mail and wrong password fail alike, in about the same time. */
    TokenResponse signIn(TokenRequest request) {
        Owner owner = checkPassword(request.email(), request.password())
                .orElseThrow(InvalidCredentialsException::create);
        return tokens.issue(owner.id(), owner.role());
    }

    /** The same password check for the owner pages' session sign-in; empty when it fails. */
    Optional<AuthenticatedOwner> authenticate(String email, String password) {
        return checkPassword(email, password).map(o -> new AuthenticatedOwner(o.id(), o.role() == Role.ADMIN));
    }

    /**
     * In a hashing turn (taken before the transaction, so waiting holds no connection), then in a transaction on
     * the primary: a just-registered owner is found, and a hash with older settings is replaced by a new one.
     */
    private Optional<Owner> checkPassword(String email, String password) {
        return hashingLimit.inTurn(() -> primary.execute(status -> checkPasswordInTurn(email, password)));
    }

    private Optional<Owner> checkPasswordInTurn(String email, String password) {
        Optional<Owner> found = owners.findByEmail(email);
        String hash = found.map(Owner::passwordHash).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(password, hash);
        if (found.isEmpty() || !matches) {
            return Optional.empty();
        }
        Owner owner = found.get();
        if (passwordEncoder.upgradeEncoding(owner.passwordHash())) {
            owner.changePasswordHash(passwordEncoder.encode(password));
        }
        return found;
    }

    @Transactional(readOnly = true)
    Optional<OwnerResponse> find(long ownerId) {
        return owners.findById(ownerId).map(OwnerResponse::of);
    }

    /**
     * The id of an owner that holds data the system creates (demo businesses), made on first use. Its password
     * is random and never shown, so nobody can sign in as it.
     */
    @Transactional
    public long systemOwner(String email, String name) {
        return owners.findByEmail(email).map(Owner::id).orElseGet(() -> {
            String unusable = hashingLimit.inTurn(
                    () -> passwordEncoder.encode(java.util.UUID.randomUUID() + "-" + System.nanoTime()));
            return owners.saveAndFlush(new Owner(ids.nextId(), email, unusable, name, Role.OWNER,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS))).id();
        });
    }

    /** Gives an existing owner the ADMIN role (used by operators and tests; there is no API for it). */
    @Transactional
    public void promoteToAdmin(String email) {
        owners.findByEmail(email).ifPresent(o -> o.changeRole(Role.ADMIN));
    }
}
