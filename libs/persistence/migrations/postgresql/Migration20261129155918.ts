import { Migration } from '@mikro-orm/migrations';

export class Migration20261129155918 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "audit_entries_project_id_created_at_index";`);
    this.addSql(`drop index "audit_entries_workspace_id_created_at_index";`);

    this.addSql(`create index "audit_entries_project_id_created_at_id_index" on "audit_entries" ("project_id", "created_at", "id");`);
    this.addSql(`create index "audit_entries_workspace_id_created_at_id_index" on "audit_entries" ("workspace_id", "created_at", "id");`);

    this.addSql(`create index "projects_workspace_id_created_at_id_index" on "projects" ("workspace_id", "created_at", "id");`);

    this.addSql(`drop index "invitations_workspace_id_status_index";`);

    this.addSql(`create index "invitations_workspace_id_status_created_at_id_index" on "invitations" ("workspace_id", "status", "created_at", "id");`);

    this.addSql(`drop index "collaborators_organisation_idx";`);

    this.addSql(`create index "collaborators_workspace_id_created_at_id_index" on "collaborators" ("workspace_id", "created_at", "id");`);

    this.addSql(`drop index "workspace_members_user_idx";`);

    this.addSql(`create index "workspace_members_user_id_created_at_id_index" on "workspace_members" ("user_id", "created_at", "id");`);
    this.addSql(`create index "workspace_members_workspace_id_created_at_id_index" on "workspace_members" ("workspace_id", "created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_entries_project_id_created_at_id_index";`);
    this.addSql(`drop index "audit_entries_workspace_id_created_at_id_index";`);

    this.addSql(`create index "audit_entries_project_id_created_at_index" on "audit_entries" ("project_id", "created_at");`);
    this.addSql(`create index "audit_entries_workspace_id_created_at_index" on "audit_entries" ("workspace_id", "created_at");`);

    this.addSql(`drop index "collaborators_workspace_id_created_at_id_index";`);

    this.addSql(`create index "collaborators_organisation_idx" on "collaborators" ("organisation_id");`);

    this.addSql(`drop index "invitations_workspace_id_status_created_at_id_index";`);

    this.addSql(`create index "invitations_workspace_id_status_index" on "invitations" ("workspace_id", "status");`);

    this.addSql(`drop index "projects_workspace_id_created_at_id_index";`);

    this.addSql(`drop index "workspace_members_user_id_created_at_id_index";`);
    this.addSql(`drop index "workspace_members_workspace_id_created_at_id_index";`);

    this.addSql(`create index "workspace_members_user_idx" on "workspace_members" ("user_id");`);
  }

}
