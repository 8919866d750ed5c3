create table tenant (
  tenant_id   varchar(64)  primary key,
  name        varchar(200) not null,
  version     bigint       not null,
  created_at  timestamp    not null
);

create table security_contact (
  contact_id    varchar(64)  primary key,
  tenant_id     varchar(64)  not null references tenant (tenant_id),
  display_name  varchar(200) not null,
  title         varchar(200),
  created_at    timestamp    not null
);

create table contact_role (
  contact_id  varchar(64) not null references security_contact (contact_id) on delete cascade,
  role        varchar(32) not null,
  primary key (contact_id, role)
);

-- position keeps the order in which methods are tried when an alert escalates
create table contact_method (
  contact_id  varchar(64)  not null references security_contact (contact_id) on delete cascade,
  position    int          not null,
  channel     varchar(16)  not null,
  address     varchar(320) not null,
  primary key (contact_id, position)
);
