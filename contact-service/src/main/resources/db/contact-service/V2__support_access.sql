-- Customer Support Access: allowed unless the tenant blocked it (no row means allowed)
create table support_access (
  tenant_id   varchar(64) primary key references tenant (tenant_id),
  allowed     boolean     not null,
  changed_at  timestamp   not null,
  request_id  varchar(64)
);

-- each request to disable or re-enable it, through confirmation (and, to disable, a signature)
create table support_access_request (
  request_id            varchar(64)   primary key,
  tenant_id             varchar(64)   not null references tenant (tenant_id),
  action                varchar(16)   not null,
  status                varchar(24)   not null,
  requested_by          varchar(128)  not null,
  requested_by_name     varchar(200),
  on_behalf_of          varchar(64),
  contact_after_review  varchar(1000),
  confirmed_by          varchar(64),
  confirmed_channel     varchar(16),
  signed_name           varchar(200),
  signed_at             timestamp,
  form_version          varchar(32),
  created_at            timestamp     not null,
  expires_at            timestamp     not null,
  updated_at            timestamp     not null
);
create index support_access_request_by_status on support_access_request (status, expires_at);
