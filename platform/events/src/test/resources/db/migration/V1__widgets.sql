create table widget (
    id        uuid primary key,
    firm_id   uuid not null,
    name      text not null,
    sequence  int  not null
);

-- What the test consumer did: one row per handled event (no unique key, so a second effect would show).
create table widget_effect (
    id          bigint generated always as identity primary key,
    event_id    uuid not null,
    firm_id     uuid not null,
    event_type  text not null,
    subject     text not null,
    name        text
);

create table widget_tally (
    firm_id  uuid primary key,
    events   int not null
);
