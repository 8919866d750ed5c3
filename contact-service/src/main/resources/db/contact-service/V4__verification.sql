-- Verification drills (issue #17): each asks every security contact to confirm each method once.
create table verification_drill (
  drill_id      varchar(64)  primary key,
  tenant_id     varchar(64)  not null references tenant (tenant_id),
  trigger_kind  varchar(16)  not null,
  requested_by  varchar(128),
  requested_at  timestamp    not null
);
create index verification_drill_by_tenant on verification_drill (tenant_id, requested_at);

-- one row per method a drill verifies; alert_id is the alert the dispatcher opens for it
create table verification_target (
  alert_id    varchar(64)  primary key,
  drill_id    varchar(64)  not null references verification_drill (drill_id),
  tenant_id   varchar(64)  not null,
  contact_id  varchar(64)  not null,
  channel     varchar(16)  not null,
  address     varchar(320) not null
);

-- what the drills found, per method; kept when a contact is removed or a method replaced (history)
create table method_reachability (
  tenant_id          varchar(64)   not null,
  contact_id         varchar(64)   not null,
  channel            varchar(16)   not null,
  address            varchar(320)  not null,
  last_drill_id      varchar(64)   not null,
  last_requested_at  timestamp     not null,
  last_outcome       varchar(16)   not null,
  last_delivered_at  timestamp,
  last_acknowledged_at timestamp,
  time_to_ack_ms     bigint,
  failure_reason     varchar(500),
  primary key (tenant_id, contact_id, channel, address)
);

-- a scheduled drill's slot: one drill per tenant and slot, however many instances run the schedule
alter table verification_drill add column slot_at timestamp;
create unique index verification_drill_one_per_slot on verification_drill (tenant_id, slot_at);

-- a tenant at risk whose admins were asked to review its contacts: asked again with back-off
create table review_nudge (
  tenant_id   varchar(64) primary key references tenant (tenant_id),
  reminders   int         not null,
  first_at    timestamp   not null,
  last_at     timestamp   not null
);
