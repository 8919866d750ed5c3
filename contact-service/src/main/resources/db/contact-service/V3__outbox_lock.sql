-- Held (select ... for update) by the one instance resubmitting failed publications, so that two
-- instances of the service never send the same publication again at the same time.
create table outbox_lock (
  name  varchar(64) primary key
);
insert into outbox_lock (name) values ('resubmission');
