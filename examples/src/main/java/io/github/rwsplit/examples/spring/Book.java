package io.github.rwsplit.examples.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A book in the shop's catalogue; the table comes from the Flyway migrations, Hibernate only validates it. */
@Entity
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private int stock;

    protected Book() {
    }

    public Book(String title, int stock) {
        this.title = title;
        this.stock = stock;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public int getStock() {
        return stock;
    }

    void sell(int copies) {
        if (copies > stock) {
            throw new IllegalStateException("only " + stock + " copies of " + title + " left");
        }
        stock -= copies;
    }
}
