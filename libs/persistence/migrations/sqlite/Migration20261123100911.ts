import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entries\` (\`id\` text not null, \`workspace_id\` text null, \`project_id\` text null, \`actor_id\` text null, \`action\` text not null, \`operation_id\` text null, \`details\` json not null, \`idempotency_key\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`audit_entries_idempotency_key_unique\` on \`audit_entries\` (\`idempotency_key\`);`);
    this.addSql(`create index \`audit_entries_project_id_created_at_index\` on \`audit_entries\` (\`project_id\`, \`created_at\`);`);
    this.addSql(`create index \`audit_entries_workspace_id_created_at_index\` on \`audit_entries\` (\`workspace_id\`, \`created_at\`);`);

    this.addSql(`create table \`organisations\` (\`id\` text not null, \`name\` text not null, \`key\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`organisations_key_unique\` on \`organisations\` (\`key\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`email\` text not null, \`name\` text not null, \`organisation_id\` text not null, \`org_roles\` json not null, \`subject\` text null, \`created_at\` datetime not null, constraint \`users_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create index \`users_organisation_id_index\` on \`users\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`users_subject_unique\` on \`users\` (\`subject\`);`);

    this.addSql(`create table \`workforce_access\` (\`id\` text not null, \`manager_id\` text not null, \`managed_id\` text not null, \`created_at\` datetime not null, constraint \`workforce_access_manager_id_foreign\` foreign key(\`manager_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade, constraint \`workforce_access_managed_id_foreign\` foreign key(\`managed_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`workforce_access_manager_id_index\` on \`workforce_access\` (\`manager_id\`);`);
    this.addSql(`create index \`workforce_access_managed_id_index\` on \`workforce_access\` (\`managed_id\`);`);
    this.addSql(`create unique index \`workforce_access_manager_id_managed_id_unique\` on \`workforce_access\` (\`manager_id\`, \`managed_id\`);`);

    this.addSql(`create table \`workspaces\` (\`id\` text not null, \`name\` text not null, \`owner_organisation_id\` text not null, \`created_at\` datetime not null, constraint \`workspaces_owner_organisation_id_foreign\` foreign key(\`owner_organisation_id\`) references \`organisations\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`workspaces_owner_organisation_id_index\` on \`workspaces\` (\`owner_organisation_id\`);`);

    this.addSql(`create table \`projects\` (\`id\` text not null, \`workspace_id\` text not null, \`name\` text not null, \`owner_id\` text not null, \`organisation_id\` text not null, \`organisation_project\` integer not null, \`collaboration_project\` integer not null, \`reversible\` integer not null, \`version\` integer not null default 1, \`created_at\` datetime not null, constraint \`projects_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on delete cascade on update cascade, constraint \`projects_owner_id_foreign\` foreign key(\`owner_id\`) references \`users\`(\`id\`) on update cascade, constraint \`projects_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`projects_workspace_id_index\` on \`projects\` (\`workspace_id\`);`);
    this.addSql(`create index \`projects_owner_id_index\` on \`projects\` (\`owner_id\`);`);
    this.addSql(`create index \`projects_organisation_id_index\` on \`projects\` (\`organisation_id\`);`);

    this.addSql(`create table \`shares\` (\`id\` text not null, \`project_id\` text not null, \`user_id\` text not null, \`permissions\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`shares_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`shares_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`shares_project_id_index\` on \`shares\` (\`project_id\`);`);
    this.addSql(`create index \`shares_user_id_index\` on \`shares\` (\`user_id\`);`);
    this.addSql(`create unique index \`shares_project_id_user_id_unique\` on \`shares\` (\`project_id\`, \`user_id\`);`);

    this.addSql(`create table \`project_requests\` (\`id\` text not null, \`project_id\` text not null, \`kind\` text not null, \`status\` text not null default 'submitted', \`description\` text null, \`submitted_by_id\` text not null, \`decided_by_id\` text null, \`decided_at\` datetime null, \`created_at\` datetime not null, constraint \`project_requests_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`project_requests_submitted_by_id_foreign\` foreign key(\`submitted_by_id\`) references \`users\`(\`id\`) on update cascade, constraint \`project_requests_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`project_requests_project_id_index\` on \`project_requests\` (\`project_id\`);`);
    this.addSql(`create index \`project_requests_submitted_by_id_index\` on \`project_requests\` (\`submitted_by_id\`);`);
    this.addSql(`create index \`project_requests_decided_by_id_index\` on \`project_requests\` (\`decided_by_id\`);`);
    this.addSql(`create index \`project_requests_project_id_status_index\` on \`project_requests\` (\`project_id\`, \`status\`);`);

    this.addSql(`create table \`project_collaborators\` (\`id\` text not null, \`project_id\` text not null, \`organisation_id\` text not null, \`can_reverse\` integer not null default false, \`created_at\` datetime not null, constraint \`project_collaborators_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`project_collaborators_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`project_collaborators_project_id_index\` on \`project_collaborators\` (\`project_id\`);`);
    this.addSql(`create index \`project_collaborators_organisation_id_index\` on \`project_collaborators\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`project_collaborators_project_id_organisation_id_unique\` on \`project_collaborators\` (\`project_id\`, \`organisation_id\`);`);

    this.addSql(`create table \`invitations\` (\`id\` text not null, \`workspace_id\` text not null, \`email\` text not null, \`inviter_id\` text not null, \`organisation_id\` text null, \`types\` json not null, \`role\` text null, \`project_access\` json not null, \`token_hash\` text not null, \`status\` text not null, \`pending_key\` text null, \`expires_at\` datetime not null, \`last_sent_at\` datetime null, \`reminded_at\` datetime null, \`accepted_at\` datetime null, \`accepted_user_id\` text null, \`workflow_id\` text not null, \`created_at\` datetime not null, constraint \`invitations_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on delete cascade on update cascade, constraint \`invitations_inviter_id_foreign\` foreign key(\`inviter_id\`) references \`users\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`invitations_workspace_id_index\` on \`invitations\` (\`workspace_id\`);`);
    this.addSql(`create index \`invitations_inviter_id_index\` on \`invitations\` (\`inviter_id\`);`);
    this.addSql(`create unique index \`invitations_token_hash_unique\` on \`invitations\` (\`token_hash\`);`);
    this.addSql(`create unique index \`invitations_pending_key_unique\` on \`invitations\` (\`pending_key\`);`);
    this.addSql(`create index \`invitations_inviter_id_created_at_index\` on \`invitations\` (\`inviter_id\`, \`created_at\`);`);
    this.addSql(`create index \`invitations_workspace_id_status_index\` on \`invitations\` (\`workspace_id\`, \`status\`);`);

    this.addSql(`create table \`collaborators\` (\`id\` text not null, \`workspace_id\` text not null, \`organisation_id\` text not null, \`types\` json not null, \`project_access\` text not null, \`auto_invite\` integer not null, \`auto_invite_role\` text null, \`invited_by\` text null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`collaborators_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on delete cascade on update cascade, constraint \`collaborators_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`collaborators_workspace_id_index\` on \`collaborators\` (\`workspace_id\`);`);
    this.addSql(`create index \`collaborators_organisation_id_index\` on \`collaborators\` (\`organisation_id\`);`);
    this.addSql(`create index \`collaborators_organisation_idx\` on \`collaborators\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`collaborators_workspace_id_organisation_id_unique\` on \`collaborators\` (\`workspace_id\`, \`organisation_id\`);`);

    this.addSql(`create table \`project_access_grants\` (\`id\` text not null, \`collaborator_id\` text not null, \`project_id\` text not null, constraint \`project_access_grants_collaborator_id_foreign\` foreign key(\`collaborator_id\`) references \`collaborators\`(\`id\`) on delete cascade on update cascade, constraint \`project_access_grants_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`project_access_grants_collaborator_id_index\` on \`project_access_grants\` (\`collaborator_id\`);`);
    this.addSql(`create index \`project_access_grants_project_id_index\` on \`project_access_grants\` (\`project_id\`);`);
    this.addSql(`create unique index \`project_access_grants_collaborator_id_project_id_unique\` on \`project_access_grants\` (\`collaborator_id\`, \`project_id\`);`);

    this.addSql(`create table \`workspace_members\` (\`id\` text not null, \`workspace_id\` text not null, \`user_id\` text not null, \`organisation_id\` text not null, \`roles\` json not null, \`created_at\` datetime not null, constraint \`workspace_members_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on delete cascade on update cascade, constraint \`workspace_members_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`workspace_members_workspace_id_index\` on \`workspace_members\` (\`workspace_id\`);`);
    this.addSql(`create index \`workspace_members_user_id_index\` on \`workspace_members\` (\`user_id\`);`);
    this.addSql(`create index \`workspace_members_organisation_idx\` on \`workspace_members\` (\`organisation_id\`);`);
    this.addSql(`create index \`workspace_members_user_idx\` on \`workspace_members\` (\`user_id\`);`);
    this.addSql(`create unique index \`workspace_members_workspace_id_user_id_unique\` on \`workspace_members\` (\`workspace_id\`, \`user_id\`);`);
  }

}
