package dev.lexguard.platform.events.testapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "widget")
public class Widget {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int sequence;

    protected Widget() {
    }

    public Widget(UUID id, UUID firmId, String name, int sequence) {
        this.id = id;
        this.firmId = firmId;
        this.name = name;
        this.sequence = sequence;
    }

    public UUID getId() {
        return id;
    }

    public UUID getFirmId() {
        return firmId;
    }

    public String getName() {
        return name;
    }

    public int getSequence() {
        return sequence;
    }
}
