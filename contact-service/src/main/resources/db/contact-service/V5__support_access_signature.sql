-- who signed the acknowledgment form and how they were verified: LINK (the signing link sent to
-- them in the confirmation message, no account needed) or SIGN_IN (signed in to the console)
alter table support_access_request add column signed_by varchar(64);
alter table support_access_request add column signature_verified_by varchar(16);
