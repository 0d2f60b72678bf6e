package io.github.rwsplit.examples.spring;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data's repository methods run in transactions of their own when called outside one: read-only for finders
 * (so on a replica), read-write for save and delete (so on the primary).
 */
public interface BookRepository extends JpaRepository<Book, Long> {
}
