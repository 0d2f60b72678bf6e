CREATE TABLE account (
    id INT PRIMARY KEY,
    owner VARCHAR(40) NOT NULL,
    -- The server that ran the insert: row-based replication copies the value to the replicas, it does not re-evaluate it.
    written_by INT NOT NULL
);
