INSERT INTO book (title, stock) VALUES
    ('Designing Data-Intensive Applications', 7),
    ('High Performance MySQL', 3),
    ('Java Concurrency in Practice', 5);
