package io.github.rwsplit.examples.spring;

import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's use cases. Spring marks the JDBC connection of a {@code readOnly} transaction read-only, and rwsplit
 * runs such a transaction on one replica; every other transaction runs on the primary, its reads included.
 */
@Service
public class BookshopService {
    private final BookRepository books;
    private final JdbcTemplate jdbc;
    private final ServingNode servingNode;

    public BookshopService(BookRepository books, JdbcTemplate jdbc, ServingNode servingNode) {
        this.books = books;
        this.jdbc = jdbc;
        this.servingNode = servingNode;
    }

    /** The catalogue and the server that read it. */
    public record Catalogue(List<Book> books, long copiesInStock, long serverId) {
    }

    /** What a sale left in stock, and the server that made it. */
    public record Sale(String title, int stockLeft, long serverId) {
    }

    /** A read-only transaction: JPA and JdbcTemplate reads share one replica connection. */
    @Transactional(readOnly = true)
    public Catalogue catalogue() {
        List<Book> all = books.findAll(Sort.by("title"));
        Long copies = jdbc.queryForObject("SELECT COALESCE(SUM(stock), 0) FROM book", Long.class);
        return new Catalogue(all, copies, servingNode.serverId());
    }

    /** A read-write transaction: the read of the book, its UPDATE and the server check all run on the primary. */
    @Transactional
    public Sale sell(long bookId, int copies) {
        Book book = books.findById(bookId).orElseThrow(() -> new IllegalArgumentException("no book " + bookId));
        book.sell(copies);
        books.flush();
        return new Sale(book.getTitle(), book.getStock(), servingNode.serverId());
    }
}
