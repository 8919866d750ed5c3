-- The local stack's tenant to try things on: Acme Corp, whose admin is Grace and whose user is
-- Ada (the identity provider's demo people). Only the local stack adds this folder to
-- contact-service's Flyway locations; production never sees it. Inserts only what is missing,
-- so a person's own changes to Acme survive a restart.
insert into tenant (tenant_id, name, version, created_at)
select 'acme', 'Acme Corp', 0, current_timestamp
where not exists (select 1 from tenant where tenant_id = 'acme');

insert into person (tenant_id, person_id, display_name, email, tenant_admin, user_account, created_at)
select 'acme', 'grace', 'Grace Hopper', 'grace@acme.example', true, true, current_timestamp
where not exists (select 1 from person where tenant_id = 'acme' and person_id = 'grace');

insert into person (tenant_id, person_id, display_name, email, tenant_admin, user_account, created_at)
select 'acme', 'ada', 'Ada Lovelace', 'ada@acme.example', false, true, current_timestamp
where not exists (select 1 from person where tenant_id = 'acme' and person_id = 'ada');
