package dev.proximity.business;

import dev.proximity.account.AuthenticatedOwner;
import org.springframework.stereotype.Component;

/**
 * Looks up a business for the owner pages. Another owner's business answers exactly like one that does not
 * exist (404), so the pages do not reveal which ids are taken.
 */
@Component
class OwnedBusinesses {

    private final BusinessService service;

    OwnedBusinesses(BusinessService service) {
        this.service = service;
    }

    BusinessResponse find(AuthenticatedOwner owner, String idText) {
        long id = parse(idText);
        BusinessResponse business = service.get(id);
        if (!owner.mayManage(Long.parseLong(business.ownerId()))) {
            throw BusinessNotFoundException.forUnknownId();
        }
        return business;
    }

    private static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw BusinessNotFoundException.forUnknownId();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException overflow) {
            throw BusinessNotFoundException.forUnknownId();
        }
    }
}
