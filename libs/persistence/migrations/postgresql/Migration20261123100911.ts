import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entries" ("id" uuid not null, "workspace_id" uuid null, "project_id" uuid null, "actor_id" uuid null, "action" varchar(100) not null, "operation_id" varchar(255) null, "details" jsonb not null, "idempotency_key" varchar(400) null, "created_at" timestamptz not null, constraint "audit_entries_pkey" primary key ("id"));`);
    this.addSql(`alter table "audit_entries" add constraint "audit_entries_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "audit_entries_project_id_created_at_index" on "audit_entries" ("project_id", "created_at");`);
    this.addSql(`create index "audit_entries_workspace_id_created_at_index" on "audit_entries" ("workspace_id", "created_at");`);

    this.addSql(`create table "organisations" ("id" uuid not null, "name" varchar(200) not null, "key" uuid not null, "created_at" timestamptz not null, constraint "organisations_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisations" add constraint "organisations_key_unique" unique ("key");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "organisation_id" uuid not null, "org_roles" jsonb not null, "subject" varchar(255) null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" add constraint "users_subject_unique" unique ("subject");`);

    this.addSql(`create table "workforce_access" ("id" uuid not null, "manager_id" uuid not null, "managed_id" uuid not null, "created_at" timestamptz not null, constraint "workforce_access_pkey" primary key ("id"));`);
    this.addSql(`alter table "workforce_access" add constraint "workforce_access_manager_id_managed_id_unique" unique ("manager_id", "managed_id");`);

    this.addSql(`create table "workspaces" ("id" uuid not null, "name" varchar(200) not null, "owner_organisation_id" uuid not null, "created_at" timestamptz not null, constraint "workspaces_pkey" primary key ("id"));`);

    this.addSql(`create table "projects" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "owner_id" uuid not null, "organisation_id" uuid not null, "organisation_project" boolean not null, "collaboration_project" boolean not null, "reversible" boolean not null, "version" int not null default 1, "created_at" timestamptz not null, constraint "projects_pkey" primary key ("id"));`);

    this.addSql(`create table "shares" ("id" uuid not null, "project_id" uuid not null, "user_id" uuid not null, "permissions" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "shares_pkey" primary key ("id"));`);
    this.addSql(`alter table "shares" add constraint "shares_project_id_user_id_unique" unique ("project_id", "user_id");`);

    this.addSql(`create table "project_requests" ("id" uuid not null, "project_id" uuid not null, "kind" varchar(16) not null, "status" varchar(16) not null default 'submitted', "description" text null, "submitted_by_id" uuid not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "created_at" timestamptz not null, constraint "project_requests_pkey" primary key ("id"));`);
    this.addSql(`create index "project_requests_project_id_status_index" on "project_requests" ("project_id", "status");`);

    this.addSql(`create table "project_collaborators" ("id" uuid not null, "project_id" uuid not null, "organisation_id" uuid not null, "can_reverse" boolean not null default false, "created_at" timestamptz not null, constraint "project_collaborators_pkey" primary key ("id"));`);
    this.addSql(`alter table "project_collaborators" add constraint "project_collaborators_project_id_organisation_id_unique" unique ("project_id", "organisation_id");`);

    this.addSql(`create table "invitations" ("id" uuid not null, "workspace_id" uuid not null, "email" varchar(320) not null, "inviter_id" uuid not null, "organisation_id" uuid null, "types" jsonb not null, "role" varchar(32) null, "project_access" jsonb not null, "token_hash" varchar(64) not null, "status" varchar(16) not null, "pending_key" varchar(400) null, "expires_at" timestamptz not null, "last_sent_at" timestamptz null, "reminded_at" timestamptz null, "accepted_at" timestamptz null, "accepted_user_id" uuid null, "workflow_id" varchar(255) not null, "created_at" timestamptz not null, constraint "invitations_pkey" primary key ("id"));`);
    this.addSql(`alter table "invitations" add constraint "invitations_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "invitations" add constraint "invitations_pending_key_unique" unique ("pending_key");`);
    this.addSql(`create index "invitations_inviter_id_created_at_index" on "invitations" ("inviter_id", "created_at");`);
    this.addSql(`create index "invitations_workspace_id_status_index" on "invitations" ("workspace_id", "status");`);

    this.addSql(`create table "collaborators" ("id" uuid not null, "workspace_id" uuid not null, "organisation_id" uuid not null, "types" jsonb not null, "project_access" varchar(16) not null, "auto_invite" boolean not null, "auto_invite_role" varchar(32) null, "invited_by" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "collaborators_pkey" primary key ("id"));`);
    this.addSql(`create index "collaborators_organisation_idx" on "collaborators" ("organisation_id");`);
    this.addSql(`alter table "collaborators" add constraint "collaborators_workspace_id_organisation_id_unique" unique ("workspace_id", "organisation_id");`);

    this.addSql(`create table "project_access_grants" ("id" uuid not null, "collaborator_id" uuid not null, "project_id" uuid not null, constraint "project_access_grants_pkey" primary key ("id"));`);
    this.addSql(`alter table "project_access_grants" add constraint "project_access_grants_collaborator_id_project_id_unique" unique ("collaborator_id", "project_id");`);

    this.addSql(`create table "workspace_members" ("id" uuid not null, "workspace_id" uuid not null, "user_id" uuid not null, "organisation_id" uuid not null, "roles" jsonb not null, "created_at" timestamptz not null, constraint "workspace_members_pkey" primary key ("id"));`);
    this.addSql(`create index "workspace_members_user_idx" on "workspace_members" ("user_id");`);
    this.addSql(`create index "workspace_members_organisation_idx" on "workspace_members" ("organisation_id");`);
    this.addSql(`alter table "workspace_members" add constraint "workspace_members_workspace_id_user_id_unique" unique ("workspace_id", "user_id");`);

    this.addSql(`alter table "users" add constraint "users_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workforce_access" add constraint "workforce_access_manager_id_foreign" foreign key ("manager_id") references "organisations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "workforce_access" add constraint "workforce_access_managed_id_foreign" foreign key ("managed_id") references "organisations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workspaces" add constraint "workspaces_owner_organisation_id_foreign" foreign key ("owner_organisation_id") references "organisations" ("id") on update cascade;`);

    this.addSql(`alter table "projects" add constraint "projects_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "projects" add constraint "projects_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "projects" add constraint "projects_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on update cascade;`);

    this.addSql(`alter table "shares" add constraint "shares_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "shares" add constraint "shares_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_requests" add constraint "project_requests_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_requests" add constraint "project_requests_submitted_by_id_foreign" foreign key ("submitted_by_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "project_requests" add constraint "project_requests_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "project_collaborators" add constraint "project_collaborators_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_collaborators" add constraint "project_collaborators_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on update cascade;`);

    this.addSql(`alter table "invitations" add constraint "invitations_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invitations" add constraint "invitations_inviter_id_foreign" foreign key ("inviter_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "collaborators" add constraint "collaborators_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "collaborators" add constraint "collaborators_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_access_grants" add constraint "project_access_grants_collaborator_id_foreign" foreign key ("collaborator_id") references "collaborators" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_access_grants" add constraint "project_access_grants_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "workspace_members" add constraint "workspace_members_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "workspace_members" add constraint "workspace_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

}
