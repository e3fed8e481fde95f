package dev.proximity.business;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface BusinessRepository extends JpaRepository<Business, Long> {

    /** One page of an owner's businesses, newest first (ids are time-ordered), after the key {@code beforeId}. */
    List<Business> findByOwnerIdAndIdLessThanOrderByIdDesc(long ownerId, long beforeId, Limit limit);
}
